"""The figures page: a year chosen by ``?year=``, every table with its CSV and Excel download
(``?export=csv&table=kecamatan``), through Wagtail's own list export."""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.charts import bar_chart
from core.figure_pages import FigureTablesView
from core.permissions import staff_required

from .exports import figure_tables
from .queries import FIRST_YEAR, regency_figures, this_year
from .templatetags.regency_figures import cell

YEARS_IN_CHOOSER = 6
# Charts 320 px wide: a phone shows them at their own size, letters readable.
NARROW = {"label_width": 120, "bar_width": 160, "value_width": 40}
CHARTED = ("kecamatan", "months", "requests")  # the tables drawn as charts, in order


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_active and request.user.is_staff


def charts(figures, tables) -> list[dict]:
    """The bar charts, each shown under the table it draws (``table``): three of the
    businesses' tables, and every table that asks for one (``Table.chart``)."""
    by_key = {table.key: table for table in tables}
    drawn = [
        bar_chart(
            "figures-chart-kecamatan",
            _("Businesses registered, by kecamatan"),
            [(row["name"], row["registered"]) for row in figures["kecamatan"]],
            **NARROW,
        ),
        bar_chart(
            "figures-chart-months",
            _("Businesses registered, by month"),
            [(row["name"], row["registered"]) for row in by_key["months"].rows],
            **NARROW,
        ),
        bar_chart(
            "figures-chart-requests",
            _("Facilitation requests opened, by kind"),
            [(row["kind"], row["total"]) for row in by_key["requests"].rows[::3]],
            label_width=195,
            bar_width=90,
            value_width=35,
        ),
    ]
    charted = [{**chart, "table": table} for chart, table in zip(drawn, CHARTED, strict=True)]
    for table in tables:
        if table.chart is not None and table.key not in CHARTED:
            charted.append(table_chart(table))
    return charted


def table_chart(table) -> dict:
    """A table's own chart (``Table.chart``), each value written as the table writes it
    (money in Rupiah); room for labels such as a classification's name."""
    label, value = table.chart
    column = next(column for column in table.columns if column.key == value)
    rows = [(str(row[label]), row[value] or 0, cell(row, column)) for row in table.rows]
    chart = bar_chart(
        f"figures-chart-{table.key}",
        table.title,
        rows,
        label_width=230,
        bar_width=160,
        value_width=110,
    )
    return {**chart, "table": table.key}


def hooked_tables(year: int, day) -> list:
    """The tables other parts add (``register_regency_figures_table``: a function of the year
    and the day standing figures are read on, giving a list of tables), in hook order."""
    return [
        table
        for build in hooks.get_hooks("register_regency_figures_table")
        for table in build(year, day)
    ]


@method_decorator(staff_required, name="dispatch")
class RegencyFiguresView(FigureTablesView):
    template_name = "vendors/regency_figures/index.html"
    page_title = _("Regency figures")
    first_year = FIRST_YEAR
    export_prefix = "regency-figures"

    def this_year(self) -> int:
        return this_year()

    def figure_tables(self, year):
        self.figures = regency_figures(year)
        as_of = self.figures["as_of"]
        return figure_tables(self.figures) + hooked_tables(year, as_of), as_of

    def get_context_data(self, **kwargs):
        years = range(this_year(), max(FIRST_YEAR, this_year() - YEARS_IN_CHOOSER) - 1, -1)
        return super().get_context_data(
            year=self.year,
            years=years,
            figures=self.figures,
            tables=self.tables,
            charts=charts(self.figures, self.tables),
            **kwargs,
        )
