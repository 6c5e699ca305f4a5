"""The world of the record and RAT tests: a cooperative with its admin, another cooperative,
a micro-business, an officer. Time is frozen in 2026 (the last book year is 2025)."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.factories import MembershipFactory, StaffFactory, UserFactory, VendorFactory
from vendors.cooperatives.services import cooperative_for
from vendors.models import Vendor

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JOINED = datetime.datetime(2025, 6, 2, 2, 0, tzinfo=datetime.UTC)
NOW = datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Jakarta


def pdf(name="rat-2025.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def officer():
    return StaffFactory(username="petugas", first_name="Dewi", last_name="Lestari")


@pytest.fixture
def admin_user():
    return UserFactory(username="ketua", email="ketua@example.com")


@pytest.fixture
def coop_vendor(frozen, admin_user):
    vendor = VendorFactory(
        name="Koperasi Sari Tani",
        slug="koperasi-sari-tani",
        kind=Vendor.Kind.COOPERATIVE,
        member_count=120,
        email="kop@example.com",
        created_at=JOINED,
    )
    MembershipFactory(vendor=vendor, user=admin_user)
    return vendor


@pytest.fixture
def coop(coop_vendor):
    return cooperative_for(coop_vendor)


@pytest.fixture
def other_admin():
    return UserFactory(username="lain", email="lain@example.com")


@pytest.fixture
def other_coop(frozen, other_admin):
    vendor = VendorFactory(
        name="KDKMP Cisoka", slug="kdkmp-cisoka", kind=Vendor.Kind.VILLAGE_COOPERATIVE
    )
    MembershipFactory(vendor=vendor, user=other_admin)
    return cooperative_for(vendor)


@pytest.fixture
def micro_owner():
    user = UserFactory(username="mikro")
    MembershipFactory(vendor=VendorFactory(name="Keripik", slug="keripik"), user=user)
    return user


@pytest.fixture
def english():
    """The services' messages read in English (the catalogs translate them to Indonesian)."""
    with translation.override("en"):
        yield
