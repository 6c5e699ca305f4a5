"""The regency's figures for one calendar year, counted in Asia/Jakarta. Pure reads in a fixed
number of queries (ten), whatever the number of businesses and requests: every count is
grouped in the database, and only the issued requests' two dates are read row by row (for
the median, which SQLite cannot compute)."""

import datetime
import statistics
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from core.time import JAKARTA, jakarta_date
from vendors.facilitation.models import FacilitationEvent, FacilitationRequest
from vendors.models import HalalCertificate, Kecamatan, Vendor, VerificationEvent
from vendors.trademarks.models import Trademark

MONTHS = range(1, 13)
FIRST_YEAR = 2015  # the oldest year the page offers
Kind = FacilitationRequest.Kind
Stage = FacilitationRequest.Stage
Subject = VerificationEvent.Subject


def this_year() -> int:
    return timezone.localdate(timezone=JAKARTA).year


def _start(year: int) -> datetime.datetime:
    return datetime.datetime(year, 1, 1, tzinfo=JAKARTA)


def _in_year(year: int, field: str = "created_at") -> Q:
    return Q(**{f"{field}__gte": _start(year), f"{field}__lt": _start(year + 1)})


def _month(field: str = "created_at") -> ExtractMonth:
    return ExtractMonth(field, tzinfo=JAKARTA)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def as_of_day(year: int) -> datetime.date:
    """The day the year's standing figures are read on: 31 December, or today for this year."""
    return min(datetime.date(year, 12, 31), timezone.localdate(timezone=JAKARTA))


def in_register(day: datetime.date):
    """Businesses in the register on ``day``: registered by its end, not suspended (today)."""
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), JAKARTA)
    return Vendor.objects.filter(created_at__lt=end).exclude(status=Vendor.Status.SUSPENDED)


def _standing_conditions(day: datetime.date) -> dict[str, Q]:
    """Per business, on ``day``: its NIB verified (today, and not first verified after that
    day), a halal certificate valid then, a trademark registered and protected then."""
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), JAKARTA)
    verified_later = VerificationEvent.objects.filter(
        vendor=OuterRef("pk"),
        subject=Subject.NIB,
        new_status=Vendor.NibStatus.VERIFIED,
        created_at__gte=end,
    )
    halal_verified_later = VerificationEvent.objects.filter(
        certificate=OuterRef("pk"),
        subject=Subject.HALAL,
        new_status=HalalCertificate.Status.VERIFIED,
        created_at__gte=end,
    )
    halal = (
        HalalCertificate.objects.valid_on(day)
        .filter(vendor=OuterRef("pk"), created_at__lt=end)
        .exclude(Exists(halal_verified_later))
    )
    trademark = Trademark.objects.registered_on(day).filter(
        vendor=OuterRef("pk"), registered_on__lte=day
    )
    return {
        "nib": Q(nib_status=Vendor.NibStatus.VERIFIED) & ~Q(Exists(verified_later)),
        "halal": Q(Exists(halal)),
        "hki": Q(Exists(trademark)),
    }


def by_kecamatan(day: datetime.date) -> list[dict]:
    """All 29 kecamatan, zeros included, in name order (two queries)."""
    conditions = _standing_conditions(day)
    counts = {
        row["kecamatan"]: row
        for row in in_register(day)
        .values("kecamatan")
        .annotate(
            registered=Count("pk"),
            **{name: Count("pk", filter=condition) for name, condition in conditions.items()},
        )
    }
    empty = {"registered": 0, "nib": 0, "halal": 0, "hki": 0}
    rows = []
    for pk, name in Kecamatan.objects.order_by("name").values_list("pk", "name"):
        row = counts.get(pk, empty)
        rows.append({"name": name, **{key: row[key] for key in empty}})
    return rows


def _per_month(rows) -> dict[int, int]:
    return {row["month"]: row["count"] for row in rows}


def by_month(year: int) -> list[dict]:
    """Per month: businesses registered, NIBs verified (businesses with a verification event
    that month), halal certificates verified, trademarks registered (three queries)."""
    registered = _per_month(
        Vendor.objects.filter(_in_year(year))
        .annotate(month=_month())
        .values("month")
        .annotate(count=Count("pk"))
    )
    verified = Counter()
    for row in (
        VerificationEvent.objects.filter(_in_year(year), new_status="verified")
        .filter(subject__in=[Subject.NIB, Subject.HALAL])
        .annotate(month=_month())
        .values("subject", "month")
        .annotate(
            vendors=Count("vendor", distinct=True), certificates=Count("certificate", distinct=True)
        )
    ):
        count = row["vendors"] if row["subject"] == Subject.NIB else row["certificates"]
        verified[(row["subject"], row["month"])] = count
    trademarks = _per_month(
        Trademark.objects.filter(
            status=Trademark.Status.VERIFIED,
            djki_status=Trademark.DjkiStatus.REGISTERED,
            registered_on__year=year,
        )
        .annotate(month=ExtractMonth("registered_on"))
        .values("month")
        .annotate(count=Count("pk"))
    )
    return [
        {
            "month": month,
            "registered": registered.get(month, 0),
            "nib": verified[(Subject.NIB, month)],
            "halal": verified[(Subject.HALAL, month)],
            "hki": trademarks.get(month, 0),
        }
        for month in MONTHS
    ]


def requests_by_kind(year: int) -> list[dict]:
    """Per kind, requests opened, issued and declined in each month (two queries): opened by
    the day asked, issued and declined by the day of that step (its event)."""
    counts = Counter()
    for row in (
        FacilitationRequest.objects.filter(_in_year(year))
        .annotate(month=_month())
        .values("kind", "month")
        .annotate(count=Count("pk"))
    ):
        counts[(row["kind"], "opened", row["month"])] = row["count"]
    for row in (
        FacilitationEvent.objects.filter(_in_year(year), stage__in=[Stage.ISSUED, Stage.DECLINED])
        .annotate(month=_month())
        .values("request__kind", "stage", "month")
        .annotate(count=Count("request", distinct=True))
    ):
        counts[(row["request__kind"], row["stage"], row["month"])] = row["count"]
    rows = []
    for kind in Kind:
        for measure in ("opened", Stage.ISSUED.value, Stage.DECLINED.value):
            months = [counts[(kind.value, measure, month)] for month in MONTHS]
            rows.append({"kind": kind, "measure": measure, "months": months, "total": sum(months)})
    return rows


def median_days_to_issue(year: int) -> list[dict]:
    """Per kind, of the requests issued in the year: the median of the days from the day
    asked to the day issued (Jakarta), and how many requests it is the median of (one query)."""
    days = {kind.value: [] for kind in Kind}
    for kind, asked, issued in FacilitationEvent.objects.filter(
        _in_year(year), stage=Stage.ISSUED
    ).values_list("request__kind", "request__created_at", "created_at"):
        days[kind].append((jakarta_date(issued) - jakarta_date(asked)).days)
    rows = []
    for kind in Kind:
        median = statistics.median(days[kind.value]) if days[kind.value] else None
        if median is not None and float(median).is_integer():
            median = int(median)
        rows.append({"kind": kind, "median": median, "count": len(days[kind.value])})
    return rows


def financing(year: int) -> dict:
    """KUR referrals asked for in the year and where they stand today (one query)."""
    closed = [Stage.ISSUED, Stage.DECLINED]
    return FacilitationRequest.objects.filter(_in_year(year), kind=Kind.FINANCING).aggregate(
        opened=Count("pk"),
        issued=Count("pk", filter=Q(stage=Stage.ISSUED)),
        declined=Count("pk", filter=Q(stage=Stage.DECLINED)),
        still_open=Count("pk", filter=~Q(stage__in=closed)),
        amount_requested=Sum("amount", default=0),
        amount_approved=Sum("amount", filter=Q(stage=Stage.ISSUED), default=0),
        amount_declined=Sum("amount", filter=Q(stage=Stage.DECLINED), default=0),
        amount_open=Sum("amount", filter=~Q(stage__in=closed), default=0),
    )


def women_led(day: datetime.date) -> dict:
    """Of the businesses in the register on ``day``: asked whether led by a woman, how many
    said yes (and the share), how many were not asked (one query)."""
    totals = in_register(day).aggregate(
        asked=Count("pk", filter=Q(women_led__isnull=False)),
        yes=Count("pk", filter=Q(women_led=True)),
        not_asked=Count("pk", filter=Q(women_led__isnull=True)),
    )
    share = _percent(totals["yes"], totals["asked"])
    return {**totals, "no": totals["asked"] - totals["yes"], "percent": share}


def regency_figures(year: int) -> dict:
    day = as_of_day(year)
    kecamatan = by_kecamatan(day)
    return {
        "year": year,
        "as_of": day,
        "kecamatan": kecamatan,
        "kecamatan_totals": {
            key: sum(row[key] for row in kecamatan) for key in ("registered", "nib", "halal", "hki")
        },
        "months": by_month(year),
        "requests": requests_by_kind(year),
        "median": median_days_to_issue(year),
        "financing": financing(year),
        "women_led": women_led(day),
    }
