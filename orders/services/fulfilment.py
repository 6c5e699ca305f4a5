"""Fulfilment: the vendor moves its part along (ready at the outlet, shipped), the outlet's
counter takes the money for a pay-at-the-outlet pickup and hands the order over."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.models import Vendor

from ..emails import send_order_emails
from ..models import Order, OrderPart, OutletAssignment
from .events import log
from .payment import mark_paid
from .states import VENDOR_STEPS, Part, move_part, set_order_status


def can_serve_outlet(user, location) -> bool:
    return user.is_staff or OutletAssignment.objects.filter(user=user, location=location).exists()


def confirm_outlet_payment(order: Order, user) -> Order:
    """Outlet staff took the money for a pay-at-the-outlet pickup."""
    if order.pickup_location is None or not can_serve_outlet(user, order.pickup_location):
        raise PermissionDenied
    if order.payment_method != Order.Payment.AT_OUTLET:
        raise ValidationError(
            _("This order is paid online (card or bank transfer), not at the counter.")
        )
    return _paid_at_counter(order, user)


def _paid_at_counter(order: Order, user) -> Order:
    return mark_paid(order, amount=order.total, currency="idr", source="outlet", by=str(user))[0]


def advance_part(part: OrderPart, user, status: str, tracking_note: str = "") -> OrderPart:
    """A vendor moves its own part along: a pickup's part becomes 'ready' when the vendor has
    brought it to the outlet (a pay-at-outlet pickup too, before it is paid), a delivery's
    'shipped'."""
    if not Vendor.objects.for_user(user).filter(pk=part.vendor_id).exists() and not user.is_staff:
        raise PermissionDenied
    if status not in VENDOR_STEPS:
        raise ValidationError(_("This step is not possible for this order."))
    with transaction.atomic():
        part = OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)
        if tracking_note:
            part.tracking_note = tracking_note[:200]
        move_part(
            part,
            part.order,
            status,
            kind="part_moved",
            params={"vendor": part.vendor.name, "old": part.status, "new": status},
            actor=user,
        )
        _maybe_complete(part.order)
    if status == Part.READY:
        transaction.on_commit(lambda: send_order_emails.enqueue(part.order_id, "ready"))
    return part


def _maybe_complete(order: Order) -> None:
    statuses = set(order.parts.values_list("status", flat=True))
    if statuses and statuses <= {OrderPart.Status.COMPLETED, OrderPart.Status.REFUNDED}:
        if order.status == Order.Status.PAID:
            set_order_status(order, Order.Status.COMPLETED, kind="completed")


# Parts the counter may still hand over (or wait for).
OPEN_PARTS = (Part.PROCESSING, Part.READY)


def can_collect(order: Order) -> bool:
    """Whether the counter may hand this order over now: paid, or to be paid right now at
    the counter; and at least one part is at the counter."""
    awaited = order.status == Order.Status.PAID or order.pays_at_outlet
    return awaited and order.has_parts_at_counter


def mark_collected(order: Order, user) -> Order:
    """Outlet staff hand over what is at the counter: every 'ready' part is completed, and
    only those. A part the vendor has not brought yet stays open, and the handover is logged
    as partial; ``collected_at`` is set when nothing is left to collect.

    A pay-at-outlet order is paid here, in the same step: the buyer pays the whole order
    (its one payment, as with a card) at the first handover, which makes it paid and adds
    every part to its vendor's ledger (``mark_paid``). A part handed over later needs no
    payment; one that never comes is refunded by staff like any paid part."""
    if order.pickup_location is None or not can_serve_outlet(user, order.pickup_location):
        raise PermissionDenied
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        parts = list(order.parts.select_for_update().select_related("vendor"))
        ready = [part for part in parts if part.status == Part.READY]
        pays_now = order.pays_at_outlet
        if order.status != Order.Status.PAID and not pays_now:
            raise ValidationError(_("Only a paid order can be collected."))
        if not ready:
            raise ValidationError(
                _("Nothing of order %(number)s is at the counter yet: nothing to hand over.")
                % {"number": order.number}
            )
        if pays_now:
            order = _paid_at_counter(order, user)
        place = str(order.pickup_location)
        for part in ready:
            move_part(
                part, order, Part.COMPLETED, kind="collected", params={"place": place}, actor=user
            )
        still_open = [part for part in parts if part.status in OPEN_PARTS]
        if still_open:
            params = {
                "place": place,
                "handed": len(ready),
                "parts": len(ready) + len(still_open),
                "open": ", ".join(part.vendor.name for part in still_open)[:200],
            }
            log(order, "partly_collected", params, actor=user)
        else:
            order.collected_at = timezone.now()
            order.save(update_fields=["collected_at"])
        _maybe_complete(order)
    order.refresh_from_db()
    return order
