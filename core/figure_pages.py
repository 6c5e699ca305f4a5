"""An admin page of figure tables for one chosen year (``?year=``), each table downloadable
as CSV or Excel (``?export=csv&table=<key>``) through Wagtail's own list export. The regency's
figures and the partnership figures are such pages; each names its tables and its first
year. A table has ``key``, ``columns`` (each with ``key`` and ``heading``), ``counts`` (a
sentence with ``%(year)s`` and ``%(day)s``) and ``export_rows``."""

import datetime

from django.http import Http404
from django.utils import formats
from django.utils.functional import Promise
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin


def chosen_year(value, first_year: int, this_year: int) -> int:
    """The year asked for, or this year for nothing or nonsense."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if first_year <= year <= this_year else this_year


class FigureTablesView(SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"
    first_year = 2024
    export_prefix = "figures"

    def this_year(self) -> int:
        raise NotImplementedError

    def figure_tables(self, year: int) -> tuple[list, datetime.date]:
        """The year's tables and the day they are counted to."""
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        self.year = chosen_year(request.GET.get("year"), self.first_year, self.this_year())
        self.tables, as_of = self.figure_tables(self.year)
        words = {"year": self.year, "day": formats.date_format(as_of, "j F Y")}
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
        # A CSV is streamed after the admin's language is switched back: every text is put
        # into the reader's language now, while it is active.
        self.export_headings = {column.key: str(column.heading) for column in table.columns}
        self.export_filename = f"{self.export_prefix}-{table.key}-{self.year}"
        rows = [
            {key: str(value) if isinstance(value, Promise) else value for key, value in row.items()}
            for row in table.export_rows
        ]
        return self.as_spreadsheet(rows, self.request.GET["export"])
