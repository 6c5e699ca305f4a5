"""Wagtail hooks of the figures area: partnerships outside the site (their admin pages and
who may use them) and the partnership figures page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.permissions import StaffPermissionPolicy
from vendors.regency_figures.views import StaffMenuItem

from .external_admin import ExternalPartnershipViewSet, vendor_chooser
from .figures_views import PartnershipFiguresView
from .models import ExternalPartnership

register_permission_policy(ExternalPartnership, StaffPermissionPolicy(ExternalPartnership))


@hooks.register("register_admin_viewset")
def register_external_partnerships():
    return [ExternalPartnershipViewSet(), vendor_chooser]


@hooks.register("register_admin_urls")
def register_partnership_figures_url():
    return [
        path("partnership-figures/", PartnershipFiguresView.as_view(), name="partnership_figures")
    ]


@hooks.register("register_admin_menu_item")
def register_partnership_figures_menu_item():
    return StaffMenuItem(
        gettext_lazy("Partnership figures"),
        reverse("partnership_figures"),
        name="partnership-figures",
        icon_name="table",
        order=162,
    )
