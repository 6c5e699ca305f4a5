"""Registers the partnership pieces with Wagtail: the staff's pages at /admin/kemitraan/,
their menu item, the figures panel on the admin dashboard, and the section of the vendor
dashboard. What is registered lives in ``admin`` and ``dashboard``."""

from django.urls import include, path
from django.utils.translation import gettext_lazy
from wagtail import hooks

from .admin import urls as admin_urls
from .admin.panels import PartnershipFiguresPanel, StaffMenuItem
from .admin.views import list_url
from .dashboard import partnership_section

hooks.register("register_vendor_dashboard_item", partnership_section)


@hooks.register("register_admin_urls")
def register_partnership_admin_urls():
    return [path("kemitraan/", include(admin_urls, namespace="partnerships_admin"))]


@hooks.register("register_admin_menu_item")
def register_partnership_menu_item():
    return StaffMenuItem(
        gettext_lazy("Partnership requests"),
        list_url(),
        name="partnership-requests",
        icon_name="clipboard-list",
        order=160,
    )


@hooks.register("construct_homepage_panels")
def add_partnership_figures(request, panels):
    if request.user.is_active and request.user.is_staff:
        panels.append(PartnershipFiguresPanel())
