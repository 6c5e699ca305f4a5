"""A vendor's part of an order moves through its statuses one way only: every change goes
through ``_move_part``, checked against PART_TRANSITIONS."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Order, OrderPart
from .events import _log

Part = OrderPart.Status

# Every change of a part's status goes through ``_move_part``, checked against this table.
PART_TRANSITIONS = {
    Part.AWAITING_PAYMENT: {Part.PROCESSING},  # paid
    Part.CANCELLED: {Part.PROCESSING},  # paid after the reservation expired, stock taken again
    # A pickup's part becomes 'ready' when the vendor has brought it to the outlet (it is at
    # the counter); a delivery's part is 'shipped'.
    Part.PROCESSING: {Part.READY, Part.SHIPPED},
    Part.READY: {Part.COMPLETED},  # collected at the counter (or handed over by the vendor)
    Part.SHIPPED: {Part.COMPLETED},
}
# The steps a vendor takes itself (paying and cancelling are not the vendor's).
VENDOR_STEPS = {Part.READY, Part.SHIPPED, Part.COMPLETED}


def _move_part(part: OrderPart, order: Order, status: str, message: str, actor=None) -> str:
    """The one place a part changes status: allowed by PART_TRANSITIONS and by the order
    (a pickup is never shipped, a delivery never 'ready', nothing is completed unpaid),
    saved, and logged. Call inside a transaction with the part locked; returns the old
    status."""
    if status not in PART_TRANSITIONS.get(part.status, set()):
        raise ValidationError(
            _("A part that is %(old)s cannot become %(new)s.")
            % {
                "old": part.get_status_display().lower(),
                "new": OrderPart.Status(status).label.lower(),
            }
        )
    if status == Part.SHIPPED and order.is_pickup:
        raise ValidationError(_("This order is collected at an outlet, not shipped."))
    if status == Part.READY and not order.is_pickup:
        raise ValidationError(_("This order is delivered; mark it shipped instead."))
    if status == Part.COMPLETED and order.status != Order.Status.PAID:
        raise ValidationError(
            _("The buyer has not paid yet: it is completed when collected and paid at the counter.")
        )
    old = part.status
    part.status = status
    part.save(update_fields=["status", "tracking_note"])
    _log(order, message, part=part, old=old, new=status, actor=actor)
    return old
