"""What a shopper sees of three rules: whether a product can be collected at Terminal 3 (on
the product page and as a catalog filter, before checkout), the bulk price a quantity
reaches (in the cart, charged in the order), and the English order page (English names,
WhatsApp numbers as +62 … linked to the business and the outlet)."""

import re

import pytest
from playwright.sync_api import expect

from catalog.models import Location, LocationStock, TierPrice
from orders.models import Order
from tests.factories import CategoryFactory, ProductFactory, VendorFactory
from tests.orders.helpers import outlets

pytestmark = pytest.mark.django_db(transaction=True)


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_the_product_page_and_the_catalog_say_what_can_be_collected_at_terminal_3(
    live_server, phone
):
    airport, _rppkum = outlets()
    chips = CategoryFactory(slug="keripik-camilan", name="Keripik", name_en="Chips")
    sari = VendorFactory(name="Keripik Bu Sari")
    brought = ProductFactory(
        vendor=sari, category=chips, name="Keripik Tempe Pedas", bringable_to_airport=True
    )
    on_shelf = ProductFactory(vendor=sari, category=chips, name="Keripik Pisang Manis")
    LocationStock.objects.create(location=airport, product=on_shelf, status="accepted", quantity=4)
    stays_home = ProductFactory(vendor=sari, category=chips, name="Kerupuk Kulit Basah")

    phone.goto(f"{live_server.url}/produk/{brought.slug}/")
    place = phone.locator('[data-pickup="sentral-oleh-oleh-t3"]')
    expect(place).to_contain_text("Bisa diambil di Terminal 3")
    expect(place).to_contain_text("usaha ini mengantarnya ke sana tepat waktu")
    expect(phone.get_by_text("Belum ada di rak outlet saat ini; pesan online.")).to_have_count(0)
    fits(phone, 360)

    phone.goto(f"{live_server.url}/produk/{stays_home.slug}/")
    place = phone.locator('[data-pickup="sentral-oleh-oleh-t3"]')
    expect(place).to_contain_text("Tidak bisa diambil di Terminal 3")
    expect(phone.locator('[data-pickup="rppkum-legok"]')).to_contain_text(
        "Bisa diambil di RPPKUM Legok"
    )

    phone.goto(f"{live_server.url}/katalog/")
    expect(phone.locator(".product-card")).to_have_count(3)
    phone.get_by_text("Saring dan urutkan").click()
    expect(phone.get_by_label("Bisa diambil di Terminal 3")).to_be_visible()
    phone.get_by_label("Bisa diambil di Terminal 3").check()
    phone.get_by_role("button", name="Tampilkan produk").click()
    expect(phone).to_have_url(re.compile(r"ambil_bandara=1"))
    expect(phone.locator(".product-card")).to_have_count(2)
    expect(phone.get_by_role("link", name="Kerupuk Kulit Basah")).to_have_count(0)
    fits(phone, 360)


@pytest.mark.parametrize("width", [360, 1280])
def test_an_english_bulk_order_is_charged_and_shown_in_english_with_whatsapp_links(
    live_server, browser, width
):
    _airport, rppkum = outlets()
    Location.objects.filter(pk=rppkum.pk).update(whatsapp="081122334455")
    vendor = VendorFactory(name="Keripik Bu Sari", whatsapp="6281234567890")
    product = ProductFactory(
        vendor=vendor,
        name="Keripik Tempe Grosir",
        name_en="Wholesale Tempeh Chips",
        price=81000,
        stock=200,
        unit="5 packs",
    )
    TierPrice.objects.create(product=product, min_quantity=20, price=72900)

    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/produk/{product.slug}/")
    expect(page.locator("table.tiers")).to_contain_text("72.900")
    page.get_by_label("Quantity").fill("20")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="See your cart").first.click()
    expect(page.locator("[data-unit-price]")).to_contain_text("Rp 72.900")
    expect(page.locator("[data-bulk-price]")).to_have_text(
        "Bulk price for 20 or more (list price Rp 81.000)"
    )
    expect(page.locator("[data-total]")).to_have_text("Rp 1.458.000")
    fits(page, width)

    page.get_by_role("link", name="Go to checkout").click()
    page.get_by_label("Your name").fill("Emma Walker")
    page.get_by_label("E-mail", exact=True).fill("emma@example.com")
    page.get_by_label("WhatsApp number").fill("0812 9999 8888")
    page.get_by_role("radio", name=re.compile("^Pickup at RPPKUM Legok")).check()
    page.get_by_role("radio", name=re.compile("^Pay at the outlet")).check()
    page.get_by_role("button", name="Place order").click()

    expect(page).to_have_url(re.compile(r"/en/pesanan/[\w-]+/$"))
    assert Order.objects.get().total == 1_458_000
    part = page.locator("[data-part]")
    expect(part).to_contain_text("20 × Wholesale Tempeh Chips")
    expect(part).not_to_contain_text("Keripik Tempe Grosir")
    expect(part).to_contain_text("Rp 72.900")
    vendor_link = part.get_by_role("link", name="+62 812-3456-7890")
    expect(vendor_link).to_have_attribute("href", "https://wa.me/6281234567890")
    outlet_link = page.locator("[data-pickup-place]").get_by_role("link", name="+62 811-2233-4455")
    expect(outlet_link).to_have_attribute("href", "https://wa.me/6281122334455")
    expect(page.locator("dd", has_text="emma@example.com")).to_contain_text("+62 812-9999-8888")
    expect(page.locator("[data-total]")).to_have_text("Rp 1.458.000")
    fits(page, width)
    context.close()
