"""Shelf operations at an outlet: goods received from a vendor in batches (each with its
best-before date), stock-takes that record each difference with a reason, and goods returned
to the vendor. Each is one atomic change of the batches and of the shelf item's quantity,
recorded with who did it and when (Delivery, StockTake, VendorReturn). Only the outlet's own
staff (an OutletAssignment) or Diskum staff act; anyone else is refused."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Location, LocationStock
from vendors.models import Vendor

from ..services.fulfilment import can_serve_outlet
from .models import (
    Delivery,
    OutletSettings,
    ShelfBatch,
    StockTake,
    StockTakeLine,
    VendorReturn,
    VendorReturnLine,
)
from .restock import check as check_restock
from .restock import close_delivered

DEFAULT_WARNING_DAYS = 14


@dataclass
class Received:
    stock: LocationStock
    quantity: int
    best_before: datetime.date | None = None


@dataclass
class Counted:
    stock: LocationStock
    counted: int
    reason: str = ""


@dataclass
class Returned:
    batch: ShelfBatch
    quantity: int


def require_outlet_staff(user, location: Location) -> None:
    if not can_serve_outlet(user, location):
        raise PermissionDenied


def shelf_items(location: Location):
    """The outlet's shelf (accepted items), with their batches still holding units."""
    live = ShelfBatch.objects.filter(remaining__gt=0).order_by("best_before", "received_at")
    return (
        LocationStock.objects.filter(location=location, status=LocationStock.Status.ACCEPTED)
        .select_related("product__vendor")
        .prefetch_related(Prefetch("batches", queryset=live, to_attr="live_batches"))
        .order_by("product__vendor__name", "product__name", "pk")
    )


def vendors_on_shelf(location: Location):
    return (
        Vendor.objects.filter(
            products__shelf_stock__location=location,
            products__shelf_stock__status=LocationStock.Status.ACCEPTED,
        )
        .distinct()
        .order_by("name")
    )


def warning_days(location: Location) -> int:
    found = OutletSettings.objects.filter(location=location).first()
    return found.best_before_warning_days if found else DEFAULT_WARNING_DAYS


def expiring_batches(location: Location, today: datetime.date | None = None):
    """Batches with units left whose best-before date is within the outlet's warning days
    (expired ones included, first)."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=warning_days(location))
    return (
        ShelfBatch.objects.filter(stock__location=location, remaining__gt=0, best_before__lte=until)
        .select_related("stock__product__vendor")
        .order_by("best_before", "stock__product__name", "pk")
    )


@dataclass
class Movement:
    """One line of the shelf's history: what was done, when and by whom."""

    at: datetime.datetime
    kind: str
    by: object
    vendor: Vendor | None
    units: int
    remark: str = ""


def recent_movements(location: Location, limit: int = 10) -> list[Movement]:
    """The latest deliveries, stock-takes and returns at the outlet, newest first (three
    queries, however many)."""
    deliveries = (
        Delivery.objects.filter(location=location)
        .select_related("vendor", "received_by")
        .annotate(units=Sum("batches__received"))[:limit]
    )
    takes = (
        StockTake.objects.filter(location=location)
        .select_related("taken_by")
        .annotate(units=Count("lines", filter=~Q(lines__counted=F("lines__expected"))))[:limit]
    )
    returns = (
        VendorReturn.objects.filter(location=location)
        .select_related("vendor", "returned_by")
        .annotate(units=Sum("lines__quantity"))[:limit]
    )
    rows = [
        *(
            Movement(
                d.received_at, "delivery", d.received_by, d.vendor, d.units or 0, d.note_number
            )
            for d in deliveries
        ),
        *(Movement(t.taken_at, "count", t.taken_by, None, t.units) for t in takes),
        *(
            Movement(r.returned_at, "return", r.returned_by, r.vendor, r.units or 0, r.reason)
            for r in returns
        ),
    ]
    return sorted(rows, key=lambda row: row.at, reverse=True)[:limit]


def refresh_best_before(stock: LocationStock, today: datetime.date) -> None:
    """The shelf item's best-before becomes its earliest unexpired batch's; when only expired
    batches are left, the latest of those (so it cannot be sold); no date when none has one."""
    dates = [
        d
        for d in stock.batches.filter(remaining__gt=0, best_before__isnull=False).values_list(
            "best_before", flat=True
        )
    ]
    fresh = [d for d in dates if d >= today]
    stock.best_before = min(fresh) if fresh else (max(dates) if dates else None)


def _locked(location: Location, ids) -> dict[int, LocationStock]:
    rows = LocationStock.objects.select_for_update().filter(
        location=location, status=LocationStock.Status.ACCEPTED, pk__in=ids
    )
    return {row.pk: row for row in rows.select_related("product")}


def receive_delivery(location, vendor, user, lines, note_number="", remark="") -> Delivery:
    """Goods received from ``vendor``: a batch per line, the shelf quantity raised, and the
    item's open restock request closed as delivered."""
    require_outlet_staff(user, location)
    lines = [line for line in lines if line.quantity]
    if not lines:
        raise ValidationError(_("Enter the quantity received of at least one item."))
    today = timezone.localdate()
    for line in lines:
        if line.quantity < 0:
            raise ValidationError(_("A quantity received must be more than zero."))
        if line.best_before and line.best_before < today:
            raise ValidationError(
                _("%(product)s: the best-before date is in the past; do not accept it.")
                % {"product": line.stock.product.name}
            )
    with transaction.atomic():
        stocks = _locked(location, [line.stock.pk for line in lines])
        for line in lines:
            stock = stocks.get(line.stock.pk)
            if stock is None or stock.product.vendor_id != vendor.pk:
                raise ValidationError(_("An item is not on this outlet's shelf for this vendor."))
        delivery = Delivery.objects.create(
            location=location,
            vendor=vendor,
            received_by=user,
            note_number=note_number,
            remark=remark,
        )
        for line in lines:
            stock = stocks[line.stock.pk]
            ShelfBatch.objects.create(
                stock=stock,
                delivery=delivery,
                received=line.quantity,
                remaining=line.quantity,
                best_before=line.best_before,
                received_at=delivery.received_at,
            )
            stock.quantity += line.quantity
            refresh_best_before(stock, today)
            stock.save(update_fields=["quantity", "best_before"])
            close_delivered(stock)
    return delivery


def _take_from_batches(stock: LocationStock, shortfall: int) -> None:
    """Units missing come off the batches that expire first (undated ones last)."""
    batches = (
        stock.batches.select_for_update()
        .filter(remaining__gt=0)
        .order_by(F("best_before").asc(nulls_last=True), "received_at", "pk")
    )
    for batch in batches:
        if shortfall <= 0:
            break
        taken = min(batch.remaining, shortfall)
        batch.remaining -= taken
        shortfall -= taken
        batch.save(update_fields=["remaining"])


def take_stock(location, user, lines) -> StockTake:
    """A count: each counted item that differs from the shelf quantity needs a reason; the
    batches and the quantity follow the count (a surplus becomes a batch without a date)."""
    require_outlet_staff(user, location)
    if not lines:
        raise ValidationError(_("Count at least one item."))
    for line in lines:
        if line.counted < 0:
            raise ValidationError(_("A count cannot be below zero."))
        if line.reason and line.reason not in StockTakeLine.Reason.values:
            raise ValidationError(_("Choose a reason from the list."))
    today = timezone.localdate()
    with transaction.atomic():
        stocks = _locked(location, [line.stock.pk for line in lines])
        if len(stocks) != len({line.stock.pk for line in lines}):
            raise ValidationError(_("An item is not on this outlet's shelf."))
        take = StockTake.objects.create(location=location, taken_by=user)
        for line in lines:
            stock = stocks[line.stock.pk]
            difference = line.counted - stock.quantity
            if difference and not line.reason:
                raise ValidationError(
                    _("%(product)s: give the reason for the difference.")
                    % {"product": stock.product.name}
                )
            StockTakeLine.objects.create(
                take=take,
                stock=stock,
                expected=stock.quantity,
                counted=line.counted,
                reason=line.reason if difference else "",
            )
            if difference < 0:
                _take_from_batches(stock, -difference)
            elif difference > 0:
                ShelfBatch.objects.create(
                    stock=stock,
                    received=difference,
                    remaining=difference,
                    received_at=take.taken_at,
                )
            stock.quantity = line.counted
            refresh_best_before(stock, today)
            stock.save(update_fields=["quantity", "best_before"])
            check_restock(stock)
    return take


def return_to_vendor(location, vendor, user, lines, reason) -> VendorReturn:
    """Units of named batches given back to their vendor (expired ones included)."""
    require_outlet_staff(user, location)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the return."))
    lines = [line for line in lines if line.quantity]
    if not lines:
        raise ValidationError(_("Enter the quantity returned of at least one batch."))
    today = timezone.localdate()
    with transaction.atomic():
        ids = [line.batch.pk for line in lines]
        batches = {
            b.pk: b
            for b in ShelfBatch.objects.select_for_update()
            .select_related("stock__product")
            .filter(pk__in=ids, stock__location=location, stock__product__vendor=vendor)
        }
        if len(batches) != len(set(ids)):
            raise ValidationError(_("A batch is not on this outlet's shelf for this vendor."))
        stocks = _locked(location, {b.stock_id for b in batches.values()})
        returned = VendorReturn.objects.create(
            location=location, vendor=vendor, returned_by=user, reason=reason
        )
        for line in lines:
            batch = batches[line.batch.pk]
            if not 0 < line.quantity <= batch.remaining:
                raise ValidationError(
                    _("%(product)s: only %(remaining)s left in that batch.")
                    % {"product": batch.stock.product.name, "remaining": batch.remaining}
                )
            batch.remaining -= line.quantity
            batch.save(update_fields=["remaining"])
            VendorReturnLine.objects.create(
                vendor_return=returned, batch=batch, quantity=line.quantity
            )
            stock = stocks[batch.stock_id]
            stock.quantity = max(stock.quantity - line.quantity, 0)
        for stock in stocks.values():
            refresh_best_before(stock, today)
            stock.save(update_fields=["quantity", "best_before"])
            check_restock(stock)
    return returned
