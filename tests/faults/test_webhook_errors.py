"""An error while a Stripe event is being handled (a bug, a dropped connection, a constraint):
the webhook answers 500 and keeps nothing of the event, so Stripe's retry of the same event
id is handled, once. Faults are injected at the database level with
``connection.execute_wrapper``, in transactional tests, so the webhook's transaction is the
real, outermost one (SQLite here, PostgreSQL in CI)."""

import threading
import time

import pytest
from django.core import mail
from django.db import IntegrityError, OperationalError, connection, connections
from django.test import Client

from orders.models import LedgerEntry, Order, StripeEvent
from tests.orders.helpers import two_vendor_order
from tests.orders.test_payments import SECRET, event, post, sign

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def _writes(sql: str, verb: str, table: str) -> bool:
    return sql.lstrip().upper().startswith(verb) and f'"{table}"' in sql


class FailOnce:
    """Raises ``error`` on the first ``verb`` statement on ``table``; every other query runs."""

    def __init__(self, verb: str, table: str, error: Exception):
        self.verb, self.table, self.error, self.struck = verb, table, error, False

    def __call__(self, execute, sql, params, many, context):
        if not self.struck and _writes(sql, self.verb, self.table):
            self.struck = True
            raise self.error
        return execute(sql, params, many, context)


def _paid_once(order):
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.events.filter(new_status="paid").count() == 1
    assert LedgerEntry.objects.filter(kind="sale").count() == 2  # one per vendor
    assert StripeEvent.objects.get().outcome == "paid"


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(
            FailOnce("UPDATE", "orders_order", RuntimeError("a bug in the handler")),
            id="the handler raises",
        ),
        pytest.param(
            FailOnce("INSERT", "orders_ledgerentry", OperationalError("connection lost")),
            id="transient database error",
        ),
        pytest.param(
            FailOnce("INSERT", "orders_orderevent", IntegrityError("a constraint while handling")),
            id="integrity error while handling is no duplicate",
        ),
    ],
)
def test_stripes_retry_of_an_event_whose_handling_failed_is_handled_once(webhook_secret, failure):
    order = two_vendor_order()
    body = event(order)
    stripe = Client(raise_request_exception=False)  # answers as Stripe sees them

    with connection.execute_wrapper(failure):
        first = post(stripe, body, sign(body))

    assert failure.struck
    assert first.status_code == 500  # Stripe will retry
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert not StripeEvent.objects.exists()
    assert not LedgerEntry.objects.exists()
    assert not mail.outbox

    retry = post(stripe, body, sign(body))  # Stripe's retry: same event id, signed anew
    assert retry.status_code == 200
    assert retry.content == b"paid"
    _paid_once(order)
    sent = len(mail.outbox)
    assert sent  # the buyer and the vendors are told

    again = post(stripe, body, sign(body))  # a true duplicate of the handled event
    assert again.status_code == 200
    assert again.content == b"duplicate"
    _paid_once(order)
    assert len(mail.outbox) == sent


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_a_delivery_waiting_behind_a_failing_one_handles_the_event(webhook_secret):
    """Two deliveries of one event at once: the second waits on the first's uncommitted
    event row; the first fails and rolls back, so the second handles the event."""
    from concurrent.futures import ThreadPoolExecutor

    order = two_vendor_order()
    body = event(order)
    signature = sign(body)
    first_stored, second_storing = threading.Event(), threading.Event()

    def first_wrapper(execute, sql, params, many, context):
        if _writes(sql, "INSERT", "orders_ledgerentry"):
            assert second_storing.wait(10)
            time.sleep(0.5)  # the second delivery's INSERT is now waiting on our row
            raise OperationalError("server closed the connection")
        result = execute(sql, params, many, context)
        if _writes(sql, "INSERT", "orders_stripeevent"):
            first_stored.set()
        return result

    def second_wrapper(execute, sql, params, many, context):
        if _writes(sql, "INSERT", "orders_stripeevent"):
            second_storing.set()
        return execute(sql, params, many, context)

    def deliver(wrapper):
        try:
            with connection.execute_wrapper(wrapper):
                return post(Client(raise_request_exception=False), body, signature)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(deliver, first_wrapper)
        assert first_stored.wait(10)
        second = pool.submit(deliver, second_wrapper)
        first, second = first.result(timeout=30), second.result(timeout=30)

    assert first.status_code == 500
    assert (second.status_code, second.content) == (200, b"paid")
    _paid_once(order)
