"""Figures for Diskum staff: how many vendors, where, how far verified, how long applicants
wait. Pure reads in a fixed number of queries (three), whatever the number of vendors."""

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from core.time import jakarta_date

from .models import HalalCertificate, Kecamatan, Vendor


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _median_waiting_days(waiting: Q, count: int, today: datetime.date):
    """The median age in days of the ``count`` waiting applications: the middle one or two,
    found by offset rather than by loading every waiting row (one query)."""
    low, high = max((count - 1) // 2, 0), count // 2
    middle = list(
        Vendor.objects.filter(waiting)
        .order_by("created_at", "pk")
        .values_list("created_at", flat=True)[low : high + 1]
    )
    if not middle:
        return None
    ages = [(today - jakarta_date(moment)).days for moment in middle]
    median = sum(ages) / len(ages)
    return int(median) if median.is_integer() else median


def vendor_figures(today: datetime.date | None = None) -> dict:
    """Counts by status and by kecamatan (all 29, zeros included), the share of vendors with
    a verified NIB and with a halal certificate valid on ``today``, and the applications
    waiting (applied, NIB pending) with the age in days of the oldest and the median."""
    today = today or timezone.localdate(timezone=timezone.get_default_timezone())
    waiting = Q(status=Vendor.Status.APPLIED, nib_status=Vendor.NibStatus.PENDING)
    has_valid_halal = Exists(HalalCertificate.objects.valid_on(today).filter(vendor=OuterRef("pk")))

    # Query 1: every per-vendor count in one pass.
    totals = Vendor.objects.aggregate(
        total=Count("pk"),
        nib_verified=Count("pk", filter=Q(nib_status=Vendor.NibStatus.VERIFIED)),
        halal_valid=Count("pk", filter=Q(has_valid_halal)),
        waiting=Count("pk", filter=waiting),
        oldest_waiting=Min("created_at", filter=waiting),
        **{
            f"status_{status.value}": Count("pk", filter=Q(status=status))
            for status in Vendor.Status
        },
    )

    # Query 2: the 29 kecamatan with their vendor counts, zeros included.
    by_kecamatan = [
        {"name": name, "count": count}
        for name, count in Kecamatan.objects.annotate(count=Count("vendors"))
        .order_by("-count", "name")
        .values_list("name", "count")
    ]

    count = totals["waiting"]
    median_days = _median_waiting_days(waiting, count, today)  # query 3
    total = totals["total"]
    oldest = totals["oldest_waiting"]
    return {
        "today": today,
        "total": total,
        "by_status": [
            {"value": status.value, "label": status.label, "count": totals[f"status_{status}"]}
            for status in Vendor.Status
        ],
        "by_kecamatan": by_kecamatan,
        "nib_verified": totals["nib_verified"],
        "nib_verified_percent": _percent(totals["nib_verified"], total),
        "halal_valid": totals["halal_valid"],
        "halal_valid_percent": _percent(totals["halal_valid"], total),
        "waiting": count,
        "oldest_waiting_days": (today - jakarta_date(oldest)).days if oldest else None,
        "median_waiting_days": median_days,
    }


def headline_numbers(today: datetime.date | None = None) -> dict:
    """The public home's three numbers, in one query. Each counts businesses in the register
    that are not suspended (any kind: usaha mikro, koperasi, KDKMP; with or without an NIB):
    ``registered`` all of them, ``with_nib`` those whose NIB is verified, ``with_halal`` those
    holding a halal certificate valid on ``today`` (Jakarta). Suspended businesses are left out
    of all three, so each number is part of the first."""
    today = today or timezone.localdate(timezone=timezone.get_default_timezone())
    has_valid_halal = Exists(HalalCertificate.objects.valid_on(today).filter(vendor=OuterRef("pk")))
    return Vendor.objects.exclude(status=Vendor.Status.SUSPENDED).aggregate(
        registered=Count("pk"),
        with_nib=Count("pk", filter=Q(nib_status=Vendor.NibStatus.VERIFIED)),
        with_halal=Count("pk", filter=Q(has_valid_halal)),
    )
