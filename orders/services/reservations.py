"""An unpaid order's reservation: extended when the buyer comes back to pay, and cancelled
(its stock back on sale) when the payment fails or the time runs out."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..emails import send_uncollected_notices
from ..models import Order, OrderPart, OrderSettings
from .states import set_order_status
from .stock import _release_stock

# The parts an unpaid order may have when it is cancelled (a pay-at-outlet pickup's are on
# their way or at the counter).
CANCELLABLE_PARTS = [
    status
    for status in OrderPart.Status
    if OrderPart.TRANSITIONS.allows(status, OrderPart.Status.CANCELLED)
]


@transaction.atomic
def extend_reservation(order: Order) -> None:
    settings = OrderSettings.load()
    Order.objects.filter(pk=order.pk).update(
        reserved_until=timezone.now() + datetime.timedelta(minutes=settings.reservation_minutes)
    )
    order.refresh_from_db()


def cancel_unpaid(order: Order, reason: str, actor=None) -> bool:
    """Cancel a pending order and give its stock back (payment failed or expired); ``reason``
    is the event's kind (``reservation_expired``, ``payment_failed``…)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not Order.TRANSITIONS.allows(order.status, Order.Status.CANCELLED):
            return False
        # A pickup paid at the outlet is prepared before payment: parts already made ready or
        # brought to the counter must be fetched back by their vendors, who are told so.
        brought = list(
            order.parts.filter(
                status__in=[OrderPart.Status.PROCESSING, OrderPart.Status.READY]
            ).values_list("pk", flat=True)
        )
        _release_stock(order)
        set_order_status(order, Order.Status.CANCELLED, kind=reason, actor=actor)
        # The parts go with the order, all at once and without an event of their own.
        order.parts.filter(status__in=CANCELLABLE_PARTS).update(status=OrderPart.Status.CANCELLED)
        if brought:
            transaction.on_commit(lambda: send_uncollected_notices.enqueue(order.pk, brought))
    return True


def expire_reservations(now=None) -> int:
    """Cancel unpaid orders whose reservation ran out; their stock goes back on sale."""
    now = now or timezone.now()
    expired = Order.objects.filter(
        status=Order.Status.PENDING_PAYMENT, reserved_until__lt=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(expired):
        if cancel_unpaid(Order(pk=pk), "reservation_expired"):
            count += 1
    return count
