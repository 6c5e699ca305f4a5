"""Stripe webhooks whose signature verifies but whose body is not an event as Stripe sends
it: refused with 400 (not a 500), nothing stored, the order untouched, and the well-formed
event that follows is still handled."""

import json

import pytest
from django.test import Client

from orders.models import LedgerEntry, Order, StripeEvent
from tests.orders.helpers import two_vendor_order
from tests.orders.test_payments import SECRET, event, post, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def completed(order) -> dict:
    """A paid checkout session's event, as the other payment tests send it."""
    return json.loads(event(order))


def _without(key):
    return lambda e: {k: v for k, v in e.items() if k != key}


def _session(**changes):
    def change(e):
        e["data"]["object"].update(changes)
        return e

    return change


MALFORMED = {
    "no data": _without("data"),
    "no id": _without("id"),
    "no type": _without("type"),
    "data.object a list": lambda e: {**e, "data": {"object": [e["data"]["object"]]}},
    "data a list": lambda e: {**e, "data": [e["data"]]},
    "data without object": lambda e: {**e, "data": {}},
    "id a number": lambda e: {**e, "id": 12345},
    "id too long": lambda e: {**e, "id": "evt_" + "x" * 300},
    "id with a NUL": lambda e: {**e, "id": "evt_\x001"},
    "type a list": lambda e: {**e, "type": ["checkout.session.completed"]},
    "metadata a list": _session(metadata=["order_number"]),
    "order number an object": _session(metadata={"order_number": {"x": 1}}),
    "amount a string": _session(amount_total="lots"),
    "currency a number": _session(currency=360),
    "payment intent a list": _session(payment_intent=["pi_test_1"]),
    "the whole body a list": lambda e: [e],
    "the whole body a string": lambda e: "checkout.session.completed",
}


@pytest.mark.parametrize("how", MALFORMED)
def test_a_signed_but_malformed_event_is_refused_with_400(webhook_secret, how):
    order = two_vendor_order()
    body = json.dumps(MALFORMED[how](completed(order))).encode()
    stripe = Client(raise_request_exception=False)

    response = post(stripe, body, sign(body))

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert not LedgerEntry.objects.exists()

    good = json.dumps(completed(order)).encode()
    assert post(stripe, good, sign(good)).content == b"paid"
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
