import datetime
import hashlib
import hmac
import json
import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
import stripe
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from catalog.models import Location, LocationStock, ProductImage
from orders import payments
from orders.models import Order, OrderPart, OutletAssignment
from tests.catalog.helpers import photo
from tests.e2e.conftest import fill_terminal_3_checkout
from tests.factories import MembershipFactory, ProductFactory, UserFactory, VendorFactory
from tests.orders.test_payments import event

pytestmark = pytest.mark.django_db(transaction=True)

WEBHOOK_SECRET = "whsec_e2e"
STRIPE_PAGE = "https://checkout.stripe.com/c/pay/cs_test_e2e"


class FakeStripe(stripe.HTTPClient):
    """Answers the Checkout Session request like Stripe's API, and keeps what was sent."""

    name = "fake"

    def __init__(self):
        super().__init__()
        self.sent = []

    def request(self, method, url, headers, post_data=None):
        self.sent.append(parse_qs(post_data or ""))
        body = {
            "id": "cs_test_e2e",
            "object": "checkout.session",
            "url": STRIPE_PAGE,
            "payment_status": "unpaid",
            "status": "open",
        }
        return json.dumps(body), 200, {}

    def close(self):
        pass


def signed(body: bytes) -> str:
    timestamp = int(time.time())
    mac = hmac.new(
        WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={mac}"


def new_phone(browser, live_server):
    """A 360 px page whose browser reaches the live server only: Stripe's hosted page is
    answered by a stand-in, anything else is refused; both are noted, and so are the
    console's errors (a Content Security Policy violation is one)."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    context.set_default_timeout(10_000)
    outside = []
    live = urlsplit(live_server.url).netloc

    def handle(route):
        url = urlsplit(route.request.url)
        if url.netloc == live:
            route.continue_()
            return
        outside.append(route.request.url)
        if route.request.url == STRIPE_PAGE:
            route.fulfill(content_type="text/html", body="<h1>Stripe Checkout</h1>")
        else:
            route.abort()

    context.route("**/*", handle)
    page = context.new_page()
    page.outside_requests = outside
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


def log_in(page, live_server, username, password):
    page.goto(live_server.url + "/masuk/")
    page.get_by_label("E-mail atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(live_server.url + "/masuk/")


def no_sideways_scroll(page):
    page.wait_for_load_state("load")
    wide = page.evaluate(
        """() => [...document.body.querySelectorAll('*')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(el => el.tagName + '.' + el.className + ' ' + Math.round(
                el.getBoundingClientRect().right))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide


def test_two_vendor_order_picked_up_at_terminal_3_paid_by_card_and_collected(
    live_server, browser, settings, monkeypatch
):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    fake = FakeStripe()
    real_client = payments.client
    monkeypatch.setattr(
        payments, "client", lambda http_client=None: real_client(http_client or fake)
    )

    airport = Location.objects.create(
        name="Sentral Oleh-Oleh T3",
        slug="sentral-oleh-oleh-t3",
        kind="airport",
        address="Terminal 3",
        opens_at=datetime.time(5),
        closes_at=datetime.time(22),
    )
    products = []
    for vendor_name, username, product_name, price in (
        ("Keripik Bu Sari", "sari", "Keripik Tempe Daun Jeruk", 18000),
        ("Dodol Pak Udin", "udin", "Dodol Betawi Ketan Hitam", 32000),
    ):
        vendor = VendorFactory(name=vendor_name)
        MembershipFactory(
            vendor=vendor, user=UserFactory(username=username, password="Rahasia-123")
        )
        product = ProductFactory(vendor=vendor, name=product_name, price=price, stock=10)
        ProductImage.objects.create(product=product, image=photo(f"{username}.jpg"))
        LocationStock.objects.create(
            location=airport, product=product, status="accepted", quantity=5, shelf="A1"
        )
        products.append(product)
    keripik, dodol = products
    OutletAssignment.objects.create(
        location=airport, user=UserFactory(username="penjaga", password="Gerai-T3-2026")
    )

    # A traveller puts one product of each vendor in the cart, on a phone.
    phone = new_phone(browser, live_server)
    for product in products:
        phone.goto(live_server.url + product.get_absolute_url())
        expect(phone.get_by_role("heading", level=1)).to_have_text(product.name)
        phone.get_by_role("button", name="Tambah ke keranjang").click()
        expect(phone.get_by_text("Lihat keranjang").first).to_be_visible()
    phone.goto(live_server.url + "/keranjang/")
    groups = phone.locator("section.shop-vendor")
    expect(groups).to_have_count(2)
    expect(groups.filter(has_text="Keripik Bu Sari")).to_contain_text("Keripik Tempe Daun Jeruk")
    expect(groups.filter(has_text="Dodol Pak Udin")).to_contain_text("Dodol Betawi Ketan Hitam")
    no_sideways_scroll(phone)

    # Checkout: Terminal 3 pickup tomorrow before a flight, paid by card.
    phone.get_by_role("link", name="Lanjut ke checkout").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Checkout")
    no_sideways_scroll(phone)
    tomorrow = fill_terminal_3_checkout(phone, "Kartu (Stripe)")
    phone.get_by_role("button", name="Buat pesanan").click()

    # Off to Stripe's hosted page (a stand-in here): the order waits, its stock reserved.
    try:
        phone.wait_for_url(STRIPE_PAGE)
    except PlaywrightTimeoutError:
        pytest.fail(
            f"The browser did not go on to Stripe: still at {phone.url}, "
            f"console errors: {phone.console_errors}"
        )
    expect(phone.get_by_role("heading", name="Stripe Checkout")).to_be_visible()
    order = Order.objects.get()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.payment_method == Order.Payment.CARD
    assert order.fulfilment == Order.Fulfilment.PICKUP_AIRPORT
    assert order.pickup_location == airport and order.flight_number == "GA404"
    jakarta = [timezone.localtime(t) for t in (order.pickup_at, order.departure_at)]
    assert [(t.date(), t.hour, t.minute) for t in jakarta] == [
        (tomorrow, 10, 30),
        (tomorrow, 13, 30),
    ]
    assert order.total == 18000 + 32000 and order.shipping_total == 0
    assert order.stripe_session_id == "cs_test_e2e"
    assert sorted(order.parts.values_list("vendor__name", flat=True)) == [
        "Dodol Pak Udin",
        "Keripik Bu Sari",
    ]
    keripik.refresh_from_db()
    dodol.refresh_from_db()
    assert (keripik.stock, dodol.stock) == (9, 9)
    (session,) = fake.sent
    assert session["metadata[order_number]"] == [order.number]
    assert session["success_url"] == [f"{live_server.url}{order.get_absolute_url()}?bayar=selesai"]

    # Stripe tells us, with a signed webhook, that the session is paid.
    body = event(order, event_id="evt_e2e_1", id="cs_test_e2e", payment_intent="pi_test_e2e")
    request = urllib.request.Request(  # noqa: S310 - the loopback live server
        live_server.url + "/stripe/webhook/",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Stripe-Signature": signed(body)},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        assert response.status == 200
        assert response.read() == b"paid"
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    # Back from Stripe, the tracking page says paid.
    phone.goto(session["success_url"][0])
    expect(phone.locator("[data-number]")).to_have_text(order.number)
    expect(phone.locator("[data-status]")).to_have_attribute("data-status", "paid")
    expect(phone.locator("[data-status]")).to_have_text("Lunas")
    expect(phone.locator("[data-flight]")).to_contain_text("GA404")
    expect(phone.locator("[data-part-status=processing]")).to_have_count(2)
    no_sideways_scroll(phone)

    # Each vendor sees its own part on its dashboard, and not the other vendor's.
    for username, own, other in (
        ("sari", "Keripik Tempe Daun Jeruk", "Dodol Betawi Ketan Hitam"),
        ("udin", "Dodol Betawi Ketan Hitam", "Keripik Tempe Daun Jeruk"),
    ):
        vendor_phone = new_phone(browser, live_server)
        log_in(vendor_phone, live_server, username, "Rahasia-123")
        vendor_phone.goto(live_server.url + "/dasbor/")
        orders_section = vendor_phone.locator("section[aria-labelledby=dash-orders-title]")
        row = orders_section.locator(".order-row", has_text=order.number)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(f"1 × {own}")
        expect(row).to_contain_text("Diproses")
        expect(orders_section).not_to_contain_text(other)
        no_sideways_scroll(vendor_phone)
        # It brings its part to the outlet and says so.
        row.get_by_role("link", name=order.number).click()
        vendor_phone.get_by_role("button", name="Tandai sudah diantar ke outlet").click()
        expect(vendor_phone.locator("[data-part-status]")).to_have_text("Siap diambil")
        assert vendor_phone.outside_requests == vendor_phone.console_errors == []
        vendor_phone.context.close()

    # The outlet staff hand it over at the Terminal 3 counter, after confirming.
    counter = new_phone(browser, live_server)
    log_in(counter, live_server, "penjaga", "Gerai-T3-2026")
    counter.goto(live_server.url + "/outlet/sentral-oleh-oleh-t3/")
    card = counter.locator(f"#order-{order.number}")
    expect(card).to_contain_text("GA404")
    expect(card).to_contain_text("Rina Kartika")
    expect(card).to_contain_text("Lunas")
    expect(card.locator("[data-part-status=ready]")).to_have_count(2)
    card.get_by_role("link", name="Serahkan…").click()
    counter.get_by_label("Rina Kartika sudah menerima produk di atas.").check()
    counter.get_by_role("button", name="Konfirmasi penyerahan").click()
    expect(counter.locator(f"#order-{order.number}")).to_contain_text("Selesai")
    assert counter.outside_requests == counter.console_errors == []
    counter.context.close()

    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED and order.collected_at is not None
    assert set(order.parts.values_list("status", flat=True)) == {OrderPart.Status.COMPLETED}
    phone.goto(live_server.url + order.get_absolute_url())
    expect(phone.locator("[data-status]")).to_have_attribute("data-status", "completed")
    expect(phone.locator("[data-status]")).to_have_text("Selesai")
    no_sideways_scroll(phone)

    # Stripe's page was never really reached: the browser only spoke to the live server.
    assert phone.outside_requests == [STRIPE_PAGE]
    assert phone.console_errors == []
    phone.context.close()
