"""A visitor who reads English shops on a phone: from /en/ through the catalog, a filter and a
product to the cart, and checks out for pickup at RPPKUM, paying at the outlet. Every page
stays in English and fits a 360 px screen."""

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import expect

from catalog.models import LocationStock, ProductImage
from orders.models import Order
from tests.catalog.helpers import photo
from tests.factories import CategoryFactory, HalalCertificateFactory, ProductFactory, VendorFactory
from tests.orders.helpers import outlets

pytestmark = pytest.mark.django_db(transaction=True)

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "id" / "LC_MESSAGES" / "django.po"


@cache
def indonesian_ui_text() -> re.Pattern:
    """The site's own Indonesian wording (the translations in the catalog that differ from
    their English source), as one pattern of whole words."""
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    texts = set()
    for message in catalog:
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in translations:
            # Placeholders and markup split a sentence in the page; keep the plain ones.
            if not text or text in sources or re.search(r"[%{}<>]", text):
                continue
            if len(text.split()) > 1 or len(text) >= 5:
                texts.add(text.strip())
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(texts, key=len)[::-1])) + r")\b")


def check_english_and_fits(page, *own_words):
    """The page is English (lang, no Indonesian interface text outside ``own_words``, the
    shop's own names) and nothing scrolls sideways on a 360 px screen."""
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/en/" in page.url
    text = page.locator("body").inner_text()
    for words in own_words:
        text = text.replace(words, "")
    indonesian = sorted(set(indonesian_ui_text().findall(text)))
    assert indonesian == [], f"Indonesian text on {page.url}: {indonesian}"
    page.wait_for_load_state("load")  # stylesheet and photos in place, as a shopper sees it
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide"


def test_english_shopper_picks_up_at_rppkum_and_pays_at_the_outlet_on_a_phone(live_server, browser):
    _airport, rppkum = outlets()
    chips = CategoryFactory(slug="keripik-camilan", name="Keripik & Camilan", name_en="Chips")
    sari = VendorFactory(name="Keripik Bu Sari", slug="keripik-bu-sari")
    HalalCertificateFactory(vendor=sari)
    udin = VendorFactory(name="Dodol Pak Udin", slug="dodol-pak-udin")
    keripik = ProductFactory(
        vendor=sari, category=chips, name="Keripik Tempe Daun Jeruk", price=18000, unit="200 g"
    )
    others = [
        ProductFactory(vendor=udin, category=chips, name=name, price=price)
        for name, price in (("Dodol Betawi Ketan Hitam", 32000), ("Kerupuk Kulit Sapi", 21000))
    ]
    for product in (keripik, *others):
        ProductImage.objects.create(product=product, image=photo(f"{product.slug}.jpg"))
        LocationStock.objects.create(
            location=rppkum, product=product, status="accepted", quantity=5, shelf="B2"
        )
    # Proper names, which stay Indonesian in any language (the office's name is in the footer).
    names = ["Dinas Koperasi dan Usaha Mikro Kabupaten Tangerang", "Keripik Bu Sari"]
    names += ["Dodol Pak Udin", "RPPKUM Legok", "Legok", "Usaha keluarga."]
    names += [keripik.name, *(p.name for p in others)]

    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB")
    context.set_default_timeout(10_000)
    phone = context.new_page()

    phone.goto(live_server.url + "/en/")
    expect(phone.get_by_role("heading", name="Featured products")).to_be_visible()
    check_english_and_fits(phone, *names)

    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Catalog").click()
    expect(phone).to_have_url(live_server.url + "/en/katalog/")
    expect(phone.locator(".product-card")).to_have_count(3)
    check_english_and_fits(phone, *names)

    # Only halal-certified products: the one of Bu Sari.
    phone.get_by_text("Filter and sort").click()
    phone.get_by_label("Halal certified").check()
    phone.get_by_role("button", name="Show products").click()
    expect(phone).to_have_url(re.compile(r"/en/katalog/\?.*halal=1"))
    expect(phone.locator(".product-card")).to_have_count(1)
    check_english_and_fits(phone, *names)

    phone.get_by_role("link", name=keripik.name).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(keripik.name)
    expect(phone.locator(".price.big")).to_contain_text("18.000")
    check_english_and_fits(phone, *names)

    phone.get_by_label("Quantity").fill("2")
    phone.get_by_role("button", name="Add to cart").click()
    phone.get_by_role("link", name="See your cart").first.click()
    expect(phone).to_have_url(live_server.url + "/en/keranjang/")
    expect(phone.locator("[data-total]")).to_contain_text("36.000")
    check_english_and_fits(phone, *names)

    phone.get_by_role("link", name="Go to checkout").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Checkout")
    check_english_and_fits(phone, *names)
    phone.get_by_label("Your name").fill("Emma Walker")
    phone.get_by_label("E-mail", exact=True).fill("emma@example.com")
    phone.get_by_label("WhatsApp number").fill("0812 3456 7890")
    phone.get_by_role("radio", name=re.compile("^Pickup at RPPKUM Legok")).check()
    phone.get_by_role("radio", name=re.compile("^Pay at the outlet")).check()
    phone.get_by_role("button", name="Place order").click()

    expect(phone).to_have_url(re.compile(r"/en/pesanan/[\w-]+/$"))
    order = Order.objects.get()
    assert (order.fulfilment, order.payment_method) == ("pickup_rppkum", "at_outlet")
    assert (order.name, order.total) == ("Emma Walker", 36000)
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Order {order.number}")
    expect(phone.locator("[data-status]")).to_have_text("Waiting for payment")
    expect(phone.locator("[data-pay-at-outlet]")).to_contain_text("at the outlet")
    expect(phone.locator("[data-pickup-place]")).to_contain_text("RPPKUM Legok")
    check_english_and_fits(phone, *names, order.number)
    context.close()
