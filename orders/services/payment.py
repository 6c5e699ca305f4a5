"""Payment outcomes: a card payment started at Stripe, and an order made paid (by Stripe, a
bank transfer or the outlet's counter) with its parts to process and its vendors' ledger."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import payments
from ..emails import send_order_emails
from ..models import LedgerEntry, Order, OrderPart
from .events import log
from .ledger import commission_for
from .reservations import extend_reservation
from .states import move_part, set_order_status
from .stock import _reserve_again


def start_card_payment(order: Order, *, success_url: str, cancel_url: str, http_client=None):
    """A Checkout Session for a pending card order; PaymentUnavailable leaves it payable."""
    if not order.is_payable_by_card:
        raise ValidationError(_("This order is not waiting for a card payment."))
    if order.reserved_until and order.reserved_until < timezone.now():
        extend_reservation(order)
    session = payments.create_checkout_session(
        order, success_url=success_url, cancel_url=cancel_url, http_client=http_client
    )
    session_id = session["id"]
    Order.objects.filter(pk=order.pk).update(stripe_session_id=session_id)
    order.stripe_session_id = session_id
    log(order, "card_payment_started")
    return session


def mark_paid(
    order: Order, *, amount: int, currency: str, source: str, reference: str = "", by: str = ""
):
    """Paid only when the amount and currency match the order. Idempotent: a second
    confirmation changes nothing. Adds each part to its vendor's ledger and tells people.
    ``source`` is how it was paid, a code of ``PAYMENT_SOURCES`` ("outlet" with ``by``, the
    name of the person at the counter)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not Order.TRANSITIONS.allows(order.status, Order.Status.PAID):
            return order, "already paid"
        if currency.lower() != "idr" or amount != order.total:
            log(
                order,
                "payment_refused",
                {"received": amount, "currency": currency, "total": order.total},
            )
            return order, "amount mismatch"
        if order.status == Order.Status.CANCELLED:
            if not _reserve_again(order):
                log(order, "paid_too_late")
                if order.payment_method == Order.Payment.CARD and reference:
                    transaction.on_commit(lambda: refund_late_payment(order.pk, reference))
                return order, "paid too late: refunding"
            log(order, "paid_late")
        order.paid_at = timezone.now()
        if reference:
            order.stripe_payment_intent = reference
        set_order_status(
            order,
            Order.Status.PAID,
            kind="paid_at_outlet" if by else "paid",
            params={"source": source, "by": by} if by else {"source": source},
            fields=["paid_at", "stripe_payment_intent"],
        )
        for part in order.parts.select_for_update():
            # A pay-at-outlet pickup's parts are already on their way (or at the counter).
            if OrderPart.TRANSITIONS.allows(part.status, OrderPart.Status.PROCESSING):
                move_part(part, order, OrderPart.Status.PROCESSING, kind="part_to_process")
            LedgerEntry.objects.create(
                vendor_id=part.vendor_id,
                part=part,
                kind=LedgerEntry.Kind.SALE,
                amount=part.total,
                reference=order.number,
            )
            commission = commission_for(part.subtotal)
            if commission:
                LedgerEntry.objects.create(
                    vendor_id=part.vendor_id,
                    part=part,
                    kind=LedgerEntry.Kind.COMMISSION,
                    amount=-commission,
                    reference=order.number,
                )
    transaction.on_commit(lambda: send_order_emails.enqueue(order.pk, "paid"))
    return order, "paid"


def refund_late_payment(order_pk: int, payment_intent: str) -> None:
    order = Order.objects.get(pk=order_pk)
    try:
        payments.refund(payment_intent, order.total, key=f"late-{order.number}")
        log(order, "late_refunded")
    except payments.PaymentUnavailable as error:
        log(order, "late_refund_failed", {"error": str(error)[:300]})
