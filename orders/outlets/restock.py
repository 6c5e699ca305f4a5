"""Restock requests: when a shelf item falls below its minimum, its vendor is asked (once:
one open request per item) for enough to reach twice the minimum, by e-mail through the task
queue and on their dashboard; the next delivery of that item closes the request."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import LocationStock

from .models import RestockRequest
from .restock_mail import send_restock_email

Status = RestockRequest.Status


def suggested_quantity(stock: LocationStock) -> int:
    return 2 * stock.minimum - stock.quantity


def needs_restock(stock: LocationStock) -> bool:
    return (
        stock.status == LocationStock.Status.ACCEPTED
        and stock.minimum > 0
        and stock.quantity < stock.minimum
    )


def check(stock: LocationStock) -> RestockRequest | None:
    """Open a request for ``stock`` if it is below its minimum and none is open; returns the
    new request, or None (nothing to ask, or already asked)."""
    if not needs_restock(stock):
        return None
    if RestockRequest.objects.filter(stock=stock, status=Status.OPEN).exists():
        return None
    try:
        with transaction.atomic():
            request = RestockRequest.objects.create(stock=stock, quantity=suggested_quantity(stock))
    except IntegrityError:  # another check opened it a moment ago
        return None
    transaction.on_commit(lambda: send_restock_email.enqueue(request.pk))
    return request


def check_all() -> int:
    """Every shelf item below its minimum without an open request gets one; how many opened.
    Running it again opens nothing new."""
    candidates = (
        LocationStock.objects.filter(status=LocationStock.Status.ACCEPTED, minimum__gt=0)
        .exclude(restocks__status=Status.OPEN)
        .select_related("product")
    )
    return sum(1 for stock in candidates if check(stock))


def close_delivered(stock: LocationStock) -> None:
    """A delivery of ``stock`` closes its open request as delivered."""
    for request in RestockRequest.objects.select_for_update().filter(
        stock=stock, status=Status.OPEN
    ):
        RestockRequest.TRANSITIONS.check(request, Status.DELIVERED)
        request.status = Status.DELIVERED
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at"])


def open_requests_for(vendor):
    """The vendor's own open requests, every outlet."""
    return (
        RestockRequest.objects.filter(status=Status.OPEN, stock__product__vendor=vendor)
        .select_related("stock__product", "stock__location")
        .order_by("stock__location__name", "stock__product__name")
    )
