"""The partnership figures as tables: each with the sentence saying what it counts, shown on
the page and written to CSV and Excel (the regency figures' Table and Column)."""

from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from vendors.regency_figures.exports import NUMBER, PERCENT, RUPIAH, Column, Table

from . import figures


def _sum(rows, keys) -> dict:
    return {key: sum(row[key] for row in rows) for key in keys}


def _types(year: int) -> Table:
    rows = figures.by_buyer_type(year)
    keys = ("site", "outside", "together")
    return Table(
        "types",
        _("Partnerships by type of business"),
        _(
            "Partnerships made in %(year)s, by the buyer's type of business: supply contracts "
            "agreed on the site that year (an accepted quote that became a contract; a mere "
            "acceptance is not counted), partnerships arranged outside the site that staff "
            "recorded with a start in that year, and both together."
        ),
        [
            Column("type", _("Type of business")),
            Column("site", _("Contracts on the site"), NUMBER),
            Column("outside", _("Recorded outside the site"), NUMBER),
            Column("together", _("Together"), NUMBER),
        ],
        rows,
        [{"type": _("Total"), **_sum(rows, keys)}],
    )


def _statuses() -> Table:
    rows = figures.contracts_by_status()
    return Table(
        "contracts",
        _("Supply contracts by status"),
        _(
            "Every supply contract by its status on %(day)s: active ones deliver on "
            "schedule; paused, ended early, or completed (every delivery made)."
        ),
        [Column("status", _("Status")), Column("contracts", _("Contracts"), NUMBER)],
        [{"status": row["status"], "contracts": row["contracts"]} for row in rows],
        [{"status": _("Total"), **_sum(rows, ("contracts",))}],
    )


def _months(year: int) -> Table:
    rows = [{**row, "name": MONTHS[row["month"]]} for row in figures.months(year)]
    for row in rows:
        del row["month"]
    totals = _sum(rows, ("delivered", "invoiced", "received", "on_time"))
    totals["share"] = figures.percent(totals["on_time"], totals["received"])
    return Table(
        "months",
        _("Delivered, invoiced and on time, by month"),
        _(
            "Each month of %(year)s (Jakarta time): the value delivered (quantities the "
            "buyer confirmed received × the contract's unit price, by the month of the "
            "receipt), the value invoiced (invoices issued that month, cancelled ones left "
            "out, in Rupiah with tax), deliveries received, those received on or before "
            "their scheduled day, and that share."
        ),
        [
            Column("name", _("Month")),
            Column("delivered", _("Value delivered (Rupiah)"), RUPIAH),
            Column("invoiced", _("Value invoiced (Rupiah)"), RUPIAH),
            Column("received", _("Deliveries received"), NUMBER),
            Column("on_time", _("On time"), NUMBER),
            Column("share", _("On-time share"), PERCENT),
        ],
        rows,
        [{"name": _("Total"), **totals}],
    )


def _overdue(day) -> Table:
    rows = figures.overdue_invoices(day)
    return Table(
        "overdue",
        _("Overdue invoices"),
        _(
            "Invoices still unpaid on %(day)s after their due day, by vendor: how many and "
            "what they come to (Rupiah with tax), most owed first."
        ),
        [
            Column("vendor", _("Vendor")),
            Column("invoices", _("Overdue invoices"), NUMBER),
            Column("amount", _("Amount (Rupiah)"), RUPIAH),
        ],
        rows,
        [{"vendor": _("Total"), **_sum(rows, ("invoices", "amount"))}],
    )


def partnership_tables(year: int, day) -> list[Table]:
    return [_types(year), _statuses(), _months(year), _overdue(day)]
