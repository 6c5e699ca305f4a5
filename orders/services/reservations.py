"""An unpaid order's reservation: extended when the buyer comes back to pay, and cancelled
(its stock back on sale) when the payment fails or the time runs out."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..emails import send_uncollected_notices
from ..models import Order, OrderPart, OrderSettings
from .events import _log
from .stock import _release_stock


@transaction.atomic
def extend_reservation(order: Order) -> None:
    settings = OrderSettings.load()
    Order.objects.filter(pk=order.pk).update(
        reserved_until=timezone.now() + datetime.timedelta(minutes=settings.reservation_minutes)
    )
    order.refresh_from_db()


def cancel_unpaid(order: Order, reason: str, actor=None) -> bool:
    """Cancel a pending order and give its stock back (payment failed or expired)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.PENDING_PAYMENT:
            return False
        # A pickup paid at the outlet is prepared before payment: parts already made ready or
        # brought to the counter must be fetched back by their vendors, who are told so.
        brought = list(
            order.parts.filter(
                status__in=[OrderPart.Status.PROCESSING, OrderPart.Status.READY]
            ).values_list("pk", flat=True)
        )
        _release_stock(order)
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status"])
        order.parts.update(status=OrderPart.Status.CANCELLED)
        _log(
            order, reason, old=Order.Status.PENDING_PAYMENT, new=Order.Status.CANCELLED, actor=actor
        )
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
        if cancel_unpaid(Order(pk=pk), "Reservation expired; stock released"):
            count += 1
    return count
