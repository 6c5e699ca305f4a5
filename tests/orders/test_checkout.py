"""Checkout (/checkout/): one form, every price from the server. Validation per way of
receiving the order (delivery, RPPKUM, Terminal 3 before a flight), pay at the outlet for
pickups, card payment through a Stripe-shaped fake (and Stripe being down), and nothing
written when something is wrong.

Pages are requested on the English paths (/en/…), so the assertions read the msgids."""

import datetime
import json
import re
from urllib.parse import parse_qs

import pytest
import stripe
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import Location, LocationStock, Product
from orders import payments
from orders.cart import SESSION_COUNT
from orders.models import CartItem, Order, OrderSettings
from tests.factories import ProductFactory, VendorFactory
from tests.orders.helpers import checkout_form as form

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
SESSION_URL = "https://checkout.stripe.com/c/pay/cs_test_1"


# Helpers ----------------------------------------------------------------------------------


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def outlets():
    airport = Location.objects.create(
        slug="sentral-oleh-oleh-t3",
        name="Sentral Oleh-Oleh T3",
        kind="airport",
        address="Terminal 3 Keberangkatan, Bandara Soekarno-Hatta",
        opens_at=datetime.time(5),
        closes_at=datetime.time(22),
    )
    rppkum = Location.objects.create(
        slug="rppkum-legok",
        name="RPPKUM Legok",
        kind="showroom",
        address="Jl. Raya Legok, Kabupaten Tangerang",
        opens_at=datetime.time(8),
        closes_at=datetime.time(16),
    )
    return airport, rppkum


def on_t3_shelf(product, airport):
    LocationStock.objects.create(location=airport, product=product, status="accepted", quantity=5)


def local(days=1, hour=10, minute=0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


def typed(moment: datetime.datetime) -> str:
    """What a datetime-local input sends."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def fill_cart(client, *pairs):
    for product, quantity in pairs:
        response = client.post(en("orders:add"), {"product": product.pk, "quantity": quantity})
        assert response.status_code == 302


def airport_form(**overrides) -> dict:
    data = form(
        fulfilment="pickup_airport",
        address="",
        flight_number="GA 123",
        departure_at=typed(local(hour=13)),
        pickup_at=typed(local(hour=10)),
        payment_method="at_outlet",
    )
    data.update(overrides)
    return data


def checkout(client, data):
    return client.post(en("orders:checkout"), data)


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def radio(html, value) -> str:
    """The payment radio button with this value, as rendered."""
    return re.search(rf'<input type="radio" name="payment_method" value="{value}"[^>]*>', html)[0]


def nothing_written(*products_and_stock):
    assert not Order.objects.exists()
    for product, stock in products_and_stock:
        product.refresh_from_db()
        assert product.stock == stock


class FakeStripe(stripe.HTTPClient):
    """Answers like Stripe's API for a Checkout Session, and records what was sent; or,
    with ``down=True``, cannot connect."""

    name = "fake"

    def __init__(self, down=False):
        super().__init__()
        self.down = down
        self.requests = []

    def request(self, method, url, headers, post_data=None):
        self.requests.append((method, url, post_data))
        if self.down:
            raise stripe.APIConnectionError("Could not connect to Stripe")
        body = {
            "id": "cs_test_1",
            "object": "checkout.session",
            "url": SESSION_URL,
            "mode": "payment",
            "currency": "idr",
            "payment_status": "unpaid",
            "status": "open",
        }
        return json.dumps(body), 200, {}

    def close(self):
        pass


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    fake = FakeStripe()
    monkeypatch.setattr(
        payments,
        "client",
        lambda http_client=None: stripe.StripeClient("sk_test_x", http_client=fake),
    )
    return fake


# The page -------------------------------------------------------------------------------


def test_an_empty_cart_goes_back_to_the_cart_with_a_message(client):
    response = client.get(en("orders:checkout"))
    assert response["Location"] == en("orders:cart")
    assert texts(response) == ["Your cart is empty. Add something from the catalog first."]
    assert checkout(client, form())["Location"] == en("orders:cart")


def test_the_page_shows_the_order_as_the_server_prices_it(client):
    outlets()
    a = ProductFactory(vendor=VendorFactory(name="Usaha A"), price=25000, name="Keripik A")
    b = ProductFactory(vendor=VendorFactory(name="Usaha B"), price=40000, name="Dodol B")
    fill_cart(client, (a, 2), (b, 1))
    html = client.get(en("orders:checkout")).content.decode()
    fee = OrderSettings.load().shipping_fee
    assert "2 × Keripik A" in html and "1 × Dodol B" in html
    assert "<dd data-subtotal>Rp\xa090.000</dd>" in html
    assert f"<dd data-shipping>Rp\xa0{2 * fee:,}</dd>".replace(",", ".") in html
    total = f"{90000 + 2 * fee:,}".replace(",", ".")
    assert f"data-total-delivery>Rp\xa0{total}</dd>" in html
    assert "data-total-pickup>Rp\xa090.000</dd>" in html


def test_the_form_works_without_javascript_every_part_shown_and_labelled(client):
    outlets()
    fill_cart(client, (ProductFactory(), 1))
    html = client.get(en("orders:checkout")).content.decode()
    # One small deferred script that only saves a round trip (no inline script: CSP);
    # without it, a button asks the server which ways to pay go with the choice.
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/checkout.js" defer>']
    assert 'name="choose"' in html
    assert html.count("<fieldset") == 5
    assert "(only for delivery)" in html
    assert "(only for Terminal 3 pickup)" in html
    assert 'type="datetime-local"' in html
    assert html.count('type="radio"') == 6
    assert '<meta name="robots" content="noindex">' in html


def test_without_stripe_card_is_shown_unavailable_and_pay_at_the_outlet_is_chosen(client):
    outlets()
    fill_cart(client, (ProductFactory(), 1))
    html = client.get(en("orders:checkout")).content.decode()
    card = re.search(r'<input type="radio" name="payment_method" value="card"[^>]*>', html)[0]
    outlet = re.search(r'<input type="radio" name="payment_method" value="at_outlet"[^>]*>', html)[
        0
    ]
    assert "disabled" in card and "checked" not in card
    assert "checked" in outlet
    assert "data-card-unavailable" in html
    assert "delivery cannot be paid at the moment" in html


def test_with_stripe_card_is_offered_first(client, fake_stripe):
    fill_cart(client, (ProductFactory(), 1))
    html = client.get(en("orders:checkout")).content.decode()
    card = radio(html, "card")
    assert "checked" in card and "disabled" not in card
    assert "data-card-unavailable" not in html


# Validation -------------------------------------------------------------------------------


def test_delivery_needs_an_address_and_keeps_everything_typed(client, fake_stripe):
    product = ProductFactory(stock=10)
    fill_cart(client, (product, 2))
    response = checkout(client, form(address="  ", name="Rina Wulandari"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the address we deliver to." in html
    assert 'role="alert"' in html
    assert 'value="Rina Wulandari"' in html
    assert 'value="rina@example.com"' in html
    assert 'aria-invalid="true"' in html
    nothing_written((product, 10))
    assert CartItem.objects.count() == 1
    assert fake_stripe.requests == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("flight_number", "", "Give your flight number, for example GA 123."),
        ("departure_at", "", "Give your flight&#x27;s departure date and time."),
        ("pickup_at", "", "Give the date and time you will collect at Terminal 3."),
        ("flight_number", "12345", "Enter the flight number as on your ticket"),
        ("flight_number", "GARUDA", "Enter the flight number as on your ticket"),
        ("pickup_at", "besok pagi", "Enter a valid date/time."),
    ],
)
def test_a_terminal_3_pickup_needs_the_flight_and_the_times(client, field, value, message):
    outlets()
    product = ProductFactory(stock=10, bringable_to_airport=True)
    fill_cart(client, (product, 1))
    response = checkout(client, airport_form(**{field: value}))
    assert message in response.content.decode()
    nothing_written((product, 10))


def test_a_pickup_outside_the_outlets_opening_hours_is_refused(client):
    airport, _ = outlets()
    product = ProductFactory(stock=10)
    on_t3_shelf(product, airport)
    fill_cart(client, (product, 1))
    data = airport_form(pickup_at=typed(local(hour=23)), departure_at=typed(local(days=2, hour=6)))
    html = checkout(client, data).content.decode()
    assert "The outlet is open 05.00–22.00; choose a pickup time in those hours." in html
    nothing_written((product, 10))


def test_a_pickup_too_close_to_departure_is_refused(client):
    airport, _ = outlets()
    product = ProductFactory(stock=10)
    on_t3_shelf(product, airport)
    fill_cart(client, (product, 1))
    data = airport_form(
        pickup_at=typed(local(hour=12)), departure_at=typed(local(hour=12, minute=45))
    )
    html = checkout(client, data).content.decode()
    assert "Collect at least 90 minutes before departure (by 11.15)." in html
    nothing_written((product, 10))


def test_a_product_neither_on_the_t3_shelf_nor_bringable_cannot_be_collected_there(client):
    airport, _ = outlets()
    shelf = ProductFactory(stock=10, name="Kerupuk Kulit")
    away = ProductFactory(stock=10, name="Batik Legok", bringable_to_airport=False)
    on_t3_shelf(shelf, airport)
    fill_cart(client, (shelf, 1), (away, 1))
    html = checkout(client, airport_form()).content.decode()
    assert "Batik Legok is not on the Terminal 3 shelf and cannot be brought there in time." in html
    assert "Kerupuk Kulit is not on" not in html
    nothing_written((shelf, 10), (away, 10))


def test_a_terminal_3_pickup_in_time_is_placed_with_times_read_as_jakarta_time(client):
    airport, _ = outlets()
    product = ProductFactory(stock=10)
    on_t3_shelf(product, airport)
    fill_cart(client, (product, 2))
    response = checkout(client, airport_form(flight_number="ga 123"))
    order = Order.objects.get()
    assert response["Location"] == en("orders:detail", order.token)
    assert order.fulfilment == Order.Fulfilment.PICKUP_AIRPORT
    assert order.pickup_location == airport
    assert order.pickup_at == local(hour=10)
    assert order.departure_at == local(hour=13)
    assert order.flight_number == "GA123"
    assert order.address == ""


def test_paying_at_the_outlet_for_a_delivery_is_refused(client, fake_stripe):
    product = ProductFactory(stock=10)
    fill_cart(client, (product, 1))
    html = checkout(client, form(payment_method="at_outlet")).content.decode()
    assert "Paying at the outlet is only possible when you collect your order." in html
    nothing_written((product, 10))


def test_without_stripe_a_card_payment_is_refused_with_an_explanation(client):
    product = ProductFactory(stock=10)
    fill_cart(client, (product, 1))
    html = checkout(client, form(payment_method="card")).content.decode()
    assert "Card payment is not available right now." in html
    nothing_written((product, 10))


def test_a_bad_whatsapp_number_is_refused(client, fake_stripe):
    product = ProductFactory(stock=10)
    fill_cart(client, (product, 1))
    html = checkout(client, form(whatsapp="12345")).content.decode()
    assert "Enter an Indonesian mobile number" in html
    nothing_written((product, 10))


def test_stock_gone_since_the_cart_is_shown_on_the_form_and_nothing_is_written(client):
    outlets()
    product = ProductFactory(stock=10, name="Sambal Roa")
    fill_cart(client, (product, 3))
    Product.objects.filter(pk=product.pk).update(stock=2)
    data = form(fulfilment="pickup_rppkum", address="", payment_method="at_outlet")
    response = checkout(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not enough Sambal Roa left for your order." in html
    assert 'value="Rina Wulandari"' in html
    nothing_written((product, 2))
    assert CartItem.objects.get().quantity == 3


def test_a_product_withdrawn_since_the_cart_is_refused(client):
    outlets()
    product = ProductFactory(stock=10, name="Kopi Legok")
    fill_cart(client, (product, 1))
    Product.objects.filter(pk=product.pk).update(status=Product.Status.ARCHIVED)
    data = form(fulfilment="pickup_rppkum", address="", payment_method="at_outlet")
    html = checkout(client, data).content.decode()
    assert "Kopi Legok is no longer for sale." in html
    nothing_written((product, 10))


# Placing ----------------------------------------------------------------------------------


def test_pay_at_the_outlet_for_a_pickup_reserves_the_stock_and_opens_the_order_page(
    client, django_capture_on_commit_callbacks
):
    _, rppkum = outlets()
    product = ProductFactory(stock=10, price=30000)
    fill_cart(client, (product, 3))
    data = form(fulfilment="pickup_rppkum", address="Jl. Ignored", payment_method="at_outlet")
    with django_capture_on_commit_callbacks(execute=True):
        response = checkout(client, data)
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("orders:detail", order.token)
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.payment_method == Order.Payment.AT_OUTLET
    assert order.pickup_location == rppkum
    assert order.address == ""
    assert order.whatsapp == "6281234567890"
    assert order.language == "en"
    assert order.total == 90000
    product.refresh_from_db()
    assert product.stock == 7
    assert not CartItem.objects.exists()
    assert client.session[SESSION_COUNT] == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rina@example.com"]
    assert order.get_absolute_url() in mail.outbox[0].body
    html = client.get(response["Location"]).content.decode()
    assert order.number in html
    assert "data-pay-at-outlet" in html


def test_a_tampered_price_or_total_changes_nothing(client):
    outlets()
    product = ProductFactory(stock=10, price=45000)
    fill_cart(client, (product, 2))
    data = form(fulfilment="pickup_rppkum", address="", payment_method="at_outlet")
    data.update({"price": "1", "total": "1", "unit_price": "1", "subtotal": "1"})
    checkout(client, data)
    order = Order.objects.get()
    assert order.total == order.subtotal == 90000
    assert order.parts.get().lines.get().unit_price == 45000


def test_card_payment_goes_to_stripe_with_server_prices_in_idr(client, fake_stripe):
    fee = OrderSettings.load().shipping_fee
    a = ProductFactory(vendor=VendorFactory(name="Usaha A"), price=25000, stock=10)
    b = ProductFactory(vendor=VendorFactory(name="Usaha B"), price=40000, stock=10)
    fill_cart(client, (a, 2), (b, 1))
    response = checkout(client, form(price="1", total="1"))
    assert response.status_code == 302
    assert response["Location"] == SESSION_URL

    order = Order.objects.get()
    assert order.total == 90000 + 2 * fee
    assert order.stripe_session_id == "cs_test_1"
    assert order.status == Order.Status.PENDING_PAYMENT
    method, url, body = fake_stripe.requests[0]
    assert method == "post" and url.endswith("/v1/checkout/sessions")
    params = parse_qs(body)
    currencies = {v[0] for k, v in params.items() if k.endswith("[currency]")}
    amounts = sorted(int(v[0]) for k, v in params.items() if k.endswith("[unit_amount]"))
    assert currencies == {"idr"}
    assert amounts == sorted([25000 * 100, 40000 * 100, fee * 100, fee * 100])
    page = f"http://testserver{en('orders:detail', order.token)}"
    assert params["success_url"] == [f"{page}?bayar=selesai"]
    assert params["cancel_url"] == [f"{page}?bayar=batal"]
    a.refresh_from_db()
    assert a.stock == 8
    assert not CartItem.objects.exists()


def test_when_stripe_is_down_the_order_is_kept_and_can_be_paid_later(client, fake_stripe):
    fake_stripe.down = True
    product = ProductFactory(stock=10)
    fill_cart(client, (product, 2))
    response = checkout(client, form())
    order = Order.objects.get()
    assert response["Location"] == en("orders:detail", order.token)
    assert (
        response["Referrer-Policy"] == "same-origin"
    )  # the token never leaves our site; forms keep their Origin
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.stripe_session_id == ""
    product.refresh_from_db()
    assert product.stock == 8

    html = client.get(response["Location"]).content.decode()
    assert "The card payment service cannot be reached right now." in html
    assert order.number in html
    assert "data-pay-now" in html

    fake_stripe.down = False
    retry = client.post(en("orders:pay", order.token))
    assert retry["Location"] == SESSION_URL
    order.refresh_from_db()
    assert order.stripe_session_id == "cs_test_1"
    assert order.status == Order.Status.PENDING_PAYMENT


def test_the_indonesian_checkout_is_at_the_root(client):
    outlets()
    fill_cart(client, (ProductFactory(), 1))
    assert client.get("/checkout/").status_code == 200
