"""A shopper on a phone types in the header's search box and sees products, however they
spell them (issue 13: the box used to search only the editorial pages)."""

import pytest
from playwright.sync_api import expect

from catalog.models import SearchSynonym
from tests.factories import CategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def search_from_the_header(page, words):
    box = page.get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    page.wait_for_load_state()


def product_titles(page):
    return sorted(page.locator(".product-card .card-title").all_inner_texts())


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_shopper_types_in_the_header_search_box_and_sees_products(live_server, phone):
    chips = CategoryFactory(slug="keripik-camilan", name="Keripik", name_en="Chips")
    sari = VendorFactory(name="Keripik Bu Sari")
    ProductFactory(vendor=sari, category=chips, name="Keripik Tempe", name_en="Tempeh Chips")
    ProductFactory(vendor=sari, category=chips, name="Keripik Pisang", name_en="Banana Chips")
    # A transactional test may start with the seeded list or without it: this one's own.
    SearchSynonym.objects.all().delete()
    SearchSynonym.objects.create(term="keripik", variants="kripik")
    SearchSynonym.objects.create(term="chips", variants="crisps")

    phone.goto(live_server.url + "/")
    search_from_the_header(phone, "keripik")
    expect(phone).to_have_url(live_server.url + "/cari/?q=keripik")
    expect(phone.get_by_role("heading", name="Produk", exact=True)).to_be_visible()
    assert product_titles(phone) == ["Keripik Pisang", "Keripik Tempe"]
    expect(phone.locator(".vendor-card")).to_contain_text("Keripik Bu Sari")
    assert fits_the_screen(phone)

    # The other common spelling finds the same, from any page's header.
    search_from_the_header(phone, "kripik")
    assert product_titles(phone) == ["Keripik Pisang", "Keripik Tempe"]

    # A slip of the finger: only products match, so the catalog shows them, with a hint.
    search_from_the_header(phone, "keripk")
    expect(phone).to_have_url(live_server.url + "/katalog/?q=keripk")
    expect(phone.locator(".did-you-mean")).to_contain_text("Mungkin maksud Anda: keripik")
    assert product_titles(phone) == ["Keripik Pisang", "Keripik Tempe"]
    assert fits_the_screen(phone)

    # In English, the same box finds the English names.
    phone.goto(live_server.url + "/en/")
    search_from_the_header(phone, "crisps")
    expect(phone).to_have_url(live_server.url + "/en/katalog/?q=crisps")
    assert product_titles(phone) == ["Banana Chips", "Tempeh Chips"]
    assert fits_the_screen(phone)
