"""Counter sales at an outlet: a sale takes shelf stock down atomically (the batches that
expire first, never an expired one), numbers its receipt per outlet and Jakarta day and
credits each vendor's ledger its share; a supervisor voids it on the same day, and
everything goes back.

Locks: the outlet's row first (it serialises receipt numbers), then the shelf items and their
batches ordered by pk, so two clerks selling the same items never deadlock nor oversell."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Location, LocationStock
from orders.models import LedgerEntry, OutletAssignment

from . import restock
from .models import CounterSale, CounterSaleLine, OutletSettings, SaleEvent, ShelfBatch

Role = OutletAssignment.Role


class SaleRefused(ValidationError):
    """A sale (or a void) that cannot be recorded; its message says why."""


def can_sell(user, location) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or OutletAssignment.objects.filter(user=user, location=location).exists()


def is_supervisor(user, location) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or OutletAssignment.objects.filter(
            user=user, location=location, role=Role.SUPERVISOR
        ).exists()
    )


def margin_for(amount: int, percent: int) -> int:
    return int((Decimal(amount) * percent / 100).quantize(Decimal("1"), ROUND_HALF_UP))


def receipt_prefix(location) -> str:
    """The outlet's receipt prefix: the first three letters of its slug (RPP, SEN)."""
    letters = [c for c in location.slug.upper() if c.isalnum()]
    return "".join(letters[:3]) or "OUT"


def _next_number(location, day) -> str:
    """The next receipt number of this outlet and day; the caller holds the outlet's lock."""
    stem = f"{receipt_prefix(location)}-{day:%Y%m%d}-"
    taken = CounterSale.objects.filter(number__startswith=stem).count()
    return f"{stem}{taken + 1:04d}"


def _clean_items(items) -> dict[int, int]:
    """(shelf item or its pk, quantity) pairs → {stock pk: quantity}, duplicates added up."""
    wanted: dict[int, int] = defaultdict(int)
    for stock, quantity in items:
        pk = getattr(stock, "pk", stock)
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise SaleRefused(_("Each quantity is a whole number of at least 1."), code="quantity")
        wanted[int(pk)] += quantity
    if not wanted:
        raise SaleRefused(_("The sale has no items."), code="empty")
    return dict(wanted)


def _batches_by_stock(stock_pks) -> dict[int, list[ShelfBatch]]:
    batches = defaultdict(list)
    rows = ShelfBatch.objects.select_for_update().filter(stock_id__in=stock_pks).order_by("pk")
    for batch in rows:
        batches[batch.stock_id].append(batch)
    return batches


def _take(stock, quantity, batches, today) -> list[tuple[ShelfBatch, int]]:
    """Check and take ``quantity`` of one (locked) shelf item; return the batches taken
    from. Refuses beyond the shelf's quantity and beyond what is not past its best-before."""
    name = stock.product.name
    if quantity > stock.quantity:
        raise SaleRefused(
            _("Only %(left)s of %(product)s left on the shelf.")
            % {"left": stock.quantity, "product": name},
            code="beyond_stock",
        )
    if not batches:
        if stock.best_before and stock.best_before < today:
            raise SaleRefused(
                _("%(product)s is past its best-before date and cannot be sold.")
                % {"product": name},
                code="expired",
            )
        return []
    fresh = sorted(
        (b for b in batches if b.remaining and (b.best_before is None or b.best_before >= today)),
        key=lambda b: (b.best_before is None, b.best_before, b.received_at, b.pk),
    )
    sellable = min(sum(b.remaining for b in fresh), stock.quantity)
    if quantity > sellable:
        raise SaleRefused(
            _(
                "Only %(left)s of %(product)s are not past their best-before date; "
                "expired ones cannot be sold."
            )
            % {"left": sellable, "product": name},
            code="expired",
        )
    taken, needed = [], quantity
    for batch in fresh:
        step = min(needed, batch.remaining)
        if step:
            taken.append((batch, step))
            needed -= step
        if not needed:
            break
    return taken


def sell(location: Location, user, items, payment: str) -> CounterSale:
    """Record a sale at ``location``'s counter: ``items`` are (shelf item, quantity)."""
    if not can_sell(user, location):
        raise PermissionDenied
    if payment not in CounterSale.Payment.values:
        raise SaleRefused(_("Choose how the buyer paid."), code="payment")
    wanted = _clean_items(items)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        Location.objects.select_for_update().filter(pk=location.pk).get()
        stocks = list(
            LocationStock.objects.select_for_update(of=("self",))
            .select_related("product")
            .filter(pk__in=wanted, location=location, status=LocationStock.Status.ACCEPTED)
            .order_by("pk")
        )
        if len(stocks) != len(wanted):
            raise SaleRefused(_("An item is not on this outlet's shelf."), code="not_here")
        batches = _batches_by_stock(wanted)
        percent = _margin_percent(location)
        sale = CounterSale.objects.create(
            location=location,
            number=_next_number(location, today),
            sold_at=now,
            sold_by=user,
            payment=payment,
            total=0,
        )
        lines, taken_all = [], []
        for stock in stocks:
            quantity = wanted[stock.pk]
            taken = _take(stock, quantity, batches.get(stock.pk, []), today)
            for batch, step in taken:
                batch.remaining -= step
                batch.save(update_fields=["remaining"])
                taken_all.append([batch.pk, step])
            stock.quantity -= quantity
            stock.save(update_fields=["quantity"])
            lines.append(_line(sale, stock, quantity, percent))
        CounterSaleLine.objects.bulk_create(lines)
        sale.total = sum(line.amount for line in lines)
        sale.save(update_fields=["total"])
        _ledger(sale, lines, LedgerEntry.Kind.COUNTER_SALE, 1, user, now)
        SaleEvent.objects.create(
            sale=sale,
            kind="sold",
            params={"number": sale.number, "total": sale.total, "batches": taken_all},
            actor=user,
            created_at=now,
        )
        transaction.on_commit(lambda: _restock_check(stocks))
    return sale


def _margin_percent(location) -> int:
    found = OutletSettings.objects.filter(location=location).values_list(
        "margin_percent", flat=True
    )
    return next(iter(found), 0)


def _line(sale, stock, quantity, percent) -> CounterSaleLine:
    product = stock.product
    amount = product.price * quantity
    return CounterSaleLine(
        sale=sale,
        stock=stock,
        product=product,
        vendor_id=product.vendor_id,
        quantity=quantity,
        unit_price=product.price,
        margin=margin_for(amount, percent),
    )


def _ledger(sale, lines, kind, sign, user, when) -> None:
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            vendor_id=line.vendor_id,
            counter_sale=sale,
            kind=kind,
            amount=sign * line.vendor_share,
            reference=f"{sale.number} {line.product.name}"[:120],
            created_by=user,
            created_at=when,
        )
        for line in lines
    )


def _restock_check(stocks) -> None:
    """Ask the vendor to restock each item that fell below its minimum."""
    for stock in stocks:
        restock.check(stock)


def void(sale: CounterSale, user, reason: str) -> CounterSale:
    """A supervisor voids a sale on its own Jakarta day: stock and batches go back, the
    vendors' ledger is debited what it was credited."""
    if not can_sell(user, sale.location):
        raise PermissionDenied
    if not is_supervisor(user, sale.location):
        raise SaleRefused(_("Only a supervisor of this outlet can void a sale."), code="role")
    reason = (reason or "").strip()
    if not reason:
        raise SaleRefused(_("Give the reason for voiding the sale."), code="reason")
    now = timezone.now()
    with transaction.atomic():
        sale = CounterSale.objects.select_for_update().get(pk=sale.pk)
        if timezone.localdate(sale.sold_at) != timezone.localdate(now):
            raise SaleRefused(_("A sale can only be voided on the day it was made."), code="day")
        CounterSale.TRANSITIONS.check(sale, CounterSale.Status.VOIDED)
        lines = list(sale.lines.select_related("product").order_by("stock_id"))
        _put_back(sale, lines)
        sale.status = CounterSale.Status.VOIDED
        sale.voided_by, sale.voided_at, sale.void_reason = user, now, reason[:300]
        sale.save(update_fields=["status", "voided_by", "voided_at", "void_reason"])
        _ledger(sale, lines, LedgerEntry.Kind.COUNTER_VOID, -1, user, now)
        SaleEvent.objects.create(
            sale=sale,
            kind="voided",
            params={"by": user.get_username(), "reason": reason[:300]},
            actor=user,
            created_at=now,
        )
    return sale


def _put_back(sale, lines) -> None:
    stock_pks = sorted({line.stock_id for line in lines})
    stocks = LocationStock.objects.select_for_update().filter(pk__in=stock_pks).order_by("pk")
    back = defaultdict(int)
    for line in lines:
        back[line.stock_id] += line.quantity
    for stock in stocks:
        stock.quantity += back[stock.pk]
        stock.save(update_fields=["quantity"])
    sold = sale.events.filter(kind="sold").first()
    taken = dict((pk, step) for pk, step in (sold.params.get("batches", []) if sold else []))
    batches = ShelfBatch.objects.select_for_update().filter(pk__in=taken).order_by("pk")
    for batch in batches:
        batch.remaining = min(batch.received, batch.remaining + taken[batch.pk])
        batch.save(update_fields=["remaining"])
