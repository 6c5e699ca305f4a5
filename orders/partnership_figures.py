"""Figures on partnership requests for Diskum staff: how many, from whom, how far along, how
fast vendors answer and what was agreed. Pure reads in a fixed number of queries (three),
whatever the number of requests."""

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
from django.db.models.functions import Cast, Greatest

from .models import PartnershipRequest, Quote

Status = PartnershipRequest.Status
OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.MATCHED, Status.QUOTED)

# The time from a request to its first quote. A difference of two datetimes works the same
# on SQLite and PostgreSQL when wrapped as a duration.
TIME_TO_FIRST_QUOTE = ExpressionWrapper(F("first_quote_at") - F("created_at"), DurationField())


def _hours(duration) -> float | None:
    if duration is None:
        return None
    return round(duration.total_seconds() / 3600, 1)


def partnership_figures() -> dict:
    """Requests by buyer type and by status (every choice, zeros included), the open ones,
    the median and average hours from a request to its first quote, and the value of the
    accepted quotes (each quote's unit price times the quantity asked, or its minimum order
    when that is larger)."""

    # Query 1: every count, and the average time to a first quote, in one pass.
    quoted = Q(first_quote_at__isnull=False)
    totals = PartnershipRequest.objects.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        quoted=Count("pk", filter=quoted),
        average_to_quote=Avg(TIME_TO_FIRST_QUOTE, filter=quoted),
        **{
            f"type_{choice.value}": Count("pk", filter=Q(buyer_type=choice))
            for choice in PartnershipRequest.BuyerType
        },
        **{
            f"status_{choice.value}": Count("pk", filter=Q(status=choice))
            for choice in PartnershipRequest.Status
        },
    )

    # Query 2: the middle one or two times to a first quote, found by offset rather than by
    # loading every quoted request.
    count = totals["quoted"]
    low, high = max((count - 1) // 2, 0), count // 2
    middle = list(
        PartnershipRequest.objects.filter(quoted)
        .annotate(to_quote=TIME_TO_FIRST_QUOTE)
        .order_by("to_quote", "pk")
        .values_list("to_quote", flat=True)[low : high + 1]
    )
    median = sum(middle, start=middle[0] * 0) / len(middle) if middle else None

    # Query 3: the value of the accepted quotes. 64-bit: a price times a quantity can pass
    # the 32-bit integer PostgreSQL would otherwise multiply in.
    accepted = Quote.objects.filter(status=Quote.Status.ACCEPTED).aggregate(
        count=Count("pk"),
        value=Sum(
            Cast("unit_price", BigIntegerField())
            * Greatest(Cast("request__quantity", BigIntegerField()), F("min_order")),
            output_field=BigIntegerField(),
        ),
    )

    average = totals["average_to_quote"]
    if average is not None and not hasattr(average, "total_seconds"):
        # SQLite averages the durations as microseconds.
        from datetime import timedelta

        average = timedelta(microseconds=float(average))
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
        "average_hours_to_first_quote": _hours(average),
        "accepted_quotes": accepted["count"],
        "accepted_value": int(accepted["value"] or 0),
    }
