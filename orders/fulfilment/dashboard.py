"""The orders section of the vendor dashboard (/dasbor/), registered with the hook the
vendors app provides, so vendors never imports orders. A vendor sees its own order parts
only: every read goes through ``vendor_parts(vendor)``, i.e.
``OrderPart.objects.filter(vendor=current_vendor(request))``."""

from django.db.models import F, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from ..models import LedgerEntry, OrderPart

DASHBOARD_PARTS = 10

Status = OrderPart.Status
# Paid parts the vendor still has to move along.
NEEDS_ACTION = (Status.PROCESSING, Status.READY, Status.SHIPPED)
# Parts whose buyer has paid: the vendor may see the buyer's contact to deliver them.
CONTACT_VISIBLE = (*NEEDS_ACTION, Status.COMPLETED)


def vendor_parts(vendor):
    """All order parts of ``vendor``, with their order, pickup place and lines: a fixed
    number of queries however many there are."""
    return (
        OrderPart.objects.filter(vendor=vendor)
        .select_related("order", "order__pickup_location")
        .prefetch_related("lines")
    )


def parts_needing_action(vendor):
    """Paid parts still to prepare, hand over or ship: the soonest pickup first, then the
    oldest order."""
    return (
        vendor_parts(vendor)
        .filter(status__in=NEEDS_ACTION)
        .order_by(F("order__pickup_at").asc(nulls_last=True), "order__created_at", "pk")
    )


def vendor_balance(vendor) -> int:
    """What the platform owes ``vendor`` now (its whole ledger)."""
    return LedgerEntry.objects.filter(vendor=vendor).aggregate(balance=Sum("amount", default=0))[
        "balance"
    ]


def orders_section(request, vendor):
    """The ``register_vendor_dashboard_item`` hook (registered in ``orders.wagtail_hooks``)."""
    parts = parts_needing_action(vendor)
    shown = list(parts[:DASHBOARD_PARTS])
    total = len(shown) if len(shown) < DASHBOARD_PARTS else parts.count()
    return DashboardItem(
        order=20,
        title=_("Orders"),
        template="orders/dashboard/section.html",
        context={"parts": shown, "total": total, "balance": vendor_balance(vendor)},
        url=reverse("fulfilment:parts"),
    )
