"""The partnership figures for staff (the "Angka kemitraan" page and the admin dashboard):
partnerships by buyer type (contracts through the site and partnerships recorded outside it,
apart and together), contracts by status, value delivered and invoiced per month, on-time
deliveries and overdue invoices. Pure reads, a fixed number of queries whatever the number of
rows; months and days are cut in Asia/Jakarta."""

import datetime

from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast, ExtractMonth, TruncDate
from django.utils import timezone

from core.time import JAKARTA
from orders.partnerships.models import PartnershipRequest

from .models import ContractDelivery, DeliveryLine, ExternalPartnership, Invoice, SupplyContract

MONTHS = range(1, 13)
BIG = BigIntegerField()


def day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=JAKARTA)


def year_range(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    return day_start(datetime.date(year, 1, 1)), day_start(datetime.date(year + 1, 1, 1))


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), JAKARTA).date()


def partnerships_made() -> int:
    """Partnerships made, all time: supply contracts (accepted quotes that became a contract)
    and partnerships recorded outside the site. Two queries."""
    return SupplyContract.objects.count() + ExternalPartnership.objects.count()


def by_buyer_type(year: int) -> list[dict]:
    """Per type of business: contracts agreed in ``year`` through the site, partnerships
    recorded outside it starting in ``year``, and both together. Two queries."""
    start, end = year_range(year)
    site = dict(
        SupplyContract.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("request__buyer_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    outside = dict(
        ExternalPartnership.objects.filter(start_date__year=year)
        .values_list("buyer_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {
            "type": choice.label,
            "site": site.get(choice.value, 0),
            "outside": outside.get(choice.value, 0),
            "together": site.get(choice.value, 0) + outside.get(choice.value, 0),
        }
        for choice in PartnershipRequest.BuyerType
    ]


def contracts_by_status() -> list[dict]:
    """Every contract by its status today (one query)."""
    counts = dict(SupplyContract.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [
        {"status": choice.label, "key": choice.value, "contracts": counts.get(choice.value, 0)}
        for choice in SupplyContract.Status
    ]


def _received(year: int):
    start, end = year_range(year)
    return ContractDelivery.objects.filter(
        status=ContractDelivery.Status.RECEIVED, received_at__gte=start, received_at__lt=end
    )


def months(year: int) -> list[dict]:
    """Per month of ``year``: value delivered (quantity received × the line's unit price, by
    the month the buyer confirmed receipt), value invoiced (invoices issued that month,
    cancelled ones left out), deliveries received and those received on or before their
    scheduled day. Three queries."""
    start, end = year_range(year)
    delivered = dict(
        DeliveryLine.objects.filter(
            delivery__status=ContractDelivery.Status.RECEIVED,
            delivery__received_at__gte=start,
            delivery__received_at__lt=end,
        )
        .annotate(month=ExtractMonth("delivery__received_at", tzinfo=JAKARTA))
        .values_list("month")
        .annotate(
            value=Sum(
                Cast("quantity_received", BIG) * Cast("contract_line__unit_price", BIG),
                output_field=BIG,
            )
        )
        .order_by()
    )
    invoiced = dict(
        Invoice.objects.filter(issued_on__year=year)
        .exclude(status=Invoice.Status.CANCELLED)
        .annotate(month=ExtractMonth("issued_on"))
        .values_list("month")
        .annotate(value=Sum(Cast("total", BIG), output_field=BIG))
        .order_by()
    )
    on_time = {
        month: (received, timely)
        for month, received, timely in _received(year)
        .annotate(
            month=ExtractMonth("received_at", tzinfo=JAKARTA),
            day=TruncDate("received_at", tzinfo=JAKARTA),
        )
        .values("month")
        .annotate(n=Count("pk"), timely=Count("pk", filter=Q(day__lte=F("scheduled_on"))))
        .order_by()
        .values_list("month", "n", "timely")
    }
    return [
        {
            "month": month,
            "delivered": int(delivered.get(month) or 0),
            "invoiced": int(invoiced.get(month) or 0),
            "received": on_time.get(month, (0, 0))[0],
            "on_time": on_time.get(month, (0, 0))[1],
            "share": percent(*reversed(on_time.get(month, (0, 0)))),
        }
        for month in MONTHS
    ]


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def overdue_invoices(day: datetime.date) -> list[dict]:
    """Per vendor, the invoices still unpaid after their due day (issued, due before
    ``day``): how many and what they come to, most owed first. One query."""
    rows = (
        Invoice.objects.filter(status=Invoice.Status.ISSUED, due_on__lt=day)
        .values("vendor__name")
        .annotate(invoices=Count("pk"), amount=Sum(Cast("total", BIG), output_field=BIG))
        .order_by("-amount", "vendor__name")
    )
    return [
        {"vendor": row["vendor__name"], "invoices": row["invoices"], "amount": int(row["amount"])}
        for row in rows
    ]
