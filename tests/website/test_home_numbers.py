"""The public home's headline numbers: computed from the register, in both languages."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import HalalCertificateFactory, StaffFactory, VendorFactory
from vendors import services
from vendors.figures import headline_numbers
from vendors.models import Vendor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]


def numbers(html: str) -> list[str]:
    section = html[html.index('class="headline-numbers"') :]
    section = section[: section.index("</ul>")]
    return re.findall(r"<strong>([\d.,]+)</strong>\s*([^<]+?)\s*</li>", section)


@pytest.fixture
def register():
    today = timezone.localdate()
    # Counted: active with NIB and a valid certificate; active with NIB and an expired one;
    # applied and waiting; applied without an NIB check yet, with a revoked certificate.
    HalalCertificateFactory(vendor=VendorFactory())
    HalalCertificateFactory(vendor=VendorFactory(), expires_on=today - datetime.timedelta(days=1))
    VendorFactory(status=Vendor.Status.APPLIED, nib_status=Vendor.NibStatus.PENDING)
    HalalCertificateFactory(
        vendor=VendorFactory(status=Vendor.Status.APPLIED, nib_status=Vendor.NibStatus.UNVERIFIED),
        revoked_at=timezone.now(),
    )
    # Not counted: suspended, even with a verified NIB and a valid certificate.
    HalalCertificateFactory(vendor=VendorFactory(status=Vendor.Status.SUSPENDED))


def test_headline_numbers_count_the_register_in_one_query(register, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = headline_numbers()
    assert figures == {"registered": 4, "with_nib": 2, "with_halal": 1}


def test_the_home_shows_the_numbers_in_indonesian_and_english(client, register):
    html = client.get("/").content.decode()
    assert numbers(html) == [
        ("4", "usaha mikro & koperasi terdaftar"),
        ("2", "ber-NIB terverifikasi"),
        ("1", "bersertifikat halal"),
    ]
    assert "tidak dibekukan, dengan atau tanpa NIB" in html
    assert 'href="/umkm/">Lihat direktori UMKM</a>' in html

    english = client.get("/en/").content.decode()
    assert numbers(english) == [
        ("4", "businesses registered"),
        ("2", "with a verified NIB"),
        ("1", "halal certified"),
    ]
    assert 'href="/en/umkm/">See the business directory</a>' in english


def test_the_cached_home_follows_a_suspension(client, register):
    vendor = VendorFactory()
    assert numbers(client.get("/").content.decode())[0][0] == "5"

    services.change_vendor_status(vendor, Vendor.Status.SUSPENDED, StaffFactory(), "Izin dicabut")

    assert numbers(client.get("/").content.decode())[0][0] == "4"


HOME_QUERIES_WARM = 9  # Wagtail's routing (5), the newest products' ids, their cards' rows


def test_the_home_counts_the_register_once_per_change(client, register, settings):
    """With the page cache off (signed-in visitors, the first visit after a change), the
    numbers, the makers and the footer come from fragments cached per content generation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    assert numbers(client.get("/").content.decode())[0][0] == "4"
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert numbers(html)[0][0] == "4"
    assert not [q for q in queries if "vendors_vendor" in q["sql"]]  # no count, no makers
    assert len(queries) <= HOME_QUERIES_WARM
    VendorFactory(name="Kopi Baru Tigaraksa")  # a public change: counted at once
    html = client.get("/").content.decode()
    assert numbers(html)[0][0] == "5"
    assert "Kopi Baru Tigaraksa" in html
