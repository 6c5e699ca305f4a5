"""The "Angka kemitraan" page for staff (/admin/partnership-figures/): a year chosen by
``?year=``, every table with its CSV and Excel download (``?export=csv&table=months``),
through Wagtail's own list export as the regency figures."""

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from core.charts import bar_chart
from core.figure_pages import FigureTablesView
from core.permissions import staff_required

from .figures import today
from .figures_tables import partnership_tables

FIRST_YEAR = 2024  # the year partnership requests began on the site


def url() -> str:
    return reverse("partnership_figures")


@method_decorator(staff_required, name="dispatch")
class PartnershipFiguresView(FigureTablesView):
    template_name = "contracts/figures/index.html"
    page_title = _("Partnership figures")
    first_year = FIRST_YEAR
    export_prefix = "partnership-figures"

    def this_year(self) -> int:
        return today().year

    def figure_tables(self, year):
        self.day = today()
        return partnership_tables(year, self.day), self.day

    def get_context_data(self, **kwargs):
        this_year = self.day.year
        months = next(table for table in self.tables if table.key == "months")
        chart = bar_chart(
            "partnership-figures-delivered",
            _("Value delivered, by month"),
            [(row["name"], row["delivered"]) for row in months.rows],
            label_width=120,
            bar_width=160,
            value_width=110,
        )
        return super().get_context_data(
            year=self.year,
            years=range(this_year, FIRST_YEAR - 1, -1),
            tables=self.tables,
            charts=[{**chart, "table": "months"}],
            **kwargs,
        )
