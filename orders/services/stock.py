"""Stock an order takes and gives back, and what the page cache must forget when it changes.
Stock is only taken by a conditional UPDATE (never below zero, whoever else buys at once)."""

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from catalog.models import Product
from core.cache import availability_changed, paths_changed

from ..models import Order, OrderLine


def stock_changed(changes) -> None:
    """Stock shows on each product's own page; listings change (the out-of-stock badge, the
    in-stock facet) only when a product runs out or comes back. ``changes``: (product id,
    quantity added or, negative, taken)."""
    if not changes:
        return
    delta = {}
    for product_id, quantity in changes:
        delta[product_id] = delta.get(product_id, 0) + quantity
    rows = Product.objects.filter(pk__in=delta).values_list("pk", "slug", "stock")
    paths = []
    for _pk, slug, _stock in rows:
        for language, _name in django_settings.LANGUAGES:
            with translation.override(language):
                paths.append(reverse("catalog:product", kwargs={"slug": slug}))
    if any(stock == 0 or stock == delta[pk] for pk, _slug, stock in rows):
        availability_changed(paths)
    else:
        paths_changed(paths)


def _release_stock(order: Order) -> None:
    changes = []
    for line in OrderLine.objects.filter(part__order=order, product__isnull=False):
        Product.objects.filter(pk=line.product_id).update(stock=F("stock") + line.quantity)
        changes.append((line.product_id, line.quantity))
    stock_changed(changes)


def _reserve_again(order: Order) -> bool:
    """For a payment that arrives after its reservation expired: take the stock again if it
    is still there (all or nothing)."""
    changes = []
    with transaction.atomic():
        for line in OrderLine.objects.filter(part__order=order, product__isnull=False).order_by(
            "product_id"
        ):
            updated = Product.objects.filter(pk=line.product_id, stock__gte=line.quantity).update(
                stock=F("stock") - line.quantity
            )
            if not updated:
                transaction.set_rollback(True)
                return False
            changes.append((line.product_id, -line.quantity))
        stock_changed(changes)
    return True
