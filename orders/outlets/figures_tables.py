"""The outlets' figures as tables of the regency figures page, each with the sentence saying
what it counts, its CSV and Excel download, and a chart where one helps."""

import datetime

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from vendors.regency_figures.exports import DAYS, NUMBER, PERCENT, RUPIAH, Column, Table

from . import figures

OUTLET = Column("outlet", _("Outlet"))
CHART_LABEL = 22  # characters of an outlet's name that fit the chart's labels


def _short(name: str) -> str:
    return name if len(name) <= CHART_LABEL else name[: CHART_LABEL - 1] + "…"


def _weeks(year: int) -> Table:
    rows = [
        {
            **row,
            "label": "{} · {}".format(row["week"][-3:], _short(row["outlet"])),
            "monday": formats.date_format(row["monday"], "j M Y"),
        }
        for row in figures.weekly_sales(year)
    ]
    keys = ("counter", "pickups", "total")
    return Table(
        "outlets-weeks",
        _("Outlet sales per week"),
        _(
            "For each outlet and ISO week (Monday to Sunday, Jakarta time) with a sale in "
            "%(year)s: counter sales completed (voided ones left out), and online orders "
            "collected there (their total less what was refunded), in Rupiah."
        ),
        [
            OUTLET,
            Column("week", _("ISO week")),
            Column("monday", _("Week from")),
            Column("counter", _("Counter sales (Rupiah)"), RUPIAH),
            Column("pickups", _("Online pickups (Rupiah)"), RUPIAH),
            Column("total", _("Together (Rupiah)"), RUPIAH),
        ],
        rows,
        [
            {
                "outlet": _("Total"),
                "week": "",
                "monday": "",
                **{key: sum(row[key] for row in rows) for key in keys},
            }
        ],
        chart=("label", "total"),
    )


def _best_sellers(year: int) -> Table:
    return Table(
        "outlets-best-sellers",
        _("Best sellers per outlet"),
        _(
            "For each outlet, the ten products its counter sold most in %(year)s by quantity "
            "(voided sales left out), and what they came to (price times quantity)."
        ),
        [
            OUTLET,
            Column("rank", _("Rank"), NUMBER),
            Column("product", _("Product")),
            Column("vendor", _("Vendor")),
            Column("quantity", _("Quantity sold"), NUMBER),
            Column("amount", _("Sales (Rupiah)"), RUPIAH),
        ],
        figures.best_sellers(year),
    )


def _vendor_shares(year: int) -> Table:
    rows = figures.vendor_shares(year)
    return Table(
        "outlets-vendor-shares",
        _("Vendors' shares per outlet"),
        _(
            "For each outlet, what each vendor's products sold at its counter in %(year)s "
            "(price times quantity, voided sales left out) and that vendor's share of the "
            "outlet's counter sales."
        ),
        [
            OUTLET,
            Column("vendor", _("Vendor")),
            Column("amount", _("Sales (Rupiah)"), RUPIAH),
            Column("percent", _("Share (%)"), PERCENT),
        ],
        rows,
    )


def _shelf(day: datetime.date) -> Table:
    return Table(
        "outlets-shelf",
        _("Sell-through and days of stock per shelf item"),
        _(
            "Every product on an outlet's shelf: what its counter sold in the 30 days up to "
            "%(day)s (voided sales left out) and what is on the shelf now; sell-through is "
            "sold / (sold + on the shelf); days of stock is on the shelf divided by the "
            "average daily sales of those 30 days, — when nothing sold."
        ),
        [
            OUTLET,
            Column("product", _("Product")),
            Column("vendor", _("Vendor")),
            Column("shelf", _("Shelf")),
            Column("sold", _("Sold in 30 days"), NUMBER),
            Column("on_shelf", _("On the shelf"), NUMBER),
            Column("sell_through", _("Sell-through (%)"), PERCENT),
            Column("days", _("Days of stock"), DAYS),
        ],
        figures.shelf_turnover(day),
    )


def outlet_tables(year: int, day: datetime.date) -> list[Table]:
    return [_weeks(year), _best_sellers(year), _vendor_shares(year), _shelf(day)]
