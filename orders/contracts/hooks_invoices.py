"""Wagtail hooks of the invoices area: the staff's list of overdue invoices (menu item and
admin URL) and the invoices' section of the vendor dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from orders.partnerships.admin.panels import StaffMenuItem
from vendors.dashboard import DashboardItem

from .invoice_admin import OverdueInvoicesView


@hooks.register("register_admin_urls")
def register_overdue_invoices_url():
    return [
        path("tagihan-terlambat/", OverdueInvoicesView.as_view(), name="contracts_overdue_invoices")
    ]


@hooks.register("register_admin_menu_item")
def register_overdue_invoices_menu_item():
    return StaffMenuItem(
        gettext_lazy("Overdue invoices"),
        reverse("contracts_overdue_invoices"),
        name="overdue-invoices",
        icon_name="warning",
        order=162,
    )


@hooks.register("register_vendor_dashboard_item")
def invoices_section(request, vendor):
    return DashboardItem(
        order=46,
        title=gettext_lazy("Invoices"),
        template="contracts/invoices/dashboard_section.html",
        url=reverse("contracts:vendor_invoices"),
    )
