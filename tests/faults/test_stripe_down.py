"""Stripe down at checkout, over a real connection through the real Stripe client: refused
(nothing listens at STRIPE_API_BASE) or hanging (a server that accepts and never answers,
with STRIPE_TIMEOUT_SECONDS made short). The buyer is told in Indonesian, the order is kept
and stays payable from its private page, its stock is taken once, and paying later works."""

import time

import pytest
from django.utils import timezone

from orders.models import CartItem, Order
from tests.factories import ProductFactory
from tests.faults.servers import SilentServer, StripeServer, closed_port
from tests.orders.helpers import checkout_form

pytestmark = pytest.mark.django_db

CHECKOUT = checkout_form()
UNREACHABLE = "Layanan pembayaran kartu sedang tidak dapat dihubungi."
TIMEOUT = 0.5


@pytest.fixture(params=["connection refused", "no answer"])
def stripe_down(request, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_faults"
    settings.STRIPE_TIMEOUT_SECONDS = TIMEOUT
    if request.param == "connection refused":
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
        yield None
    else:
        with SilentServer() as server:
            settings.STRIPE_API_BASE = server.url
            yield server


def buy(client, product, quantity):
    client.post("/keranjang/tambah/", {"product": product.pk, "quantity": quantity})
    started = time.monotonic()
    response = client.post("/checkout/", CHECKOUT, follow=True)
    return response, time.monotonic() - started


def test_the_buyer_is_told_in_indonesian_and_the_order_waits_on_its_private_page(
    client, stripe_down
):
    product = ProductFactory(stock=10, price=25000)
    response, waited = buy(client, product, 2)

    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    html = response.content.decode()
    assert UNREACHABLE in html
    assert order.number in html
    assert "data-pay-now" in html  # "Bayar sekarang" is offered right there
    # One retry after a pause, each try bounded by STRIPE_TIMEOUT_SECONDS (the library's own
    # wait is 80 s): the buyer hears back in a few seconds.
    assert waited < 5
    if stripe_down is not None:
        assert stripe_down.connections == 2  # Stripe was really asked, and asked again once
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.reserved_until > timezone.now()
    assert order.stripe_session_id == ""
    product.refresh_from_db()
    assert product.stock == 8
    assert not CartItem.objects.exists()  # the items are in the order now, not lost


def test_pressing_pay_now_while_stripe_is_still_down_takes_nothing_more(client, stripe_down):
    product = ProductFactory(stock=10, price=25000)
    buy(client, product, 2)
    order = Order.objects.get()

    response = client.post(f"/pesanan/{order.token}/bayar/", follow=True)

    assert UNREACHABLE in response.content.decode()
    assert Order.objects.count() == 1
    product.refresh_from_db()
    assert product.stock == 8


def test_once_stripe_is_back_pay_now_opens_stripes_page_for_the_same_order(
    client, settings, stripe_down
):
    product = ProductFactory(stock=10, price=25000)
    buy(client, product, 2)
    order = Order.objects.get()

    with StripeServer() as stripe_back:
        settings.STRIPE_API_BASE = stripe_back.url
        response = client.post(f"/pesanan/{order.token}/bayar/")

    assert response.status_code == 302
    assert response["Location"] == StripeServer.session_url
    [(path, fields, _headers)] = stripe_back.requests
    assert path == "/v1/checkout/sessions"
    assert fields["client_reference_id"] == [order.number]
    assert fields["line_items[0][quantity]"] == ["2"]
    assert fields["line_items[0][price_data][unit_amount]"] == ["2500000"]  # Rp 25.000
    order.refresh_from_db()
    assert order.stripe_session_id == StripeServer.session_id
    assert order.status == Order.Status.PENDING_PAYMENT  # paid only when Stripe says so
    assert Order.objects.count() == 1
    product.refresh_from_db()
    assert product.stock == 8
