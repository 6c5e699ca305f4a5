"""Payment outcomes: a card payment started at Stripe, and an order made paid (by Stripe, a
bank transfer or the outlet's counter) with its parts to process and its vendors' ledger."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import payments
from ..emails import send_order_emails
from ..models import LedgerEntry, Order, OrderPart
from .events import _log
from .ledger import commission_for
from .parts import _move_part
from .reservations import extend_reservation
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
    _log(order, "Card payment started at Stripe")
    return session


def mark_paid(order: Order, *, amount: int, currency: str, source: str, reference: str = ""):
    """Paid only when the amount and currency match the order. Idempotent: a second
    confirmation changes nothing. Adds each part to its vendor's ledger and tells people."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status in (Order.Status.PAID, Order.Status.COMPLETED, Order.Status.REFUNDED):
            return order, "already paid"
        if currency.lower() != "idr" or amount != order.total:
            _log(order, f"Payment refused: {amount} {currency} does not match {order.total} IDR")
            return order, "amount mismatch"
        if order.status == Order.Status.CANCELLED:
            if not _reserve_again(order):
                _log(order, "Paid after the reservation expired, but the stock is gone")
                if order.payment_method == Order.Payment.CARD and reference:
                    transaction.on_commit(lambda: refund_late_payment(order.pk, reference))
                return order, "paid too late: refunding"
            _log(order, "Paid after the reservation expired; stock reserved again")
        old = order.status
        order.status = Order.Status.PAID
        order.paid_at = timezone.now()
        if reference:
            order.stripe_payment_intent = reference
        order.save(update_fields=["status", "paid_at", "stripe_payment_intent"])
        _log(order, f"Paid ({source})", old=old, new=Order.Status.PAID)
        for part in order.parts.select_for_update():
            # A pay-at-outlet pickup's parts are already on their way (or at the counter).
            if part.status in (OrderPart.Status.AWAITING_PAYMENT, OrderPart.Status.CANCELLED):
                _move_part(part, order, OrderPart.Status.PROCESSING, "Vendor part ready to process")
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
        _log(order, "Late payment refunded in full")
    except payments.PaymentUnavailable as error:
        _log(order, f"Late payment refund failed: {error}"[:300])
