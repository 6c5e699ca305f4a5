"""Countering on a phone: the hotel's buyer opens a quote's counter-offer form on the private
page (Indonesian, 360 px), a price of zero is refused with what was typed kept, the counter
is sent; the vendor (English, 360 px) sees it and accepts; the buyer's page shows the agreed
terms and the rounds. No sideways scrolling; nothing serious for axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.partnerships import services as partnerships
from orders.partnerships.models import Quote
from tests.e2e.conftest import accessibility_violations
from tests.factories import StaffFactory
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    quote_terms,
    request_data,
    seller,
)

pytestmark = pytest.mark.django_db(transaction=True)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_buyer_counters_on_a_phone_and_the_vendor_accepts(live_server, browser, axe_script):
    snacks = category_tree()[1]
    vendor, vendor_user, _product = seller("Keripik Bu Sari", snacks)
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.match_vendors(request, [vendor], StaffFactory())
    quote = partnerships.submit_quote(request, vendor, vendor_user, **quote_terms())
    first = timezone.localdate() + datetime.timedelta(days=10)

    # A 360 px phone; CSP bypassed only so that axe-core can be injected.
    buyer = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", bypass_csp=True
    )
    phone = buyer.new_page()
    phone.set_default_timeout(10_000)
    phone.goto(f"{live_server.url}/kemitraan/{request.token}/")
    phone.get_by_text("Ajukan tawaran balik").click()
    phone.get_by_label("Harga satuan (Rp)").fill("0")
    phone.get_by_label("Jumlah per pengiriman").fill("800")
    phone.get_by_label("Pengiriman pertama").fill(first.isoformat())
    phone.get_by_label("Pesan (tidak wajib)").fill("Bisa 2.200 untuk 800 pak?")
    phone.get_by_role("button", name="Kirim tawaran balik ke Keripik Bu Sari").click()
    expect(phone.get_by_label("Pesan (tidak wajib)")).to_have_value("Bisa 2.200 untuk 800 pak?")
    phone.get_by_label("Harga satuan (Rp)").fill("2200")
    phone.get_by_role("button", name="Kirim tawaran balik ke Keripik Bu Sari").click()
    expect(phone.get_by_text("Tawaran balik Anda terkirim ke Keripik Bu Sari.")).to_be_visible()
    expect(phone.locator("[data-waiting]")).to_be_visible()
    assert no_horizontal_scroll(phone)
    assert accessibility_violations(phone, axe_script) == []
    phone.screenshot(path="/tmp/neg-buyer-360.png", full_page=True)

    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB")
    vendor_page = context.new_page()
    vendor_page.set_default_timeout(10_000)
    context.add_cookies(_session_cookie(live_server, vendor_user))
    vendor_page.goto(f"{live_server.url}/en/dasbor/kemitraan/{request.number}/")
    expect(vendor_page.get_by_role("heading", name="The buyer's counter-offer")).to_be_visible()
    assert no_horizontal_scroll(vendor_page)
    vendor_page.screenshot(path="/tmp/neg-vendor-360.png", full_page=True)
    vendor_page.get_by_role("button", name="Accept the counter-offer").click()
    expect(vendor_page.get_by_text("the quote is accepted")).to_be_visible()
    context.close()

    quote = Quote.objects.get(pk=quote.pk)
    assert (quote.status, quote.unit_price, quote.quantity) == ("accepted", 2200, 800)
    phone.reload()
    expect(phone.locator("[data-quote-quantity]")).to_have_text("800 pcs")
    expect(phone.locator("[data-round-status=accepted]")).to_be_visible()
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.screenshot(path="/tmp/neg-buyer-1280.png", full_page=True)
    buyer.close()


def _session_cookie(live_server, user) -> list[dict]:
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
