"""What happened to an order (``OrderEvent``) and what Stripe told us (``StripeEvent``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.events import Event
from core.labels import status_label
from core.money import format_rupiah

from .orders import Order, OrderPart

# How an order was paid, as stored in a "paid" event's ``source`` (an unknown code, e.g. a
# test's, is shown as stored).
PAYMENT_SOURCES = {
    "card": _("card"),
    "transfer": _("bank transfer"),
    "reconciliation": _("card, checked with Stripe"),
    "demo": _("demo"),
}


def _part_status(value) -> str:
    return status_label(value, OrderPart.Status).lower()


def _payment_source(value) -> str:
    return str(PAYMENT_SOURCES.get(value, value))


class OrderEvent(Event):
    """Append-only log of everything that happens to an order: a kind and its parameters,
    shown in the reader's language (``text``); rows from before kinds keep ``message``."""

    KINDS = {
        "placed": _("Order placed; stock reserved"),
        "card_payment_started": _("Card payment started at Stripe"),
        "checkout_completed": _("Checkout completed; waiting for the bank to confirm"),
        "payment_refused": _(
            "Payment refused: %(received)s %(currency)s does not match %(total)s IDR"
        ),
        "paid": _("Paid (%(source)s)"),
        "paid_at_outlet": _("Paid (at the outlet by %(by)s)"),
        "paid_late": _("Paid after the reservation expired; stock reserved again"),
        "paid_too_late": _("Paid after the reservation expired, but the stock is gone"),
        "late_refunded": _("Late payment refunded in full"),
        "late_refund_failed": _("Late payment refund failed: %(error)s"),
        "reservation_expired": _("Reservation expired; stock released"),
        "payment_failed": _("Payment failed; stock released"),
        "checkout_expired": _("Checkout expired; stock released"),
        "payment_cancelled": _("Payment cancelled at Stripe"),
        "receipt_uploaded": _("Transfer receipt uploaded by the buyer"),
        "receipt_rejected": _("Transfer receipt rejected: %(reason)s"),
        "transfer_confirmed": _("Bank transfer confirmed by staff"),
        "transfer_not_booked": _("Bank transfer not booked: the reserved stock is gone"),
        "part_to_process": _("Vendor part ready to process"),
        "part_to_bring": _("Vendor part to bring to the outlet; the buyer pays at the counter"),
        "part_moved": _("%(vendor)s: %(old)s → %(new)s"),
        "collected": _("Collected at %(place)s"),
        "partly_collected": _(
            "Partly collected at %(place)s: %(handed)s of %(parts)s vendor parts handed over; "
            "still open: %(open)s"
        ),
        "part_refunded": _("Refunded %(amount)s to the buyer (%(vendor)s)"),
        "completed": _("Order completed"),
        "refunded": _("Order refunded in full"),
    }
    SHOWN_AS = {
        "old": _part_status,
        "new": _part_status,
        "amount": format_rupiah,
        "source": _payment_source,
    }

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    part = models.ForeignKey(
        OrderPart, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_status = models.CharField(max_length=20, blank=True)
    new_status = models.CharField(max_length=20, blank=True)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return str(self.text)

    def _label(self, value) -> str:
        """A status in words: a part's when the event is a part's, else the order's."""
        return status_label(value, OrderPart.Status if self.part_id else Order.Status)

    @property
    def old_label(self) -> str:
        return self._label(self.old_status)

    @property
    def new_label(self) -> str:
        return self._label(self.new_status)


class StripeEvent(models.Model):
    """Every webhook event received, stored once: the unique id makes handling at-most-once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
