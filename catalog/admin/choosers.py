"""Choosers of the showroom page: public items only (registered under the names the page's
fields use, pages.PRODUCT_CHOOSER and pages.VENDOR_CHOOSER)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from vendors.models import Vendor

from ..models import Product


class SearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )
    search_lookups: tuple[str, ...] = ()

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()[:100]
        if query:
            condition = Q()
            for lookup in self.search_lookups:
                condition |= Q(**{f"{lookup}__icontains": query})
            objects = objects.filter(condition)
            self.is_searching = True
            self.search_query = query
        return objects


class ProductSearchForm(SearchForm):
    search_lookups = ("name", "name_en", "vendor__name")


class VendorSearchForm(SearchForm):
    search_lookups = ("name", "kecamatan__name")


class PublicProductsMixin:
    filter_form_class = ProductSearchForm

    def get_object_list(self):
        return Product.objects.public().select_related("vendor").order_by("name", "pk")

    @property
    def columns(self):
        return [self.title_column, Column("vendor", label=_("Vendor"), accessor="vendor.name")]


class PublicVendorsMixin:
    filter_form_class = VendorSearchForm

    def get_object_list(self):
        return Vendor.objects.public().select_related("kecamatan").order_by("name", "pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("kecamatan", label=_("Kecamatan"), accessor="kecamatan.name"),
        ]


class PublicProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    register_widget = False  # only the showroom page's field uses it (pages.py)
    per_page = 20
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    choose_view_class = type(
        "PublicProductChooseView", (PublicProductsMixin, chooser_views.ChooseView), {}
    )
    choose_results_view_class = type(
        "PublicProductChooseResultsView",
        (PublicProductsMixin, chooser_views.ChooseResultsView),
        {},
    )


class PublicVendorChooserViewSet(ChooserViewSet):
    model = Vendor
    icon = "group"
    register_widget = False
    per_page = 20
    choose_one_text = _("Choose a vendor")
    choose_another_text = _("Choose another vendor")
    choose_view_class = type(
        "PublicVendorChooseView", (PublicVendorsMixin, chooser_views.ChooseView), {}
    )
    choose_results_view_class = type(
        "PublicVendorChooseResultsView",
        (PublicVendorsMixin, chooser_views.ChooseResultsView),
        {},
    )
