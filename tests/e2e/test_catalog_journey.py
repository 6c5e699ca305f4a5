import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from catalog.models import Location, LocationStock, Product
from catalog.services import accept_for_location
from tests.catalog.helpers import products_with_photos
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), (214, 160, 66)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_vendor_publishes_a_product_and_a_shopper_finds_it_by_search_and_filters(
    live_server, browser
):
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman")
    CategoryFactory(slug="keripik-camilan", name="Keripik & Camilan", parent=food)
    vendor = VendorFactory(name="Keripik Bu Sari", slug="keripik-bu-sari")
    HalalCertificateFactory(vendor=vendor, number="ID36030000000012345")
    MembershipFactory(vendor=vendor, user=UserFactory(username="sari", password="Rahasia-123"))
    airport = Location.objects.create(
        name="Sentral Oleh-Oleh T3",
        slug="sentral-oleh-oleh-t3",
        kind="airport",
        address="Terminal 3",
        opens_at="05:00",
        closes_at="22:00",
    )
    products_with_photos(3)  # other products in the catalog, none halal nor at T3

    # The vendor adds a product with a photo on a phone, publishes it, proposes it for T3.
    phone = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    phone.set_default_timeout(10_000)
    phone.goto(live_server.url + "/masuk/")
    phone.get_by_label("E-mail atau nama pengguna").fill("sari")
    phone.get_by_label("Kata sandi").fill("Rahasia-123")
    phone.locator("main button[type=submit]").click()
    phone.goto(live_server.url + "/dasbor/produk/baru/")
    phone.get_by_label("Kategori").select_option(label="Keripik & Camilan")
    phone.get_by_label("Nama", exact=True).fill("Keripik Tempe Daun Jeruk")
    phone.get_by_label("Harga (Rp)").fill("18000")
    phone.get_by_label("Satuan", exact=True).fill("200 g")
    phone.get_by_label("Stok online").fill("25")
    phone.locator("input[type=file]").set_input_files(
        {"name": "keripik.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}
    )
    phone.get_by_role("button", name="Simpan dan tayangkan").click()
    expect(phone.get_by_text("Tayang").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.locator("#id_location").select_option(label="Sentral Oleh-Oleh T3")
    phone.get_by_role("button", name="Usulkan").click()
    product = Product.objects.get(name="Keripik Tempe Daun Jeruk")
    assert product.status == "published" and product.images.count() == 1

    # Outlet staff accept it for the Terminal 3 shelf.
    stock = LocationStock.objects.get(product=product, location=airport)
    accept_for_location(stock, StaffFactory(), quantity=12, shelf="A1")

    # A shopper searches "keripik", filters halal + Terminal 3, opens the product.
    shopper = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    shopper.set_default_timeout(10_000)
    shopper.goto(live_server.url + "/")
    shopper.get_by_label("Cari produk, usaha, dan halaman").fill("keripik")
    shopper.get_by_label("Cari produk, usaha, dan halaman").press("Enter")
    shopper.goto(live_server.url + "/katalog/?q=keripik")
    expect(shopper.locator(".product-card")).to_have_count(4)
    shopper.get_by_text("Saring dan urutkan").click()
    shopper.get_by_label("Bersertifikat halal").check()
    shopper.get_by_label("Ada di rak Terminal 3").check()
    shopper.get_by_role("button", name="Tampilkan produk").click()
    expect(shopper.locator(".product-card")).to_have_count(1)
    shopper.get_by_role("link", name="Keripik Tempe Daun Jeruk").click()
    expect(shopper.get_by_role("heading", level=1)).to_have_text("Keripik Tempe Daun Jeruk")
    expect(shopper.locator(".vendor-box .badge-halal")).to_be_visible()
    expect(shopper.get_by_text("Sentral Oleh-Oleh T3")).to_be_visible()
    assert shopper.evaluate("document.documentElement.scrollWidth") <= 360
