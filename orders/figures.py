"""Reads for the people who run the outlets and the platform: the pickups due at an outlet,
and the order figures on the admin dashboard. Days and weeks are counted in Asia/Jakarta
(weeks start on Monday), whoever looks. Each function runs a fixed number of queries,
however many orders there are."""

import datetime

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.charts import bar_chart
from core.money import format_rupiah
from core.time import JAKARTA
from vendors.cooperatives.models import Cluster
from vendors.regency_figures.exports import NUMBER, RUPIAH, Column, Table

from .models import Order, OrderLine, OrderPart
from .settlement import local_now

WEEKS = 12

# A pickup the outlet will hand over: paid, or to be paid at the counter.
AWAITED = Q(status=Order.Status.PAID) | Q(
    status=Order.Status.PENDING_PAYMENT, payment_method=Order.Payment.AT_OUTLET
)
# ... and those already handed over, which the counter still sees for the day.
DUE_OR_DONE = AWAITED | Q(status=Order.Status.COMPLETED)
OPEN_PICKUP = ~Q(fulfilment=Order.Fulfilment.DELIVERY) & AWAITED & Q(collected_at__isnull=True)


def local_today(now: datetime.datetime | None = None) -> datetime.date:
    return local_now(now).date()


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Jakarta (an aware datetime)."""
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=JAKARTA)


def _with_parts(orders):
    return orders.select_related("pickup_location").prefetch_related(
        Prefetch("parts", queryset=OrderPart.objects.select_related("vendor"))
    )


def pickups_due(first_day: datetime.date, days: int = 2, location=None):
    """Pickup orders due from ``first_day`` for ``days`` days (by pickup time, soonest
    first), at one outlet or all, with their parts and vendors: three queries."""
    orders = Order.objects.exclude(fulfilment=Order.Fulfilment.DELIVERY).filter(
        DUE_OR_DONE,
        pickup_at__gte=day_start(first_day),
        pickup_at__lt=day_start(first_day + datetime.timedelta(days=days)),
    )
    if location is not None:
        orders = orders.filter(pickup_location=location)
    return _with_parts(orders.order_by("pickup_at", "pk"))


def pickups_without_time(location):
    """Open pickups with no pickup time (RPPKUM allows that), oldest first."""
    orders = Order.objects.filter(OPEN_PICKUP, pickup_location=location, pickup_at__isnull=True)
    return _with_parts(orders.order_by("created_at", "pk"))


def group_by_day(orders, days: list[datetime.date]) -> list[dict]:
    """[{"day": date, "orders": [...]}, ...] for each of ``days``, empty days included."""
    groups = {day: [] for day in days}
    for order in orders:
        day = timezone.localtime(order.pickup_at, JAKARTA).date()
        if day in groups:
            groups[day].append(order)
    return [{"day": day, "orders": groups[day]} for day in days]


def ready_parts_count(location) -> int:
    """Vendor parts marked ready and waiting at the outlet, whatever their pickup day."""
    return OrderPart.objects.filter(
        order__pickup_location=location, status=OrderPart.Status.READY
    ).count()


# Dashboard figures ---------------------------------------------------------------------------

NET = F("total") - F("refunded_amount")


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _sales_by_week(since: datetime.date) -> dict:
    """Sales and orders per Monday-start week from ``since``, the weeks cut in Jakarta time
    by the database: {monday: (sales, orders)}. One query."""
    weekly = (
        Order.objects.filter(paid_at__gte=day_start(since))
        .annotate(week=TruncWeek("paid_at", tzinfo=JAKARTA))
        .values("week")
        .annotate(sales=Sum(NET), count=Count("pk"))
        .values_list("week", "sales", "count")
    )
    by_week = {}
    for week, sales, count in weekly:
        # SQLite gives back a naive datetime, PostgreSQL an aware one: read both in Jakarta.
        if timezone.is_aware(week):
            week = timezone.localtime(week, JAKARTA)
        by_week[week.date()] = (sales or 0, count)
    return by_week


def order_figures(now: datetime.datetime | None = None, weeks: int = WEEKS) -> dict:
    """Orders by status, this month's sales (orders paid this month, less what was refunded
    of them), open pickups, and sales per week for the last ``weeks`` weeks, the current
    week last, empty weeks included. Two queries."""
    today = local_today(now)
    first_of_month = day_start(today.replace(day=1))
    mondays = [
        week_start(today) - datetime.timedelta(weeks=back) for back in range(weeks - 1, -1, -1)
    ]

    # Query 1: every count and sum over all orders in one pass.
    totals = Order.objects.aggregate(
        **{
            f"status_{status.value}": Count("pk", filter=Q(status=status))
            for status in Order.Status
        },
        month_orders=Count("pk", filter=Q(paid_at__gte=first_of_month)),
        month_sales=Sum(NET, filter=Q(paid_at__gte=first_of_month), default=0),
        open_pickups=Count("pk", filter=OPEN_PICKUP),
        total=Count("pk"),
    )

    # Query 2: sales per Monday-start week.
    by_week = _sales_by_week(since=mondays[0])

    return {
        "today": today,
        "total": totals["total"],
        "by_status": [
            {
                "value": status.value,
                "label": status.label,
                "count": totals[f"status_{status.value}"],
            }
            for status in Order.Status
        ],
        "month_orders": totals["month_orders"],
        "month_sales": totals["month_sales"],
        "open_pickups": totals["open_pickups"],
        "weeks": [
            {
                "monday": monday,
                "sunday": monday + datetime.timedelta(days=6),
                "sales": by_week.get(monday, (0, 0))[0],
                "orders": by_week.get(monday, (0, 0))[1],
            }
            for monday in mondays
        ],
    }


# Charts (core.charts), with room for the amounts in Rupiah ---------------------------------

CHART = {"label_width": 150, "bar_width": 300, "value_width": 130}


def week_label(week: dict) -> str:
    return "{} – {}".format(
        formats.date_format(week["monday"], "j M"), formats.date_format(week["sunday"], "j M")
    )


def weekly_sales_chart(figures: dict, title: str) -> dict:
    return bar_chart(
        "order-figures-weeks",
        title,
        [(week_label(w), w["sales"], format_rupiah(w["sales"])) for w in figures["weeks"]],
        **CHART,
    )


def status_chart(figures: dict, title: str) -> dict:
    return bar_chart(
        "order-figures-status",
        title,
        [(row["label"], row["count"], str(row["count"])) for row in figures["by_status"]],
        **CHART,
    )


# Cluster sales, a table of the regency figures page ------------------------------------------

# What a cluster sold: lines of orders paid and not cancelled or refunded, whose vendor part
# was not cancelled or refunded either.
SOLD_STATUSES = (Order.Status.PAID, Order.Status.COMPLETED)
UNSOLD_PARTS = (OrderPart.Status.CANCELLED, OrderPart.Status.REFUNDED)


def cluster_sales(year: int) -> list[dict]:
    """Per cluster (all of them, in name order): the online orders paid in ``year`` (Jakarta)
    with a product of one of its member businesses, and what those products came to. One
    query."""
    lines = OrderLine.objects.filter(
        part__vendor__clusters__cluster=OuterRef("pk"),
        part__order__status__in=SOLD_STATUSES,
        part__order__paid_at__gte=day_start(datetime.date(year, 1, 1)),
        part__order__paid_at__lt=day_start(datetime.date(year + 1, 1, 1)),
    ).exclude(part__status__in=UNSOLD_PARTS)
    grouped = lines.values("part__vendor__clusters__cluster")
    amount = grouped.annotate(amount=Sum(F("unit_price") * F("quantity"))).values("amount")
    orders = grouped.annotate(orders=Count("part__order", distinct=True)).values("orders")
    clusters = Cluster.objects.annotate(
        amount=Coalesce(Subquery(amount[:1]), 0), orders=Coalesce(Subquery(orders[:1]), 0)
    ).order_by("name", "pk")
    return [
        {"name": cluster.name, "orders": cluster.orders, "amount": cluster.amount}
        for cluster in clusters
    ]


def cluster_sales_tables(year: int, day: datetime.date) -> list:
    rows = cluster_sales(year)
    return [
        Table(
            "clusters-sales",
            _("Cluster sales"),
            _(
                "Online orders paid in %(year)s (Jakarta time, cancelled and refunded ones "
                "left out) with products of a cluster's member businesses, and what those "
                "products came to (price times quantity, delivery not included). A business in "
                "clusters of two fields counts in both."
            ),
            [
                Column("name", _("Cluster")),
                Column("orders", _("Orders"), NUMBER),
                Column("amount", _("Sales (Rupiah)"), RUPIAH),
            ],
            rows,
            [
                {
                    "name": _("Total"),
                    "orders": None,
                    "amount": sum(row["amount"] for row in rows),
                }
            ],
            chart=("name", "amount"),
        )
    ]
