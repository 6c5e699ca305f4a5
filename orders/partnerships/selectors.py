"""Reads of partnership requests: what a vendor may see, the staff's list, and the figures for
Diskum staff (how many, from whom, how far along, how fast vendors answer and what was
agreed; pure reads in a fixed number of queries, three, whatever the number of requests)."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import (
    Avg,
    BigIntegerField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)
from django.db.models.functions import Cast, Coalesce, Greatest

from . import services
from .models import PartnershipRequest, Quote

Status = PartnershipRequest.Status
OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.MATCHED, Status.QUOTED)

# The time from a request to its first quote. A difference of two datetimes works the same
# on SQLite and PostgreSQL when wrapped as a duration.
TIME_TO_FIRST_QUOTE = ExpressionWrapper(F("first_quote_at") - F("created_at"), DurationField())
QUOTED = Q(first_quote_at__isnull=False)


def vendor_requests(vendor):
    """What ``vendor`` may see: only ``services.requests_for_vendor`` (addressed to it or
    matched with it), newest first. A request outside it answers 404 on every vendor page."""
    return (
        services.requests_for_vendor(vendor)
        .select_related("category")
        .order_by("-created_at", "-pk")
    )


def staff_requests(status: str = "", buyer_type: str = ""):
    """Every request for the staff's list, newest first, with its counts of quotes (declined
    ones left out) and matches; narrowed to a status and a type of business when given."""
    requests = (
        PartnershipRequest.objects.select_related("vendor")
        .annotate(
            quote_count=Count(
                "quotes", filter=~Q(quotes__status=Quote.Status.DECLINED), distinct=True
            ),
            match_count=Count("matches", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    if status:
        requests = requests.filter(status=status)
    if buyer_type:
        requests = requests.filter(buyer_type=buyer_type)
    return requests


def messages_by_vendor(partnership) -> dict[int, list]:
    """The request's messages, oldest first, as one thread per vendor id (empty for a vendor
    without any)."""
    by_vendor = defaultdict(list)
    for message in partnership.messages.all():
        by_vendor[message.vendor_id].append(message)
    return by_vendor


def buyer_quotes(partnership) -> list:
    """The quotes the buyer compares: every one but those the vendor replaced, cheapest
    first."""
    return list(
        partnership.quotes.exclude(status=Quote.Status.DECLINED)
        .select_related("vendor")
        .prefetch_related("rounds")
        .order_by("unit_price", "created_at", "pk")
    )


def vendor_quotes(partnership, vendor) -> list:
    """The quotes ``vendor`` sent on the request, newest first."""
    return list(
        partnership.quotes.filter(vendor=vendor)
        .prefetch_related("rounds")
        .order_by("-created_at", "-pk")
    )


def _hours(duration) -> float | None:
    if duration is None:
        return None
    return round(duration.total_seconds() / 3600, 1)


def _counts() -> dict:
    """Query 1: every count, and the average time to a first quote, in one pass."""
    return PartnershipRequest.objects.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        quoted=Count("pk", filter=QUOTED),
        average_to_quote=Avg(TIME_TO_FIRST_QUOTE, filter=QUOTED),
        **{
            f"type_{choice.value}": Count("pk", filter=Q(buyer_type=choice))
            for choice in PartnershipRequest.BuyerType
        },
        **{
            f"status_{choice.value}": Count("pk", filter=Q(status=choice))
            for choice in PartnershipRequest.Status
        },
    )


def _median_to_quote(count: int):
    """Query 2: the middle one or two times to a first quote, found by offset rather than by
    loading every quoted request."""
    low, high = max((count - 1) // 2, 0), count // 2
    middle = list(
        PartnershipRequest.objects.filter(QUOTED)
        .annotate(to_quote=TIME_TO_FIRST_QUOTE)
        .order_by("to_quote", "pk")
        .values_list("to_quote", flat=True)[low : high + 1]
    )
    return sum(middle, start=middle[0] * 0) / len(middle) if middle else None


def _accepted_quotes() -> dict:
    """Query 3: the value of the accepted quotes. 64-bit: a price times a quantity can pass
    the 32-bit integer PostgreSQL would otherwise multiply in."""
    return Quote.objects.filter(status=Quote.Status.ACCEPTED).aggregate(
        count=Count("pk"),
        value=Sum(
            Cast("unit_price", BigIntegerField())
            * Greatest(
                # The quantity agreed (a counter-offer may have changed it), else the one asked.
                Coalesce(
                    Cast("quantity", BigIntegerField()),
                    Cast("request__quantity", BigIntegerField()),
                ),
                F("min_order"),
            ),
            output_field=BigIntegerField(),
        ),
    )


def _as_duration(average):
    if average is not None and not hasattr(average, "total_seconds"):
        # SQLite averages the durations as microseconds.
        return timedelta(microseconds=float(average))
    return average


def partnership_figures() -> dict:
    """Requests by buyer type and by status (every choice, zeros included), the open ones,
    the median and average hours from a request to its first quote, and the value of the
    accepted quotes (each quote's unit price times the quantity asked, or its minimum order
    when that is larger)."""
    totals = _counts()
    count = totals["quoted"]
    median = _median_to_quote(count)
    accepted = _accepted_quotes()
    return {
        "total": totals["total"],
        "open": totals["open"],
        "by_buyer_type": [
            {"value": choice.value, "label": choice.label, "count": totals[f"type_{choice}"]}
            for choice in PartnershipRequest.BuyerType
        ],
        "by_status": [
            {"value": choice.value, "label": choice.label, "count": totals[f"status_{choice}"]}
            for choice in PartnershipRequest.Status
        ],
        "quoted": count,
        "median_hours_to_first_quote": _hours(median),
        "average_hours_to_first_quote": _hours(_as_duration(totals["average_to_quote"])),
        "accepted_quotes": accepted["count"],
        "accepted_value": int(accepted["value"] or 0),
    }
