"""A shopper with a cart browses pages the page cache serves, each with their own cart count
in the header; a visitor without a cart sees none on the same cached page."""

import pytest
from playwright.sync_api import expect

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_shopper_keeps_their_cart_count_on_cached_pages(live_server, browser, settings):
    settings.PAGE_CACHE_SECONDS = 600
    product = ProductFactory(name="Abon Ikan Tongkol", price=35000, stock=20)
    stranger = browser.new_context(viewport={"width": 360, "height": 780})
    shopper = browser.new_context(viewport={"width": 360, "height": 780})
    try:
        page = stranger.new_page()
        for path in ("/katalog/", "/en/katalog/", "/"):
            page.goto(live_server.url + path)  # the pages are now in the cache
        buyer = shopper.new_page()
        buyer.goto(live_server.url + product.get_absolute_url())
        buyer.get_by_label("Jumlah").fill("3")
        buyer.get_by_role("button", name="Tambah ke keranjang").click()
        expect(buyer.locator(".badge-count")).to_have_text("3")  # with the "added" message
        for path in ("/katalog/", "/en/katalog/", "/"):
            response = buyer.goto(live_server.url + path)
            assert response.headers["x-page-cache"] == "hit"
            expect(buyer.locator(".cart-link .badge-count")).to_have_text("3")
        response = page.goto(live_server.url + "/katalog/")
        assert response.headers["x-page-cache"] == "hit"
        expect(page.locator(".badge-count")).to_have_count(0)
    finally:
        stranger.close()
        shopper.close()
