"""The "Angka kemitraan" page for staff (/admin/partnership-figures/): a year chosen by
``?year=``, every table with its CSV and Excel download (``?export=csv&table=months``),
through Wagtail's own list export as the regency figures."""

from django.http import Http404
from django.urls import reverse
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.charts import bar_chart
from core.permissions import staff_required

from .figures import today
from .figures_tables import partnership_tables

FIRST_YEAR = 2024  # the year partnership requests began on the site


def chosen_year(value) -> int:
    """The year asked for, or this year (Jakarta) for nothing or nonsense."""
    this_year = today().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def url() -> str:
    return reverse("partnership_figures")


@method_decorator(staff_required, name="dispatch")
class PartnershipFiguresView(SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "contracts/figures/index.html"
    page_title = _("Partnership figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        self.year = chosen_year(request.GET.get("year"))
        self.day = today()
        self.tables = partnership_tables(self.year, self.day)
        words = {"year": self.year, "day": formats.date_format(self.day, "j F Y")}
        for table in self.tables:
            table.counts = table.counts % words
        if self.is_export:
            return self.export(request.GET.get("table"))
        return super().get(request, *args, **kwargs)

    def export(self, key):
        table = next((table for table in self.tables if table.key == key), None)
        if table is None:
            raise Http404
        self.list_export = [column.key for column in table.columns]
        self.export_headings = {column.key: str(column.heading) for column in table.columns}
        self.export_filename = f"partnership-figures-{table.key}-{self.year}"
        rows = [
            {key: str(value) if isinstance(value, Promise) else value for key, value in row.items()}
            for row in table.export_rows
        ]
        return self.as_spreadsheet(rows, self.request.GET["export"])

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
