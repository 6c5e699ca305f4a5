"""Every main page, scanned by axe-core in the browser: nothing serious or critical for
people using a screen reader, the keyboard or a small screen, in Indonesian and in English,
on a 360 px phone and (for the busiest pages) on a desktop screen."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from catalog.demo_pages import create_outlet_pages
from catalog.models import LocationStock, ProductImage
from orders.models import Order, OutletAssignment
from orders.partnerships import services as partnerships
from orders.partnerships.models import PartnershipRequest
from orders.services.checkout import Checkout, place_order
from orders.services.fulfilment import advance_part
from tests.catalog.helpers import photo
from tests.e2e.conftest import accessibility_violations
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
    VendorFactory,
)
from tests.orders.helpers import cart_with, in_jakarta, outlets
from website.models import HomePage

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Rahasia-Aman-2026"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def build_site():
    """A small marketplace: a halal vendor with photographed products on both shelves, the
    showroom and outlet pages, an order for each pickup, a partnership request, a vendor
    account and an outlet account."""
    airport, rppkum = outlets()
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", name_en="Food")
    chips = CategoryFactory(
        slug="keripik-camilan", name="Keripik & Camilan", name_en="Chips", parent=food
    )
    vendor = VendorFactory(name="Keripik Bu Sari", slug="keripik-bu-sari")
    HalalCertificateFactory(vendor=vendor)
    MembershipFactory(vendor=vendor, user=UserFactory(username="sari", password=PASSWORD))
    products = []
    for name, price in (("Keripik Tempe Daun Jeruk", 18000), ("Keripik Singkong Balado", 15000)):
        product = ProductFactory(vendor=vendor, category=chips, name=name, price=price)
        ProductImage.objects.create(product=product, image=photo(f"{product.slug}.jpg"))
        for location in (airport, rppkum):
            LocationStock.objects.create(
                location=location, product=product, status="accepted", quantity=5, shelf="A1"
            )
        products.append(product)
    create_outlet_pages(
        HomePage.objects.get(locale__language_code="id"),
        HomePage.objects.get(locale__language_code="en"),
    )
    pickup = dict(
        name="Rina Kartika",
        email="rina@example.com",
        whatsapp="6281234567890",
        payment_method=Order.Payment.AT_OUTLET,
    )
    order = place_order(
        cart_with((products[0], 2)),
        Checkout(fulfilment=Order.Fulfilment.PICKUP_RPPKUM, **pickup),
    )
    at_airport = place_order(
        cart_with((products[1], 1)),
        Checkout(
            fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
            flight_number="GA404",
            departure_at=in_jakarta(days=1, hour=13, minute=30),
            pickup_at=in_jakarta(days=1, hour=10, minute=30),
            **pickup,
        ),
    )
    # The vendor has brought the Terminal 3 pickup to the counter: it can be handed over.
    advance_part(at_airport.parts.get(), vendor.memberships.get().user, "ready")
    request = partnerships.submit_request(
        {
            "organisation": "Hotel Cisadane Asri",
            "buyer_type": PartnershipRequest.BuyerType.HOTEL,
            "contact_name": "Rudi Hartono",
            "email": "rudi@example.com",
            "whatsapp": "6281234567891",
            "quantity": 200,
            "unit": "pak",
            "frequency": PartnershipRequest.Frequency.MONTHLY,
            "delivery_place": "Jl. Cisadane 1, Tangerang",
            "wanted_by": in_jakarta(days=30).date(),
            "needs": "Keripik untuk kamar tamu.",
        }
    )
    OutletAssignment.objects.create(
        location=airport, user=UserFactory(username="penjaga", password=PASSWORD)
    )
    assert Page.objects.filter(slug__in=["rppkum", "outlet-bandara"]).count() == 4
    return {
        "product": products[0],
        "vendor": vendor,
        "order": order,
        "at_airport": at_airport,
        "request": request,
        "airport": airport,
    }


def new_page(browser, viewport, language):
    # axe-core is injected as an inline script, which the site's Content Security Policy
    # rightly forbids; the test browser alone may bypass it.
    context = browser.new_context(
        viewport=viewport, locale="id-ID" if language == "id" else "en-GB", bypass_csp=True
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def log_in(page, base, username):
    page.goto(base + "/masuk/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(base + "/masuk/")


def scan(page, url, axe_script, language):
    """Opens the page (it must answer 200 in ``language`` at that address, not a login or
    error page) and returns its serious and critical violations."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert page.url == url, f"{url} went on to {page.url}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    return accessibility_violations(page, axe_script)


def shopper_pages(data):
    product, vendor = data["product"], data["vendor"]
    return [
        "/",
        "/katalog/",
        "/katalog/?kategori=keripik-camilan&halal=1&rppkum=1&harga_max=20000&urut=termurah",
        product.get_absolute_url(),
        vendor.get_absolute_url(),
        "/umkm/",
        "/umkm/?kecamatan=cikupa&halal=on",
        "/rppkum/",
        "/outlet-bandara/",
        "/cari/?q=keripik",
        "/kemitraan/",
        data["request"].get_absolute_url(),
        data["order"].get_absolute_url(),
        "/masuk/",
        "/daftar-umkm/",
    ]


def in_language(path, language):
    """The page's address in ``language``: Indonesian at /, English under /en/."""
    if language == "en" and not path.startswith("/en/"):
        return "/en" + path
    return path


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_main_page_on_a_phone_has_no_serious_accessibility_problem(
    live_server, browser, axe_script, language
):
    data = build_site()
    base = live_server.url + ("/en" if language == "en" else "")
    found = []

    shopper = new_page(browser, PHONE, language)
    for path in shopper_pages(data):
        found += scan(shopper, live_server.url + in_language(path, language), axe_script, language)
    # The catalog's filters, folded away on a phone until some are chosen, opened.
    shopper.goto(live_server.url + in_language("/katalog/", language))
    shopper.locator(".filters summary").click()
    expect(shopper.locator(".filter-form button[type=submit]")).to_be_visible()
    found += accessibility_violations(shopper, axe_script)
    # With something in the cart: the cart and the checkout form.
    shopper.goto(live_server.url + in_language(data["product"].get_absolute_url(), language))
    shopper.locator("form.buy-box button[type=submit]").click()
    expect(shopper.locator(".badge-count")).to_have_text("1")
    for path in ("/keranjang/", "/checkout/"):
        found += scan(shopper, base + path, axe_script, language)
    shopper.context.close()

    vendor = new_page(browser, PHONE, language)
    log_in(vendor, base, "sari")
    product_pk = data["product"].pk
    for path in ("/dasbor/", "/dasbor/produk/baru/", f"/dasbor/produk/{product_pk}/"):
        found += scan(vendor, base + path, axe_script, language)
    found += scan(vendor, base + "/dasbor/pesanan/?status=all", axe_script, language)
    expect(vendor.locator("main")).to_contain_text(data["order"].number)
    part = data["order"].parts.get()
    found += scan(vendor, base + f"/dasbor/pesanan/{part.pk}/", axe_script, language)
    expect(vendor.locator("#next-step form")).to_have_count(1)  # to bring to the outlet
    vendor.context.close()

    counter = new_page(browser, PHONE, language)
    log_in(counter, base, "penjaga")
    found += scan(counter, base + f"/outlet/{data['airport'].slug}/", axe_script, language)
    expect(counter.locator("main")).to_contain_text("GA404")
    handover = f"/outlet/{data['airport'].slug}/{data['at_airport'].number}/ambil/"
    found += scan(counter, base + handover, axe_script, language)
    expect(counter.locator("input[name=confirm]")).to_have_count(1)
    counter.context.close()

    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", ["id", "en"])
def test_busiest_pages_on_a_desktop_screen_have_no_serious_accessibility_problem(
    live_server, browser, axe_script, language
):
    data = build_site()
    page = new_page(browser, DESKTOP, language)
    found = []
    for path in shopper_pages(data)[:4]:  # home, catalog, filtered catalog, product
        found += scan(page, live_server.url + in_language(path, language), axe_script, language)
    page.locator("form.buy-box button[type=submit]").click()
    expect(page.locator(".badge-count")).to_have_text("1")
    for path in ("/keranjang/", "/checkout/"):
        found += scan(page, live_server.url + in_language(path, language), axe_script, language)
    page.context.close()
    assert found == [], "\n".join(found)


def test_the_scan_finds_a_photo_without_a_description(browser, axe_script):
    """The scanner itself works: a page with an unlabelled image and field fails."""
    page = browser.new_page()
    page.set_content(
        '<html lang="id"><title>Uji</title><main><img src="x.png"><input type="text"></main>'
    )
    found = accessibility_violations(page, axe_script)
    assert {line.split()[2].rstrip(":") for line in found} == {"image-alt", "label"}
    page.close()
