"""The outlets' figures for the regency figures page (registered by hooks_figures.py on
``register_regency_figures_table``): sales per outlet per ISO week (counter sales and online
pickups collected there, apart), best sellers and vendors' shares per outlet, sell-through
and days of stock per shelf item. Five queries, whatever the number of sales and items;
weeks and days are cut in Asia/Jakarta."""

import datetime
from collections import defaultdict

from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from catalog.models import LocationStock
from core.time import JAKARTA

from ..figures import day_start
from ..models import Order
from .models import CounterSale, CounterSaleLine

TOP = 10  # best sellers per outlet
WINDOW = 30  # days of sales behind sell-through and days of stock
COMPLETED = CounterSale.Status.COMPLETED
AMOUNT = F("unit_price") * F("quantity")


def _year_range(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return day_start(datetime.date(year, 1, 1)), day_start(datetime.date(year + 1, 1, 1))


def _monday(week) -> datetime.date:
    # SQLite gives back a naive datetime, PostgreSQL an aware one: read both in Jakarta.
    if timezone.is_aware(week):
        week = timezone.localtime(week, JAKARTA)
    return week.date()


def weekly_sales(year: int) -> list[dict]:
    """Per outlet and ISO week (Monday to Sunday, Jakarta) with anything sold in ``year``:
    counter sales completed (voided ones left out) and online pickups collected there (the
    order's total less what was refunded), in outlet then week order. Two queries."""
    start, end = _year_range(year)
    counter = (
        CounterSale.objects.filter(status=COMPLETED, sold_at__gte=start, sold_at__lt=end)
        .annotate(week=TruncWeek("sold_at", tzinfo=JAKARTA))
        .values("location__name", "week")
        .annotate(amount=Sum("total"))
        .order_by()
        .values_list("location__name", "week", "amount")
    )
    pickups = (
        Order.objects.filter(
            pickup_location__isnull=False, collected_at__gte=start, collected_at__lt=end
        )
        .exclude(status__in=(Order.Status.CANCELLED, Order.Status.REFUNDED))
        .annotate(week=TruncWeek("collected_at", tzinfo=JAKARTA))
        .values("pickup_location__name", "week")
        .annotate(amount=Sum(F("total") - F("refunded_amount")))
        .order_by()
        .values_list("pickup_location__name", "week", "amount")
    )
    weeks = defaultdict(lambda: {"counter": 0, "pickups": 0})
    for kind, rows in (("counter", counter), ("pickups", pickups)):
        for name, week, amount in rows:
            weeks[name, _monday(week)][kind] += amount or 0
    result = []
    for (name, monday), amounts in sorted(weeks.items()):
        iso_year, iso_week, _day = monday.isocalendar()
        result.append(
            {
                "outlet": name,
                "week": f"{iso_year}-W{iso_week:02d}",
                "monday": monday,
                **amounts,
                "total": amounts["counter"] + amounts["pickups"],
            }
        )
    return result


def _sold_lines(year: int):
    start, end = _year_range(year)
    return CounterSaleLine.objects.filter(
        sale__status=COMPLETED, sale__sold_at__gte=start, sale__sold_at__lt=end
    )


def best_sellers(year: int, top: int = TOP) -> list[dict]:
    """Per outlet, the ``top`` products sold most at its counter in ``year`` by quantity
    (then by amount, then by name), with their rank, vendor, quantity and amount. One
    query."""
    rows = (
        _sold_lines(year)
        .values("sale__location__name", "product__name", "vendor__name")
        .annotate(sold=Sum("quantity"), amount=Sum(AMOUNT))
        .order_by("sale__location__name", "-sold", "-amount", "product__name")
    )
    result, ranks = [], defaultdict(int)
    for row in rows:
        outlet = row["sale__location__name"]
        if ranks[outlet] >= top:
            continue
        ranks[outlet] += 1
        result.append(
            {
                "outlet": outlet,
                "rank": ranks[outlet],
                "product": row["product__name"],
                "vendor": row["vendor__name"],
                "quantity": row["sold"],
                "amount": row["amount"],
            }
        )
    return result


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def vendor_shares(year: int) -> list[dict]:
    """Per outlet, each vendor's counter sales in ``year`` (price times quantity) and its
    share of the outlet's counter sales, biggest first. One query."""
    rows = list(
        _sold_lines(year)
        .values("sale__location__name", "vendor__name")
        .annotate(amount=Sum(AMOUNT))
        .order_by("sale__location__name", "-amount", "vendor__name")
    )
    totals = defaultdict(int)
    for row in rows:
        totals[row["sale__location__name"]] += row["amount"]
    return [
        {
            "outlet": row["sale__location__name"],
            "vendor": row["vendor__name"],
            "amount": row["amount"],
            "percent": _percent(row["amount"], totals[row["sale__location__name"]]),
        }
        for row in rows
    ]


def _days(stock_days: int, sold: int) -> int | float | None:
    """Days of stock to one decimal (a whole number as such), None when nothing sold."""
    if not sold:
        return None
    days = round(stock_days / sold, 1)
    return int(days) if days.is_integer() else days


def shelf_turnover(day: datetime.date, window: int = WINDOW) -> list[dict]:
    """Every item on an outlet's shelf (accepted) with what its counter sold in the
    ``window`` days up to the end of ``day`` (voids left out): sell-through = sold / (sold +
    on the shelf now), in percent; days of stock = on the shelf / average daily sales over
    the window, None when nothing sold. One query."""
    end = day_start(day + datetime.timedelta(days=1))
    start = end - datetime.timedelta(days=window)
    sold = (
        CounterSaleLine.objects.filter(
            stock=OuterRef("pk"),
            sale__status=COMPLETED,
            sale__sold_at__gte=start,
            sale__sold_at__lt=end,
        )
        .values("stock")
        .annotate(sold=Sum("quantity"))
        .values("sold")
    )
    items = (
        LocationStock.objects.filter(status=LocationStock.Status.ACCEPTED)
        .annotate(sold=Coalesce(Subquery(sold[:1]), 0))
        .values_list(
            "location__name", "product__name", "product__vendor__name", "shelf", "quantity", "sold"
        )
        .order_by("location__name", "product__name", "pk")
    )
    result = []
    for outlet, product, vendor, shelf, on_shelf, sold_qty in items:
        result.append(
            {
                "outlet": outlet,
                "product": product,
                "vendor": vendor,
                "shelf": shelf,
                "sold": sold_qty,
                "on_shelf": on_shelf,
                "sell_through": _percent(sold_qty, sold_qty + on_shelf),
                "days": _days(on_shelf * window, sold_qty),
            }
        )
    return result
