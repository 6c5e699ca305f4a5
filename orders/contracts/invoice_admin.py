"""Overdue invoices in the Wagtail admin, for Diskum staff only (/admin/tagihan-terlambat/)."""

from django.core.paginator import Paginator
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import staff_required

from .invoice_payments import overdue_invoices
from .invoicing import today

PAGE_SIZE = 50


@method_decorator(staff_required, name="dispatch")
class OverdueInvoicesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contracts/invoices/admin_overdue.html"
    page_title = gettext_lazy("Overdue invoices")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(overdue_invoices(), PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update(page=page, invoices=page.object_list, today=today())
        return context
