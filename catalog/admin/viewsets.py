"""The catalog in the Wagtail admin, for Diskum staff, under one "Catalog" menu group:
products (texts editable, never the status: statuses change only through the services),
categories (two levels), locations, the queue of products in review, and the curation of
each outlet's range. Also the choosers of the showroom page, which offer only public
products and vendors (choosers.py). Registered by wagtail_hooks.py."""

from django import forms
from django.urls import path
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from core.money import format_rupiah
from core.permissions import UndeletableStaffPermissionPolicy

from ..models import Category, CurationCriterion, Location, Product, SearchSynonym
from . import curation_scores
from . import views as admin_views
from .forms import CategoryAdminForm, LocationAdminForm


class ProductPermissionPolicy(UndeletableStaffPermissionPolicy):
    """Vendors create their products; staff edit their texts, never add or delete one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class LocalSnippetChooserViewSet(SnippetChooserViewSet):
    """Registering a snippet would otherwise turn every foreign key to it, in any admin form
    of any app, into a chooser widget; other apps' forms keep their own (drop-downs)."""

    register_widget = False


class StaffOnlyMenu:
    """The menu item of a custom view set shows for staff only (the views check it too)."""

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return request.user.is_active and request.user.is_staff

        return type("StaffOnlyMenuItem", (MenuItem,), {"is_shown": is_shown})


# Products -----------------------------------------------------------------------------------


class ProductViewSet(snippet_views.SnippetViewSet):
    chooser_viewset_class = LocalSnippetChooserViewSet
    model = Product
    icon = "tag"
    menu_label = _("Products")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "name",
        "vendor",
        "category",
        "status",
        Column("price", label=capfirst(_("price (Rp)")), accessor=lambda p: format_rupiah(p.price)),
        DateColumn("published_at", label=capfirst(_("published")), sort_key="published_at"),
    ]
    list_filter = ["status", "category"]
    search_fields = ["name", "name_en", "slug", "vendor__name"]
    inspect_view_fields = [
        "name",
        "name_en",
        "vendor",
        "category",
        "status",
        "price",
        "unit",
        "stock",
        "min_order",
        "pirt_number",
        "bpom_number",
        "halal_certificate",
        "description",
        "description_en",
        "created_at",
        "published_at",
    ]
    # Texts only: price and stock are the vendor's; the status changes through the services
    # (review queue, the vendor's dashboard), which check the transition and log an event.
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
            FieldPanel("category", widget=forms.Select),
            FieldPanel("unit"),
            FieldPanel("description"),
            FieldPanel("description_en"),
        ]
    )

    def get_queryset(self, request):
        return Product.objects.select_related("vendor", "category")


# Categories ---------------------------------------------------------------------------------


class CategoryViewSet(snippet_views.SnippetViewSet):
    chooser_viewset_class = LocalSnippetChooserViewSet
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    copy_view_enabled = False
    list_display = ["name", "name_en", "parent", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name", "name_en", "slug"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
            FieldPanel("slug"),
            FieldPanel("parent", widget=forms.Select),
            FieldPanel("sort_order"),
        ],
        base_form_class=CategoryAdminForm,
    )

    def get_queryset(self, request):
        return Category.objects.select_related("parent")


# Locations ----------------------------------------------------------------------------------


class LocationViewSet(snippet_views.SnippetViewSet):
    chooser_viewset_class = LocalSnippetChooserViewSet
    model = Location
    icon = "site"
    menu_label = _("Locations")
    copy_view_enabled = False
    list_display = ["name", "kind", "review_every_months", "opened_on"]
    search_fields = ["name", "address"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("kind"),
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("where"), FieldPanel("where_en")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                    FieldRowPanel([FieldPanel("hours_note"), FieldPanel("hours_note_en")]),
                ],
                heading=_("Opening hours"),
            ),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            FieldPanel("whatsapp"),
            FieldPanel("opened_on"),
            FieldPanel("review_every_months"),
        ],
        base_form_class=LocationAdminForm,
    )


# Search synonyms ----------------------------------------------------------------------------


class SearchSynonymViewSet(snippet_views.SnippetViewSet):
    """The words shoppers write for the same thing; the catalog and site search use them."""

    chooser_viewset_class = LocalSnippetChooserViewSet
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    copy_view_enabled = False
    list_display = ["term", "variants"]
    search_fields = ["term", "variants"]
    edit_handler = ObjectList([FieldPanel("term"), FieldPanel("variants")])


# Review queue and outlet curation -----------------------------------------------------------


class ReviewViewSet(StaffOnlyMenu, ViewSet):
    """Products waiting for staff, at /admin/product-review/."""

    name = "catalog_review"
    url_prefix = "product-review"
    url_namespace = "catalog_review"
    icon = "tasks"
    menu_label = _("Products in review")

    def get_urlpatterns(self):
        return [
            path("", admin_views.ReviewQueueView.as_view(), name="queue"),
            path("<int:pk>/", admin_views.review_decide, name="decide"),
        ]


class CurationViewSet(StaffOnlyMenu, ViewSet):
    """Each outlet's range, curated in rounds, at /admin/outlet-curation/."""

    name = "catalog_curation"
    url_prefix = "outlet-curation"
    url_namespace = "catalog_curation"
    icon = "list-ul"
    menu_label = _("Outlet curation")

    def get_urlpatterns(self):
        return [
            path("", admin_views.OutletsView.as_view(), name="index"),
            path("<int:pk>/", admin_views.OutletView.as_view(), name="location"),
            path("<int:pk>/round/", admin_views.start_round, name="start_round"),
            path(
                "stock/<int:pk>/scores/",
                curation_scores.ScoreProposalView.as_view(),
                name="scores",
            ),
            path("stock/<int:pk>/<slug:action>/", admin_views.stock_action, name="stock_action"),
        ]


class CurationCriterionViewSet(snippet_views.SnippetViewSet):
    """The criteria proposals are scored against, published at /kurasi/."""

    chooser_viewset_class = LocalSnippetChooserViewSet
    model = CurationCriterion
    icon = "tasks"
    menu_label = _("Curation criteria")
    copy_view_enabled = False
    list_display = ["name", "name_en", "weight", "order", "active"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
            FieldPanel("description"),
            FieldPanel("description_en"),
            FieldRowPanel([FieldPanel("weight"), FieldPanel("order"), FieldPanel("active")]),
        ]
    )


class CatalogViewSetGroup(snippet_views.SnippetViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "tag"
    menu_order = 160
    items = (
        ReviewViewSet,
        ProductViewSet,
        CategoryViewSet,
        LocationViewSet,
        CurationViewSet,
        CurationCriterionViewSet,
        SearchSynonymViewSet,
    )
