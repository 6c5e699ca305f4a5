"""Existing order events become kinds with parameters where their text is recognised: the
fixed texts exactly, the texts built at run time by the patterns below. The rest keep their
``message`` and the kind "" (shown as written)."""

import re

from django.db import migrations

FIXED = {
    "Order placed; stock reserved": "placed",
    "Card payment started at Stripe": "card_payment_started",
    "Checkout completed; waiting for the bank to confirm": "checkout_completed",
    "Paid after the reservation expired; stock reserved again": "paid_late",
    "Paid after the reservation expired, but the stock is gone": "paid_too_late",
    "Late payment refunded in full": "late_refunded",
    "Reservation expired; stock released": "reservation_expired",
    "Payment failed; stock released": "payment_failed",
    "Checkout expired; stock released": "checkout_expired",
    "Payment cancelled at Stripe": "payment_cancelled",
    "Transfer receipt uploaded by the buyer": "receipt_uploaded",
    "Bank transfer confirmed by staff": "transfer_confirmed",
    "Bank transfer not booked: the reserved stock is gone": "transfer_not_booked",
    "Vendor part ready to process": "part_to_process",
    "Vendor part to bring to the outlet; the buyer pays at the counter": "part_to_bring",
    "Order completed": "completed",
}

# The payment sources "Paid (…)" was written with, as the codes stored now.
SOURCES = {
    "bank transfer": {"source": "transfer"},
    "reconciliation (PaymentIntent)": {"source": "reconciliation"},
    "demo": {"source": "demo"},
    "checkout.session.completed": {
        "source": "card",
        "stripe_event": "checkout.session.completed",
    },
    "checkout.session.async_payment_succeeded": {
        "source": "card",
        "stripe_event": "checkout.session.async_payment_succeeded",
    },
}

PART_STATUSES = {
    "awaiting_payment",
    "processing",
    "ready",
    "shipped",
    "completed",
    "cancelled",
    "refunded",
}


def _paid(match):
    source = match["source"]
    outlet = re.fullmatch(r"at the outlet by (?P<by>.+)", source)
    if outlet:
        return "paid_at_outlet", {"source": "outlet", "by": outlet["by"]}
    return "paid", SOURCES.get(source, {"source": source})


def _moved(match):
    if match["old"] not in PART_STATUSES or match["new"] not in PART_STATUSES:
        return None
    return "part_moved", match.groupdict()


def _numbers(kind, *names):
    def convert(match):
        params = match.groupdict()
        for name in names:
            params[name] = int(params[name])
        return kind, params

    return convert


PATTERNS = [
    (
        r"Payment refused: (?P<received>\d+) (?P<currency>\S*) does not match (?P<total>\d+) IDR",
        _numbers("payment_refused", "received", "total"),
    ),
    (r"Paid \((?P<source>.+)\)", _paid),
    (r"Late payment refund failed: (?P<error>.*)", lambda m: ("late_refund_failed", m.groupdict())),
    (r"Transfer receipt rejected: (?P<reason>.*)", lambda m: ("receipt_rejected", m.groupdict())),
    (
        r"Partly collected at (?P<place>.+?): (?P<handed>\d+) of (?P<parts>\d+) vendor parts "
        r"handed over; still open: (?P<open>.*)",
        _numbers("partly_collected", "handed", "parts"),
    ),
    (r"Collected at (?P<place>.+)", lambda m: ("collected", m.groupdict())),
    (
        r"Refunded (?P<amount>\d+) to the buyer \((?P<vendor>.+)\)",
        _numbers("part_refunded", "amount"),
    ),
    (r"(?P<vendor>.+): (?P<old>[a-z_]+) → (?P<new>[a-z_]+)", _moved),
]


def kind_of(message: str):
    """The kind and parameters of an old event text, or None when it is not recognised."""
    if message in FIXED:
        return FIXED[message], {}
    for pattern, convert in PATTERNS:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            found = convert(match)
            if found:
                return found
    return None


def to_kinds(apps, schema_editor):
    OrderEvent = apps.get_model("orders", "OrderEvent")
    for event in OrderEvent.objects.filter(kind="").exclude(message="").iterator():
        found = kind_of(event.message)
        if found:
            kind, params = found
            # An update, not save(): the events are append-only.
            OrderEvent.objects.filter(pk=event.pk).update(kind=kind, params=params)


class Migration(migrations.Migration):
    dependencies = [("orders", "0007_order_event_kinds")]

    operations = [migrations.RunPython(to_kinds, migrations.RunPython.noop)]
