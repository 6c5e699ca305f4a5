"""A cooperative's number of members is a dated history recorded on its own page: the
business profile form shows the latest count and cannot change it."""

# ruff: noqa: F811
import datetime

import pytest

from tests.vendors.cooperatives.record_fixtures import (  # noqa: F401 (fixtures)
    admin_user,
    coop,
    coop_vendor,
    frozen,
)
from tests.vendors.helpers import profile_form
from vendors.cooperatives import services

pytestmark = pytest.mark.django_db


def test_the_profile_shows_the_latest_count_and_cannot_change_it(client, coop, admin_user):
    vendor = coop.vendor
    services.record_member_count(coop, admin_user, datetime.date(2026, 3, 1), 50)
    client.force_login(admin_user)
    page = client.get("/dasbor/profil/").content.decode()
    assert "Catat jumlah baru di bagian Koperasi" in page
    data = profile_form(vendor, kind=vendor.kind, member_count="999")
    assert client.post("/dasbor/profil/", data).status_code == 302
    vendor.refresh_from_db()
    assert vendor.member_count == 50
