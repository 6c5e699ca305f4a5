"""A Terminal 3 pickup paid at the outlet, from the cart to the counter, in a real browser:
the vendor sees it under "to do" with the time to bring it by, marks it delivered to the
outlet; the counter sees it at the counter, confirms the handover and takes the money."""

import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from orders.models import Order, OrderPart, OutletAssignment
from tests.e2e.conftest import fill_terminal_3_checkout
from tests.factories import MembershipFactory, ProductFactory, UserFactory, VendorFactory
from tests.orders.helpers import outlets

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Rahasia-Aman-2026"


def new_page(browser, width=360):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


def log_in(page, live_server, username):
    page.goto(live_server.url + "/masuk/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


def fits(page, width=360):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_pay_at_outlet_terminal_3_pickup_is_brought_by_the_vendor_and_collected(
    live_server, browser
):
    airport, _rppkum = outlets()
    vendor = VendorFactory(name="Keripik Bu Sari")
    MembershipFactory(vendor=vendor, user=UserFactory(username="sari", password=PASSWORD))
    # Not on the Terminal 3 shelf: the vendor brings it for this pickup.
    product = ProductFactory(
        vendor=vendor,
        name="Keripik Tempe Daun Jeruk",
        price=18000,
        stock=10,
        bringable_to_airport=True,
    )
    OutletAssignment.objects.create(
        location=airport, user=UserFactory(username="penjaga", password=PASSWORD)
    )

    # A traveller orders it for tomorrow before a flight, to pay at the outlet.
    buyer = new_page(browser)
    buyer.goto(live_server.url + product.get_absolute_url())
    buyer.get_by_role("button", name="Tambah ke keranjang").click()
    buyer.goto(live_server.url + "/checkout/")
    fill_terminal_3_checkout(buyer, "Bayar di gerai")
    buyer.get_by_role("button", name="Buat pesanan").click()
    expect(buyer).to_have_url(re.compile(r"/pesanan/[\w-]+/$"))
    order = Order.objects.get()
    assert (order.fulfilment, order.payment_method) == ("pickup_airport", "at_outlet")
    assert order.status == Order.Status.PENDING_PAYMENT
    with translation.override("id"):
        deadline = formats.date_format(timezone.localtime(order.pickup_at), "j M Y, H.i")
    assert deadline.endswith("10.30")
    buyer.context.close()

    # The vendor finds it under "to do" (the default), with the time to bring it by.
    seller = new_page(browser)
    log_in(seller, live_server, "sari")
    seller.goto(live_server.url + "/dasbor/pesanan/")
    row = seller.locator(".order-row", has_text=order.number)
    expect(row).to_contain_text(f"Antar ke outlet paling lambat {deadline} WIB")
    expect(row).to_contain_text("Pembeli membayar di kasir.")
    expect(row).to_contain_text("Diproses")
    fits(seller)
    row.get_by_role("link", name=order.number).click()
    expect(seller.locator("#next-step")).to_contain_text("Antar produk ke Sentral Oleh-Oleh T3")
    expect(seller.locator("#next-step")).not_to_contain_text("Menunggu pembayaran")
    seller.get_by_role("button", name="Tandai sudah diantar ke outlet").click()
    expect(seller.locator("[data-part-status]")).to_have_text("Siap diambil")
    expect(seller.locator("#next-step")).to_contain_text("Barang sudah di kasir")
    fits(seller)
    assert seller.console_errors == []
    seller.context.close()

    # The counter has it, and hands it over only after confirming, taking the money.
    counter = new_page(browser)
    log_in(counter, live_server, "penjaga")
    counter.goto(live_server.url + f"/outlet/{airport.slug}/")
    card = counter.locator(f"#order-{order.number}")
    expect(card.locator("[data-part-status=ready]")).to_have_text("Di kasir")
    fits(counter)
    card.get_by_role("link", name=re.compile("^Serahkan dan terima Rp")).click()
    expect(counter.get_by_role("heading", level=1)).to_have_text(f"Serahkan pesanan {order.number}")
    expect(counter.locator("[data-at-counter]")).to_contain_text("Keripik Tempe Daun Jeruk")
    fits(counter)
    # Without the tick nothing is handed over: the page asks for it (no JavaScript).
    counter.get_by_role("button", name="Konfirmasi penyerahan").click()
    expect(counter.locator("#id_confirm_error")).to_have_text(
        "Centang kotak untuk mengonfirmasi penyerahan."
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    counter.get_by_label(re.compile("sudah menerima produk di atas dan membayar Rp")).check()
    counter.get_by_role("button", name="Konfirmasi penyerahan").click()
    expect(counter).to_have_url(re.compile(rf"/outlet/{airport.slug}/"))
    expect(counter.locator(f"#order-{order.number}")).to_contain_text("Selesai")
    assert counter.console_errors == []
    counter.context.close()

    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert order.paid_at is not None and order.collected_at is not None
    assert order.parts.get().status == OrderPart.Status.COMPLETED
