"""Every main page on a 360 px phone, in Indonesian and in English: nothing sticks out past
the right edge of the screen, every link of the site's header can be reached without
scrolling sideways, and no amount of money is broken over two lines."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from catalog.demo_pages import create_outlet_pages
from catalog.models import LocationStock, ProductImage
from orders.models import Order, OutletAssignment
from orders.services.checkout import Checkout, place_order
from tests.catalog.helpers import photo
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


def build_site():
    """A vendor with a long name and photographed products on both shelves, the showroom
    and outlet pages, a pickup order, a vendor account and an outlet account."""
    airport, rppkum = outlets()
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", name_en="Food")
    chips = CategoryFactory(
        slug="keripik-camilan", name="Keripik & Camilan", name_en="Chips", parent=food
    )
    vendor = VendorFactory(
        name="Koperasi Produsen Keripik Sukamaju Pasar Kemis", slug="koperasi-sukamaju"
    )
    HalalCertificateFactory(vendor=vendor)
    MembershipFactory(vendor=vendor, user=UserFactory(username="sari", password=PASSWORD))
    products = []
    for name, price in (
        ("Keripik Tempe Daun Jeruk Purut Pedas Manis Ekstra Renyah", 85000),
        ("Keripik Singkong Balado", 1250000),
    ):
        product = ProductFactory(vendor=vendor, category=chips, name=name, price=price, stock=50)
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
    order = place_order(
        cart_with((products[0], 2), (products[1], 1)),
        Checkout(
            fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
            flight_number="GA404",
            departure_at=in_jakarta(days=1, hour=13, minute=30),
            pickup_at=in_jakarta(days=1, hour=10, minute=30),
            name="Rina Kartika Wulandari",
            email="rina.kartika.wulandari@example.com",
            whatsapp="6281234567890",
            payment_method=Order.Payment.AT_OUTLET,
        ),
    )
    OutletAssignment.objects.create(
        location=airport, user=UserFactory(username="penjaga", password=PASSWORD)
    )
    assert Page.objects.filter(slug__in=["rppkum", "outlet-bandara"]).count() == 4
    return {"product": products[0], "vendor": vendor, "order": order, "airport": airport}


# Runs in the page: what sticks out past the right edge, which header links cannot be
# reached without scrolling sideways (after opening any folded header menu), and which
# amounts in Rupiah are broken over two lines.
LAYOUT_PROBLEMS = """() => {
  const width = window.innerWidth;
  const root = document.documentElement;
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '')
    + ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  if (root.scrollWidth > width) {
    problems.push(`the page is ${root.scrollWidth} px wide on a ${width} px screen`);
  }
  const shown = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && box.width > 1 && box.height > 1;
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5) {
      problems.push(`${name(el)} reaches ${Math.round(box.right)} px`);
    }
    // Content squeezed out of its own box runs under its neighbours (the brand under the
    // cart), even when it stays on the screen.
    if (getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1
        && el.clientWidth > 0) {
      problems.push(`${name(el)} is ${el.scrollWidth} px wide in a ${el.clientWidth} px box`);
    }
  }
  for (const summary of document.querySelectorAll('header details:not([open]) > summary')) {
    summary.click();
  }
  for (const link of document.querySelectorAll('header nav a')) {
    window.scrollTo(0, link.getBoundingClientRect().top + window.scrollY - 100);
    const box = link.getBoundingClientRect();
    const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!shown(link) || box.left < 0 || box.right > width + 0.5 || !link.contains(at)) {
      problems.push(`header link ${name(link)} cannot be reached (${Math.round(box.left)}`
        + `–${Math.round(box.right)} px)`);
    }
  }
  window.scrollTo(0, 0);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !shown(node.parentElement)) continue;
    for (const match of node.data.matchAll(/-?Rp\\u00a0[0-9.]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
      if (lines.size > 1) {
        problems.push(`"${match[0]}" in ${name(node.parentElement)} is split over two lines`);
      }
    }
  }
  return [...new Set(problems)].slice(0, 15);
}"""


def problems_on(page, url, language):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert page.url == url, f"{url} went on to {page.url}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    return [f"{url}: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]


def new_phone(browser, language):
    context = browser.new_context(viewport=PHONE, locale="id-ID" if language == "id" else "en-GB")
    context.set_default_timeout(10_000)
    return context.new_page()


def log_in(page, base, username):
    page.goto(base + "/masuk/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(base + "/masuk/")


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_main_page_fits_a_phone_with_header_links_in_reach_and_amounts_unbroken(
    live_server, browser, language
):
    data = build_site()
    base = live_server.url + ("/en" if language == "en" else "")
    found = []

    shopper = new_phone(browser, language)
    # Something in the cart first, so that the header shows its count on every page.
    shopper.goto(base + data["product"].get_absolute_url().removeprefix("/en"))
    shopper.locator("form.buy-box input[name=quantity]").fill("12")
    shopper.locator("form.buy-box button[type=submit]").click()
    expect(shopper.locator(".badge-count")).to_have_text("12")
    for path in (
        "/",
        "/katalog/",
        "/katalog/?kategori=keripik-camilan&halal=1&rppkum=1&urut=termurah",
        data["product"].get_absolute_url(),
        data["vendor"].get_absolute_url(),
        "/umkm/",
        "/rppkum/",
        "/outlet-bandara/",
        "/keranjang/",
        "/checkout/",
        data["order"].get_absolute_url(),
        "/kemitraan/",
        "/daftar-umkm/",
        "/masuk/",
        "/masuk/lupa-sandi/",
        "/cari/?q=keripik",
    ):
        found += problems_on(shopper, base + path.removeprefix("/en"), language)
    shopper.context.close()

    vendor = new_phone(browser, language)
    log_in(vendor, base, "sari")
    found += problems_on(vendor, base + "/dasbor/", language)
    vendor.context.close()

    counter = new_phone(browser, language)
    log_in(counter, base, "penjaga")
    found += problems_on(counter, base + f"/outlet/{data['airport'].slug}/", language)
    expect(counter.locator("main")).to_contain_text("GA404")
    counter.context.close()

    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", ["id", "en"])
def test_after_filtering_the_catalog_on_a_phone_the_results_are_in_view(
    live_server, browser, language
):
    build_site()
    ProductFactory.create_batch(3, category=CategoryFactory(slug="batik", name="Batik"))
    base = live_server.url + ("/en" if language == "en" else "")
    shopper = new_phone(browser, language)
    shopper.goto(base + "/katalog/")
    expect(shopper.locator(".product-card")).to_have_count(5)

    shopper.locator(".filters summary").click()
    shopper.locator("#f-halal").check()
    shopper.locator(".filter-form button[type=submit]").click()

    expect(shopper).to_have_url(re.compile(r"/katalog/\?(.*&)?halal=1"))
    expect(shopper.locator(".product-card")).to_have_count(2)
    expect(shopper.locator(".product-card").first).to_be_in_viewport()
    shopper.context.close()
