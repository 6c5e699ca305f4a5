"""Hooks of the contracts area: the vendor dashboard's "Upcoming deliveries", the staff's
read-only contract pages in the Wagtail admin (/admin/kontrak/) and their menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vendors.dashboard import DashboardItem

from . import contract_admin
from .agreements import upcoming_deliveries, vendor_contracts
from .contract_admin import StaffMenuItem

UPCOMING = 5


@hooks.register("register_vendor_dashboard_item")
def upcoming_deliveries_section(request, vendor):
    deliveries = list(upcoming_deliveries(vendor, UPCOMING))
    if not deliveries and not vendor_contracts(vendor).exists():
        return None
    return DashboardItem(
        order=31,
        title=_("Upcoming deliveries"),
        template="contracts/deliveries/dashboard_section.html",
        context={"upcoming": deliveries},
    )


@hooks.register("register_admin_urls")
def register_contract_admin_urls():
    return [path("kontrak/", include(contract_admin, namespace="contracts_admin"))]


@hooks.register("register_admin_menu_item")
def register_contract_menu_item():
    return StaffMenuItem(
        _("Supply contracts"),
        reverse("contracts_admin:list"),
        name="supply-contracts",
        icon_name="doc-full",
        order=161,
    )
