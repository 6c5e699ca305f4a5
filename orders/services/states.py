"""The one way an order's or a part's status changes: checked against the model's transition
table (``Order.TRANSITIONS``, ``OrderPart.TRANSITIONS`` with its guards), saved and logged."""

from ..models import Order, OrderPart
from .events import known_kind, log

Part = OrderPart.Status

# The steps a vendor takes itself (paying and cancelling are not the vendor's).
VENDOR_STEPS = {Part.READY, Part.SHIPPED, Part.COMPLETED}


def set_order_status(
    order: Order, status: str, *, kind: str, params=None, actor=None, fields=()
) -> str:
    """Allowed by Order.TRANSITIONS, saved (with ``fields`` set by the caller) and logged as
    ``kind``. Call inside a transaction with the order locked; returns the old status."""
    known_kind(kind)
    old = Order.TRANSITIONS.check(order, status)
    order.status = status
    order.save(update_fields=["status", *fields])
    log(order, kind, params, old=old, new=status, actor=actor)
    return old


def move_part(
    part: OrderPart, order: Order, status: str, *, kind: str, params=None, actor=None, fields=()
) -> str:
    """Allowed by OrderPart.TRANSITIONS and by the order (a pickup is never shipped, a
    delivery never 'ready', nothing is completed unpaid), saved with its tracking note (and
    ``fields``) and logged as ``kind``. Call inside a transaction with the part locked;
    returns the old status."""
    known_kind(kind)
    old = OrderPart.TRANSITIONS.check(part, status, order=order)
    part.status = status
    part.save(update_fields=["status", "tracking_note", *fields])
    log(order, kind, params, part=part, old=old, new=status, actor=actor)
    return old
