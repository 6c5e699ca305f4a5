"""Payments with the official stripe library: our Checkout Session parameters checked on a
Stripe-shaped fake HTTP client; PaymentIntents, declines and refunds against localstripe;
webhooks signed exactly as Stripe signs them."""

import hashlib
import hmac
import json
import time
from urllib.parse import parse_qs

import pytest
import stripe
from django.db import connection

from orders import payments
from orders.models import LedgerEntry, Order, OrderPart, StripeEvent
from orders.services.ledger import refund
from orders.services.payment import mark_paid, start_card_payment
from orders.services.stripe_events import reconcile_order
from tests.factories import StaffFactory
from tests.orders.helpers import two_vendor_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rupiah", "stripe_amount"),
    [(0, 0), (1, 100), (25000, 2500000), (150000, 15000000), (1_000_000_000, 100_000_000_000)],
)
def test_idr_is_sent_to_stripe_as_a_two_decimal_currency(rupiah, stripe_amount):
    assert payments.to_stripe_amount(rupiah) == stripe_amount
    assert payments.from_stripe_amount(stripe_amount) == rupiah


@pytest.mark.parametrize("bad", [-1, 1.5, "100"])
def test_only_whole_non_negative_rupiah_are_converted(bad):
    with pytest.raises(ValueError):
        payments.to_stripe_amount(bad)


class FakeStripe(stripe.HTTPClient):
    """Answers like Stripe's API for a Checkout Session, and records what was sent."""

    name = "fake"

    def __init__(self, fail=False):
        super().__init__()
        self.fail = fail
        self.requests = []

    def request(self, method, url, headers, post_data=None):
        if self.fail:
            raise stripe.APIConnectionError("Could not connect to Stripe")
        self.requests.append((method, url, headers, post_data))
        body = {
            "id": "cs_test_123",
            "object": "checkout.session",
            "url": "https://checkout.stripe.com/c/pay/cs_test_123",
            "payment_status": "unpaid",
            "status": "open",
        }
        return json.dumps(body), 200, {}

    def close(self):
        pass


def test_checkout_session_prices_every_line_in_idr_cents(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    order = two_vendor_order(price_a=25000, price_b=40000)
    fake = FakeStripe()
    session = start_card_payment(
        order, success_url="https://x/ok", cancel_url="https://x/no", http_client=fake
    )
    assert session["url"].startswith("https://checkout.stripe.com/")
    method, url, headers, body = fake.requests[0]
    assert method == "post" and url.endswith("/v1/checkout/sessions")
    params = parse_qs(body)
    currencies = {v[0] for k, v in params.items() if k.endswith("[currency]")}
    amounts = sorted(int(v[0]) for k, v in params.items() if k.endswith("[unit_amount]"))
    assert currencies == {"idr"}
    fee = order.shipping_total // 2
    assert amounts == sorted([2500000, 4000000, fee * 100, fee * 100])
    assert params["client_reference_id"] == [order.number]
    assert params["metadata[order_number]"] == [order.number]
    assert params["mode"] == ["payment"]
    assert headers.get("Idempotency-Key", "").startswith(f"checkout-{order.number}")
    order.refresh_from_db()
    assert order.stripe_session_id == "cs_test_123"
    assert order.status == Order.Status.PENDING_PAYMENT  # never paid by starting


def test_stripe_down_keeps_the_order_payable(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    order = two_vendor_order()
    with pytest.raises(payments.PaymentUnavailable):
        start_card_payment(
            order,
            success_url="https://x",
            cancel_url="https://x",
            http_client=FakeStripe(fail=True),
        )
    order.refresh_from_db()
    assert order.is_payable_by_card
    assert sorted(p.stock for p in _products(order)) == [8, 9]  # still reserved


def _products(order):
    return [line.product for part in order.parts.all() for line in part.lines.all()]


def test_without_keys_card_payment_is_unavailable(settings):
    settings.STRIPE_SECRET_KEY = ""
    assert not payments.is_configured()
    with pytest.raises(payments.PaymentUnavailable):
        payments.client()


# localstripe: PaymentIntents, declines, refunds, reconciliation -----------------------------


def _intent(amount_rupiah, card="pm_card_visa", **extra):
    return payments.client().v1.payment_intents.create(
        {
            "amount": payments.to_stripe_amount(amount_rupiah),
            "currency": "idr",
            "payment_method": card,
            "confirm": True,
            **extra,
        }
    )


def test_reconciliation_pays_an_order_whose_payment_succeeded_at_stripe(localstripe):
    order = two_vendor_order()
    intent = _intent(order.total, metadata={"order_number": order.number})
    Order.objects.filter(pk=order.pk).update(stripe_payment_intent=intent.id)
    order.refresh_from_db()
    assert reconcile_order(order) == "paid"
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert reconcile_order(order) == "already paid"


def test_reconciliation_refuses_a_payment_for_the_wrong_amount(localstripe):
    order = two_vendor_order()
    intent = _intent(order.total - 1000)
    Order.objects.filter(pk=order.pk).update(stripe_payment_intent=intent.id)
    order.refresh_from_db()
    assert reconcile_order(order) == "amount mismatch"
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_a_declined_card_raises_and_pays_nothing(localstripe):
    order = two_vendor_order()
    with pytest.raises(stripe.CardError):
        _intent(order.total, card="pm_card_chargeCustomerFail")
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_refund_one_vendors_part_then_the_rest_through_stripe(localstripe):
    order = two_vendor_order()
    intent = _intent(order.total)
    mark_paid(order, amount=order.total, currency="idr", source="t", reference=intent.id)
    staff = StaffFactory()
    part_a = order.parts.get(vendor__name="Usaha A")
    refunded = refund(order, staff, part=part_a)
    assert refunded == part_a.total
    part_a.refresh_from_db()
    assert part_a.status == OrderPart.Status.REFUNDED
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.refunded_amount == part_a.total
    assert LedgerEntry.objects.get(part=part_a, kind="refund").amount == -part_a.total

    rest = refund(order, staff)
    order.refresh_from_db()
    assert rest == order.total - part_a.total
    assert order.status == Order.Status.REFUNDED
    refunds = payments.client().v1.refunds.list({"payment_intent": intent.id})
    assert sorted(r.amount for r in refunds.data) == sorted([part_a.total * 100, rest * 100])
    with pytest.raises(Exception, match="sudah dibayar"):
        refund(order, staff)


def test_only_staff_refund(localstripe):
    from django.core.exceptions import PermissionDenied

    from tests.factories import UserFactory

    order = two_vendor_order()
    with pytest.raises(PermissionDenied):
        refund(order, UserFactory())


def test_stripe_unreachable_is_reported_not_crashed(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(payments.PaymentUnavailable):
        payments.retrieve_payment_intent("pi_123")


# Webhooks ------------------------------------------------------------------------------------

SECRET = "whsec_test_secret"


def sign(body: bytes, secret=SECRET, timestamp=None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def event(order, kind="checkout.session.completed", event_id="evt_1", status="paid", **obj):
    session = {
        "id": order.stripe_session_id or "cs_test_1",
        "object": "checkout.session",
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "amount_total": order.total * 100,
        "currency": "idr",
        "payment_status": status,
        "payment_intent": "pi_test_1",
        **obj,
    }
    return json.dumps(
        {"id": event_id, "object": "event", "type": kind, "data": {"object": session}}
    ).encode()


def post(client, body, signature):
    return client.post(
        "/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def test_a_signed_completed_event_pays_the_order(client, webhook_secret):
    order = two_vendor_order()
    body = event(order)
    response = post(client, body, sign(body))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.stripe_payment_intent == "pi_test_1"


@pytest.mark.parametrize(
    "how", ["wrong secret", "tampered body", "stale timestamp", "no signature", "garbage"]
)
def test_badly_signed_events_are_refused_and_change_nothing(client, webhook_secret, how):
    order = two_vendor_order()
    body = event(order)
    signature = sign(body)
    if how == "wrong secret":
        signature = sign(body, secret="whsec_other")
    elif how == "tampered body":
        body = body.replace(b'"paid"', b'"paid" ', 1)
    elif how == "stale timestamp":
        signature = sign(body, timestamp=int(time.time()) - 3600)
    elif how == "no signature":
        signature = ""
    elif how == "garbage":
        signature = "t=abc,v1=zzz"
    assert post(client, body, signature).status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert not StripeEvent.objects.exists()


def test_a_replayed_event_is_handled_once(client, webhook_secret):
    order = two_vendor_order()
    body = event(order)
    for _ in range(3):
        assert post(client, body, sign(body)).status_code == 200
    assert StripeEvent.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="sale").count() == 2
    assert order.events.filter(new_status="paid").count() == 1


def test_a_wrong_amount_in_the_event_does_not_pay(client, webhook_secret):
    order = two_vendor_order()
    body = event(order, amount_total=100)
    post(client, body, sign(body))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_async_payment_events_in_any_order(client, webhook_secret):
    order = two_vendor_order()
    # The bank's confirmation arrives before checkout.session.completed (unpaid yet).
    success = event(order, "checkout.session.async_payment_succeeded", "evt_2")
    completed = event(order, "checkout.session.completed", "evt_1", status="unpaid")
    failed_late = event(order, "checkout.session.async_payment_failed", "evt_3")
    for body in (success, completed, failed_late):
        assert post(client, body, sign(body)).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID  # a late 'failed' never undoes a payment


def test_an_async_failure_releases_the_stock(client, webhook_secret):
    order = two_vendor_order()
    completed = event(order, "checkout.session.completed", "evt_1", status="unpaid")
    failed = event(order, "checkout.session.async_payment_failed", "evt_2")
    for body in (completed, failed):
        post(client, body, sign(body))
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert sorted(p.stock for p in _products(order)) == [10, 10]


def test_an_event_for_an_unknown_order_is_stored_and_ignored(client, webhook_secret):
    body = json.dumps(
        {
            "id": "evt_9",
            "object": "event",
            "type": "checkout.session.completed",
            "data": {"object": {"id": "cs_x", "object": "checkout.session", "metadata": {}}},
        }
    ).encode()
    assert post(client, body, sign(body)).status_code == 200
    assert StripeEvent.objects.get().outcome == "no such order"


def test_the_webhook_only_takes_post(client):
    assert client.get("/stripe/webhook/").status_code == 405


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_the_same_event_delivered_many_times_at_once_is_handled_once(webhook_secret):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections
    from django.test import Client

    order = two_vendor_order()
    body = event(order)
    signature = sign(body)

    def deliver(_):
        try:
            return post(Client(), body, signature).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(deliver, range(20)))
    assert codes == [200] * 20
    assert StripeEvent.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="sale").count() == 2
