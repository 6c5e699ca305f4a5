"""Stripe's side of a card payment: webhook events stored once by id and acted on, and the
reconciliation that asks Stripe about an order whose events were missed."""

from django.db import IntegrityError, transaction

from .. import payments
from ..models import Order, StripeEvent
from .events import log
from .payment import mark_paid
from .reservations import cancel_unpaid


def _as_dict(obj) -> dict:
    """Stripe's objects are not dicts (stripe>=13); work on plain data."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _find_order(obj) -> Order | None:
    number = (obj.get("metadata") or {}).get("order_number") or obj.get("client_reference_id")
    if number:
        return Order.objects.filter(number=number).first()
    if obj.get("id"):
        return Order.objects.filter(stripe_session_id=obj["id"]).first()
    return None


def _has_nul(value) -> bool:
    """Whether any key or string in this JSON data holds a NUL (PostgreSQL stores none)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _optional(obj: dict, key: str, *types) -> bool:
    value = obj.get(key)
    return value is None or (isinstance(value, types) and not isinstance(value, bool))


def _checked_event(payload: dict) -> tuple[str, str, dict]:
    """The event's id, type and object, or MalformedEvent when the payload is not shaped as
    Stripe sends it (and as ``handle_stripe_event`` reads it)."""
    event_id, kind, data = payload.get("id"), payload.get("type"), payload.get("data")
    max_id = StripeEvent._meta.get_field("event_id").max_length
    max_type = StripeEvent._meta.get_field("type").max_length
    if not isinstance(event_id, str) or not 0 < len(event_id) <= max_id:
        raise payments.MalformedEvent("the event has no usable id")
    if not isinstance(kind, str) or not 0 < len(kind) <= max_type:
        raise payments.MalformedEvent("the event has no usable type")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise payments.MalformedEvent("the event has no data object")
    if _has_nul(payload):
        raise payments.MalformedEvent("the event holds a NUL character")
    obj = data["object"]
    if kind.startswith("checkout.session."):
        intent = obj.get("payment_intent")
        fine = (
            _optional(obj, "metadata", dict)
            and _optional(obj.get("metadata") or {}, "order_number", str)
            and all(
                _optional(obj, key, str)
                for key in ("id", "client_reference_id", "currency", "payment_status")
            )
            and _optional(obj, "amount_total", int)
            and (
                _optional(obj, "payment_intent", str)
                or (isinstance(intent, dict) and _optional(intent, "id", str))
            )
        )
        if not fine:
            raise payments.MalformedEvent("the checkout session is not shaped as Stripe's")
    return event_id, kind, obj


def record_stripe_event(event) -> str:
    """Store a verified webhook event once (its id is unique) and act on it, in one
    transaction: the event is stored only if handling it succeeds, so Stripe's retry of an
    event whose handling failed is handled. A repeat of a handled id does nothing; a repeat
    that arrives while the first is being handled waits for it (the unique index) and then
    is a duplicate, or is handled if the first failed. MalformedEvent for a payload that is
    not shaped as an event."""
    payload = _as_dict(event)
    event_id, kind, data = _checked_event(payload)
    with transaction.atomic():
        try:
            with transaction.atomic():  # only this insert's failure means "seen before"
                stored = StripeEvent.objects.create(event_id=event_id, type=kind, payload=payload)
        except IntegrityError:
            return "duplicate"
        outcome = handle_stripe_event(kind, data)
        stored.outcome = outcome[:200]
        stored.save(update_fields=["outcome"])
    return outcome


def handle_stripe_event(kind: str, session) -> str:
    if not kind.startswith("checkout.session."):
        return "ignored"
    if (session.get("metadata") or {}).get("invoice_id"):
        # A supply contract's invoice paid by card (orders.contracts.invoice_payments).
        from ..contracts.invoice_payments import invoice_checkout_event

        return invoice_checkout_event(kind, session)
    order = _find_order(session)
    if order is None:
        return "no such order"
    amount = payments.from_stripe_amount(session.get("amount_total") or 0)
    currency = session.get("currency") or ""
    intent = session.get("payment_intent") or ""
    if isinstance(intent, dict):
        intent = intent.get("id", "")
    if kind == "checkout.session.completed":
        if session.get("payment_status") in ("paid", "no_payment_required"):
            return _paid_by_card(order, amount, currency, intent)
        log(order, "checkout_completed")
        return "awaiting async payment"
    if kind == "checkout.session.async_payment_succeeded":
        return _paid_by_card(order, amount, currency, intent)
    if kind == "checkout.session.async_payment_failed":
        return "cancelled" if cancel_unpaid(order, "payment_failed") else "kept"
    if kind == "checkout.session.expired":
        return "cancelled" if cancel_unpaid(order, "checkout_expired") else "kept"
    return "ignored"


def _paid_by_card(order: Order, amount: int, currency: str, intent: str) -> str:
    return mark_paid(order, amount=amount, currency=currency, source="card", reference=intent)[1]


def reconcile_order(order: Order, http_client=None) -> str:
    """Ask Stripe about a card order: the other way, besides the webhook, to paid. Looks at
    the PaymentIntent when we know it, otherwise at the Checkout Session."""
    if order.stripe_payment_intent:
        intent = _as_dict(
            payments.retrieve_payment_intent(order.stripe_payment_intent, http_client)
        )
        if intent.get("status") == "succeeded":
            return mark_paid(
                order,
                amount=payments.from_stripe_amount(
                    intent.get("amount_received") or intent["amount"]
                ),
                currency=intent.get("currency", ""),
                source="reconciliation",
                reference=intent["id"],
            )[1]
        if intent.get("status") == "canceled":
            return "cancelled" if cancel_unpaid(order, "payment_cancelled") else "kept"
        return "still pending"
    if not order.stripe_session_id:
        return "no session"
    session = _as_dict(payments.retrieve_checkout_session(order.stripe_session_id, http_client))
    if session.get("payment_status") == "paid":
        return handle_stripe_event("checkout.session.completed", session)
    if session.get("status") == "expired":
        return handle_stripe_event("checkout.session.expired", session)
    return "still pending"
