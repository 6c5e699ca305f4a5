"""Registers the figures page at /admin/regency-figures/ and its menu item (staff only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from .views import RegencyFiguresView, StaffMenuItem


@hooks.register("register_admin_urls")
def register_regency_figures_url():
    return [path("regency-figures/", RegencyFiguresView.as_view(), name="regency_figures")]


@hooks.register("register_admin_menu_item")
def register_regency_figures_menu_item():
    return StaffMenuItem(
        gettext_lazy("Regency figures"),
        reverse("regency_figures"),
        name="regency-figures",
        icon_name="table",
        order=170,
    )
