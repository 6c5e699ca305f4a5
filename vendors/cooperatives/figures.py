"""The cooperatives' figures for the regency figures page (registered by hooks_clusters.py
on ``register_regency_figures_table``): by classification, kecamatan and status, the KDKMP
and their legal entity, RAT compliance, members over time and businesses per cluster. Four
queries whatever the number of cooperatives: the record's counts are grouped once in the
database and split into four tables here."""

import datetime
from collections import Counter, namedtuple

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from core.time import JAKARTA
from vendors.models import Vendor
from vendors.regency_figures.exports import NUMBER, PERCENT, Column, Table

from .models import AnnualMeeting, Cluster, Cooperative, MemberCount

Status = Cooperative.Status
Classification = Cooperative.Classification
KDKMP = Vendor.Kind.VILLAGE_COOPERATIVE
Group = namedtuple("Group", "classification status kdkmp kecamatan complete")


def _end_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), JAKARTA)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def record_counts(day: datetime.date) -> Counter:
    """Cooperatives recorded by the end of ``day`` (their status today), counted per
    (classification, status, KDKMP or not, kecamatan, legal entity complete): one query."""
    complete = ExpressionWrapper(
        Q(ahu_number__isnull=False) & ~Q(ahu_number="") & Q(ahu_date__isnull=False),
        output_field=BooleanField(),
    )
    rows = (
        Cooperative.objects.filter(created_at__lt=_end_of(day))
        .annotate(complete=complete)
        .values("classification", "status", "vendor__kind", "vendor__kecamatan__name", "complete")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = Counter()
    for row in rows:
        key = Group(
            row["classification"],
            row["status"],
            row["vendor__kind"] == KDKMP,
            row["vendor__kecamatan__name"] or "",
            bool(row["complete"]),
        )
        counts[key] += row["count"]
    return counts


def _sum(counts: Counter, **wanted) -> int:
    """The cooperatives of the groups whose fields have the ``wanted`` values."""
    return sum(
        count
        for group, count in counts.items()
        if all(getattr(group, name) == value for name, value in wanted.items())
    )


def _totals(rows: list[dict], keys) -> list[dict]:
    return [{"name": _("Total"), **{key: sum(row[key] for row in rows) for key in keys}}]


def _by_classification(counts: Counter) -> Table:
    rows = []
    for value in [*Classification, ""]:
        label = Classification(value).label if value else _("Not classified yet")
        rows.append(
            {
                "name": label,
                "total": _sum(counts, classification=value),
                "active": _sum(counts, classification=value, status=Status.ACTIVE),
            }
        )
    return Table(
        "cooperatives-classification",
        _("Cooperatives by classification"),
        _(
            "Cooperatives (KDKMP included) recorded by %(day)s, by their classification "
            "(the five of Permenkop 8/2021, the legacy multipurpose one, or none yet): all of "
            "them whatever their status, and those active today."
        ),
        [
            Column("name", _("Classification")),
            Column("total", _("Cooperatives"), NUMBER),
            Column("active", _("Active"), NUMBER),
        ],
        rows,
        [
            {
                "name": _("Total"),
                **{key: sum(row[key] for row in rows) for key in ("total", "active")},
            }
        ],
        chart=("name", "total"),
    )


def _by_kecamatan(counts: Counter) -> Table:
    names = sorted({group.kecamatan for group in counts})
    rows = [
        {
            "name": name or _("No kecamatan"),
            "total": _sum(counts, kecamatan=name),
            "active": _sum(counts, kecamatan=name, status=Status.ACTIVE),
            "kdkmp": _sum(counts, kecamatan=name, kdkmp=True),
        }
        for name in names
    ]
    return Table(
        "cooperatives-kecamatan",
        _("Cooperatives by kecamatan"),
        _(
            "Cooperatives recorded by %(day)s, by the kecamatan where they are (only the "
            "kecamatan that have one): all of them, those active today, and of them the "
            "village cooperatives (KDKMP)."
        ),
        [
            Column("name", _("Kecamatan")),
            Column("total", _("Cooperatives"), NUMBER),
            Column("active", _("Active"), NUMBER),
            Column("kdkmp", _("KDKMP"), NUMBER),
        ],
        rows,
        _totals(rows, ("total", "active", "kdkmp")),
        chart=("name", "total"),
    )


def _by_status(counts: Counter) -> Table:
    rows = [
        {
            "name": status.label,
            "total": _sum(counts, status=status),
            "kdkmp": _sum(counts, status=status, kdkmp=True),
        }
        for status in Status
    ]
    return Table(
        "cooperatives-status",
        _("Cooperatives by status"),
        _(
            "Cooperatives recorded by %(day)s, by their status today (active, inactive, "
            "being dissolved, dissolved, revitalised), and of them the KDKMP."
        ),
        [
            Column("name", _("Status")),
            Column("total", _("Cooperatives"), NUMBER),
            Column("kdkmp", _("KDKMP"), NUMBER),
        ],
        rows,
        [
            {
                "name": _("Total"),
                **{key: sum(row[key] for row in rows) for key in ("total", "kdkmp")},
            }
        ],
        chart=("name", "total"),
    )


def _kdkmp(counts: Counter) -> Table:
    formed = _sum(counts, kdkmp=True)
    complete = _sum(counts, kdkmp=True, complete=True)
    return Table(
        "cooperatives-kdkmp",
        _("Village cooperatives (KDKMP)"),
        _(
            "KDKMP (Koperasi Desa/Kelurahan Merah Putih) recorded by %(day)s, whatever their "
            "status: how many were formed, and how many have a complete legal entity (both "
            "the AHU number and its date recorded), with their share of those formed."
        ),
        [
            Column("name", _("KDKMP")),
            Column("count", _("Cooperatives"), NUMBER),
            Column("percent", _("Share of those formed (%)"), PERCENT),
        ],
        [
            {"name": _("Formed"), "count": formed, "percent": None},
            {
                "name": _("With a complete legal entity (AHU number and date)"),
                "count": complete,
                "percent": _percent(complete, formed),
            },
            {
                "name": _("Legal entity incomplete"),
                "count": formed - complete,
                "percent": _percent(formed - complete, formed) if formed else None,
            },
        ],
    )


def rat_compliance(book_years: list[int]) -> list[dict]:
    """For each book year: the cooperatives active today, of them those whose RAT for that
    year staff verified, and those whose RAT waits for verification (one query)."""

    def meeting(year, status):
        return Exists(
            AnnualMeeting.objects.filter(cooperative=OuterRef("pk"), book_year=year, status=status)
        )

    aggregates = {"active": Count("pk")}
    for year in book_years:
        aggregates[f"verified_{year}"] = Count(
            "pk", filter=Q(meeting(year, AnnualMeeting.Status.VERIFIED))
        )
        aggregates[f"pending_{year}"] = Count(
            "pk", filter=Q(meeting(year, AnnualMeeting.Status.PENDING))
        )
    totals = Cooperative.objects.filter(status=Status.ACTIVE).aggregate(**aggregates)
    return [
        {
            "book_year": str(year),
            "active": totals["active"],
            "verified": totals[f"verified_{year}"],
            "percent": _percent(totals[f"verified_{year}"], totals["active"]),
            "pending": totals[f"pending_{year}"],
        }
        for year in book_years
    ]


def _rat(year: int) -> Table:
    return Table(
        "cooperatives-rat",
        _("RAT compliance per book year"),
        _(
            "For the book years %(last_book_year)s and %(book_year_before)s: the cooperatives "
            "active today, how many of them held and reported their annual members' meeting "
            "(RAT) for that book year and had it verified by staff, their share of the active "
            "ones, and how many reported one still waiting for verification."
        )
        % {"last_book_year": year - 1, "book_year_before": year - 2},
        [
            Column("book_year", _("Book year")),
            Column("active", _("Active cooperatives"), NUMBER),
            Column("verified", _("RAT verified"), NUMBER),
            Column("percent", _("Share of the active (%)"), PERCENT),
            Column("pending", _("RAT waiting for verification"), NUMBER),
        ],
        rat_compliance([year - 1, year - 2]),
    )


def members_by_month(year: int, day: datetime.date) -> list[dict]:
    """At the end of each month of ``year`` up to ``day``: the sum of each cooperative's
    latest member count on or before it, and how many cooperatives had a count (one query:
    the history up to ``day``, read in date order)."""
    ends = [
        (datetime.date(year, month % 12 + 1, 1) if month < 12 else datetime.date(year + 1, 1, 1))
        - datetime.timedelta(days=1)
        for month in range(1, 13)
    ]
    latest, rows = {}, []
    history = iter(
        MemberCount.objects.filter(counted_on__lte=day)
        .order_by("counted_on", "pk")
        .values_list("cooperative_id", "counted_on", "members")
    )
    pending = next(history, None)
    for month, end in enumerate(ends, start=1):
        while pending is not None and pending[1] <= end:
            latest[pending[0]] = pending[2]
            pending = next(history, None)
        shown = end <= day or month == day.month and year == day.year
        rows.append(
            {
                "name": MONTHS[month],
                "members": sum(latest.values()) if shown else None,
                "cooperatives": len(latest) if shown else None,
            }
        )
    return rows


def _members(year: int, day: datetime.date) -> Table:
    return Table(
        "cooperatives-members",
        _("Cooperative members over time"),
        _(
            "At the end of each month of %(year)s (up to %(day)s for this year): the sum of "
            "every cooperative's latest member count recorded on or before that day, and how "
            "many cooperatives had a count by then."
        ),
        [
            Column("name", _("Month")),
            Column("members", _("Members"), NUMBER),
            Column("cooperatives", _("Cooperatives counted"), NUMBER),
        ],
        members_by_month(year, day),
        chart=("name", "members"),
    )


def businesses_per_cluster() -> list[dict]:
    clusters = (
        Cluster.objects.select_related("field", "anchor__vendor")
        .annotate(businesses=Count("members"))
        .order_by("name", "pk")
    )
    return [
        {
            "name": cluster.name,
            "field": cluster.field.display_name,
            "anchor": cluster.anchor.vendor.name,
            "businesses": cluster.businesses,
        }
        for cluster in clusters
    ]


def _clusters() -> Table:
    rows = businesses_per_cluster()
    return Table(
        "clusters-businesses",
        _("Businesses per cluster"),
        _(
            "Each cluster today, its field and anchor cooperative, and the member businesses "
            "in it (a business is in at most one cluster per field, so it may count in "
            "clusters of different fields)."
        ),
        [
            Column("name", _("Cluster")),
            Column("field", _("Field")),
            Column("anchor", _("Anchor cooperative")),
            Column("businesses", _("Businesses"), NUMBER),
        ],
        rows,
        [
            {
                "name": _("Total"),
                "field": "",
                "anchor": "",
                "businesses": sum(row["businesses"] for row in rows),
            }
        ],
        chart=("name", "businesses"),
    )


def cooperative_tables(year: int, day: datetime.date) -> list[Table]:
    counts = record_counts(day)
    return [
        _by_classification(counts),
        _by_kecamatan(counts),
        _by_status(counts),
        _kdkmp(counts),
        _rat(year),
        _members(year, day),
        _clusters(),
    ]
