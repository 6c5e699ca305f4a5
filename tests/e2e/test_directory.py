"""The business directory on a 360 px phone: filter by kecamatan, open a profile."""

import pytest
from playwright.sync_api import expect

from tests.catalog.helpers import photo
from tests.factories import CategoryFactory, HalalCertificateFactory, ProductFactory, VendorFactory
from vendors.models import Kecamatan, Vendor

pytestmark = pytest.mark.django_db(transaction=True)


def seed():
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", name_en="Food")
    crafts = CategoryFactory(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    cikupa = Kecamatan.objects.get(name="Cikupa")
    sari = VendorFactory(
        name="Keripik Bu Sari",
        slug="keripik-bu-sari",
        description="Keripik singkong pedas dari dapur keluarga di Legok, digoreng tiap pagi.",
        description_en="Spicy cassava chips from a family kitchen in Legok, fried every morning.",
        logo=photo("sari.jpg", color=(214, 160, 66)),
    )
    HalalCertificateFactory(vendor=sari)
    ProductFactory(vendor=sari, category=food)
    anyaman = VendorFactory(
        name="Koperasi Anyaman Cikupa Sejahtera Bersama",
        slug="koperasi-anyaman",
        kind=Vendor.Kind.COOPERATIVE,
        kecamatan=cikupa,
        description="Tas dan tikar anyaman pandan dari 40 pengrajin anggota.",
    )
    ProductFactory(vendor=anyaman, category=crafts)
    VendorFactory(name="Kopi Cikupa", slug="kopi-cikupa", kecamatan=cikupa)
    VendorFactory(name="Belum Terverifikasi", status=Vendor.Status.APPLIED)


def test_a_visitor_on_a_phone_filters_by_kecamatan_and_opens_a_profile(live_server, phone):
    seed()
    phone.goto(f"{live_server.url}/umkm/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Direktori UMKM")
    expect(phone.locator(".directory-card")).to_have_count(3)
    expect(phone.get_by_text("Belum Terverifikasi")).to_have_count(0)

    phone.get_by_text("Saring", exact=True).click()  # the filters fold away on a phone
    phone.get_by_label("Kecamatan").select_option(label="Cikupa")
    phone.get_by_role("button", name="Tampilkan usaha").click()

    expect(phone.locator(".directory-card")).to_have_count(2)
    expect(phone.get_by_role("status")).to_contain_text("2 usaha")
    # Nothing wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_role("link", name="Koperasi Anyaman Cikupa Sejahtera Bersama").click()
    expect(phone).to_have_url(f"{live_server.url}/umkm/koperasi-anyaman/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Koperasi Anyaman Cikupa Sejahtera Bersama"
    )
