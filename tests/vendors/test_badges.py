import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import HalalCertificateFactory, ProductFactory, VendorFactory
from vendors.models import HalalCertificate, Vendor

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
# 2026-11-24 01:00 in Asia/Jakarta, 2026-11-23 18:00 UTC.
JAKARTA_EARLY_MORNING = datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("expires_on", "revoked", "status", "valid"),
    [
        (None, False, "verified", True),  # UU 6/2023: no expiry
        (TODAY, False, "verified", True),  # valid through its last day
        (TODAY - datetime.timedelta(days=1), False, "verified", False),  # expired yesterday
        (TODAY + datetime.timedelta(days=300), False, "verified", True),
        (None, True, "verified", False),  # revoked
        (None, False, "pending", False),
        (None, False, "rejected", False),
    ],
)
def test_certificate_validity_on_a_date(expires_on, revoked, status, valid):
    certificate = HalalCertificateFactory(
        expires_on=expires_on,
        status=status,
        revoked_at=timezone.now() if revoked else None,
    )
    assert certificate.is_valid_on(TODAY) is valid
    assert HalalCertificate.objects.valid_on(TODAY).filter(pk=certificate.pk).exists() is valid


def test_expiry_drops_the_halal_badge_without_any_job(client, settings):
    # 01:00 in Jakarta is still the previous day in UTC: the badge must follow Jakarta's date.
    with time_machine.travel(JAKARTA_EARLY_MORNING, tick=False) as traveller:
        vendor = VendorFactory(slug="bu-sari")
        certificate = HalalCertificateFactory(
            vendor=vendor, expires_on=timezone.localdate(), number="ID36030000000000001"
        )
        assert certificate.expires_on == datetime.date(2026, 11, 24)
        product = ProductFactory(vendor=vendor)
        assert product.is_halal
        html = client.get("/umkm/bu-sari/").content.decode()
        assert "ID36030000000000001" in html

        # The next day, with nothing run or saved in between (cached pages included):
        traveller.shift(datetime.timedelta(days=1))
        product.refresh_from_db()
        assert not product.is_halal
        html = client.get("/umkm/bu-sari/").content.decode()
        assert "ID36030000000000001" not in html
        assert certificate.expires_on < timezone.localdate()


def test_a_certificate_for_some_products_badges_only_those():
    vendor = VendorFactory()
    certificate = HalalCertificateFactory(vendor=vendor, covers_all_products=False)
    covered = ProductFactory(vendor=vendor, halal_certificate=certificate)
    other = ProductFactory(vendor=vendor)
    assert covered.is_halal
    assert not other.is_halal


def test_only_active_vendors_with_a_verified_nib_are_public(client):
    cases = {
        "aktif": (Vendor.Status.ACTIVE, Vendor.NibStatus.VERIFIED, 200),
        "daftar": (Vendor.Status.APPLIED, Vendor.NibStatus.PENDING, 404),
        "ditolak": (Vendor.Status.APPLIED, Vendor.NibStatus.REJECTED, 404),
        "beku": (Vendor.Status.SUSPENDED, Vendor.NibStatus.VERIFIED, 404),
        "belum": (Vendor.Status.ACTIVE, Vendor.NibStatus.PENDING, 404),
    }
    for slug, (status, nib_status, _) in cases.items():
        VendorFactory(slug=slug, status=status, nib_status=nib_status)
    for slug, (_, _, code) in cases.items():
        assert client.get(f"/umkm/{slug}/").status_code == code, slug
    assert client.get("/umkm/tidak-ada/").status_code == 404


def test_public_profile_shows_badges_contact_and_partnership_entry(client):
    vendor = VendorFactory(slug="kopi", name="Kopi Pagedangan", whatsapp="6281299990000")
    HalalCertificateFactory(vendor=vendor, number="ID36030000000000777")
    ProductFactory(vendor=vendor, name="Kopi Robusta Bubuk")
    html = client.get("/umkm/kopi/").content.decode()
    assert "NIB terverifikasi" in html
    assert "ID36030000000000777" in html
    assert 'href="https://wa.me/6281299990000"' in html
    assert "/kemitraan/?umkm=kopi" in html
    assert "Kopi Robusta Bubuk" in html
