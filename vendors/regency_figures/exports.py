"""The figures as tables: the same rows are shown on the page and written to CSV and Excel
(Wagtail's SpreadsheetExportMixin), so a download always says what the page says. Values stay
raw (whole Rupiah, percentages as numbers); the page formats them, a spreadsheet keeps them
as numbers."""

from dataclasses import dataclass, field

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext_lazy as _

from vendors.facilitation.models import FacilitationRequest

from .queries import MONTHS as MONTH_NUMBERS

# How the page shows a column's values; a spreadsheet always gets the raw value.
NUMBER, RUPIAH, PERCENT, DAYS = "number", "rupiah", "percent", "days"

MEASURES = {
    "opened": _("Opened"),
    FacilitationRequest.Stage.ISSUED.value: _("Issued"),
    FacilitationRequest.Stage.DECLINED.value: _("Declined"),
}


@dataclass
class Column:
    key: str
    heading: str
    shown_as: str = ""  # "" for a label


@dataclass
class Table:
    key: str
    title: str
    counts: str  # one sentence: exactly what the numbers count
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    totals: list[dict] = field(default_factory=list)  # shown last and exported last
    # Drawn as a bar chart under the table: (the rows' label key, the value key), or None.
    chart: tuple[str, str] | None = None

    @property
    def export_rows(self) -> list[dict]:
        return self.rows + self.totals


def _kecamatan(figures) -> Table:
    return Table(
        "kecamatan",
        _("Businesses by kecamatan"),
        _(
            "Businesses in the register on %(day)s (registered by then, suspended ones "
            "excluded), by the kecamatan where they are: all of them; those whose NIB is "
            "verified; those with a halal certificate valid that day; those with a trademark "
            "registered and protected that day."
        ),
        [
            Column("name", _("Kecamatan")),
            Column("registered", _("Registered"), NUMBER),
            Column("nib", _("With a verified NIB"), NUMBER),
            Column("halal", _("With a valid halal certificate"), NUMBER),
            Column("hki", _("With a registered trademark"), NUMBER),
        ],
        figures["kecamatan"],
        [{"name": _("Total"), **figures["kecamatan_totals"]}],
    )


def _months(figures) -> Table:
    keys = ("registered", "nib", "halal", "hki")
    rows = [{**row, "name": MONTHS[row["month"]]} for row in figures["months"]]
    return Table(
        "months",
        _("By month"),
        _(
            "What happened each month of %(year)s (Jakarta time): businesses registered "
            "(suspended ones included); businesses whose NIB staff verified that month; halal "
            "certificates staff verified that month; trademarks registered at DJKI that month "
            "(records verified by staff)."
        ),
        [
            Column("name", _("Month")),
            Column("registered", _("Businesses registered"), NUMBER),
            Column("nib", _("NIBs verified"), NUMBER),
            Column("halal", _("Halal certificates verified"), NUMBER),
            Column("hki", _("Trademarks registered"), NUMBER),
        ],
        rows,
        [{"name": _("Total"), **{key: sum(row[key] for row in rows) for key in keys}}],
    )


def _requests(figures) -> Table:
    months = [f"m{number}" for number in MONTH_NUMBERS]
    rows = [
        {
            "kind": row["kind"].label,
            "measure": MEASURES[row["measure"]],
            **dict(zip(months, row["months"], strict=True)),
            "total": row["total"],
        }
        for row in figures["requests"]
    ]
    totals = [
        {
            "kind": _("All kinds"),
            "measure": label,
            **{
                key: sum(row[key] for row in rows if row["measure"] == label)
                for key in [*months, "total"]
            },
        }
        for label in MEASURES.values()
    ]
    columns = [Column("kind", _("Kind of help")), Column("measure", _("Requests"))]
    for key, number in zip(months, MONTH_NUMBERS, strict=True):
        columns.append(Column(key, MONTHS_3[number].title(), NUMBER))
    columns.append(Column("total", _("Total"), NUMBER))
    return Table(
        "requests",
        _("Facilitation requests per kind per month"),
        _(
            "Requests opened in each month of %(year)s (by the day the business asked), and "
            "requests issued or declined in each month (by the day staff recorded it, whenever "
            "the request was opened)."
        ),
        columns,
        rows,
        totals,
    )


def _median(figures) -> Table:
    return Table(
        "median",
        _("Days from request to issue"),
        _(
            "For each kind, the requests issued in %(year)s: the median number of days from "
            "the day the business asked to the day the document was issued, and how many "
            "requests that median is of."
        ),
        [
            Column("kind", _("Kind of help")),
            Column("median", _("Median days"), DAYS),
            Column("count", _("Requests issued"), NUMBER),
        ],
        [{**row, "kind": row["kind"].label} for row in figures["median"]],
    )


def _financing(figures) -> Table:
    money = figures["financing"]
    return Table(
        "financing",
        _("Financing (KUR) referrals"),
        _(
            "KUR referrals asked for in %(year)s and where they stand today: issued means the "
            "bank approved the loan; the amounts are what the businesses asked to borrow."
        ),
        [
            Column("name", _("Referrals")),
            Column("count", _("Requests"), NUMBER),
            Column("amount", _("Amount asked (Rupiah)"), RUPIAH),
        ],
        [
            {"name": _("Opened"), "count": money["opened"], "amount": money["amount_requested"]},
            {
                "name": _("Issued (approved by the bank)"),
                "count": money["issued"],
                "amount": money["amount_approved"],
            },
            {"name": _("Declined"), "count": money["declined"], "amount": money["amount_declined"]},
            {"name": _("Still open"), "count": money["still_open"], "amount": money["amount_open"]},
        ],
    )


def _women_led(figures) -> Table:
    women = figures["women_led"]
    return Table(
        "women-led",
        _("Women-led businesses"),
        _(
            "Businesses in the register on %(day)s: of those asked whether a woman leads "
            "the business, how many said yes, and their share of those asked; and how many "
            "were never asked."
        ),
        [
            Column("name", _("Answer")),
            Column("count", _("Businesses"), NUMBER),
            Column("percent", _("Share of those asked (%)"), PERCENT),
        ],
        [
            {"name": _("Led by a woman"), "count": women["yes"], "percent": women["percent"]},
            {"name": _("Not led by a woman"), "count": women["no"], "percent": None},
            {"name": _("Asked"), "count": women["asked"], "percent": None},
            {"name": _("Not asked"), "count": women["not_asked"], "percent": None},
        ],
    )


def figure_tables(figures) -> list[Table]:
    return [
        build(figures)
        for build in (_kecamatan, _months, _requests, _median, _financing, _women_led)
    ]
