"""The trademark pages at /admin/trademarks/ and their menu item (staff only)."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import views


class TrademarkViewSet(ViewSet):
    name = "trademarks_admin"
    url_prefix = "trademarks"
    url_namespace = "trademarks_admin"
    icon = "tag"
    menu_icon = "tag"
    menu_label = gettext_lazy("Trademarks (HKI)")
    menu_order = 160
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return request.user.is_active and request.user.is_staff

        return type("TrademarkMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [
            path("", views.TrademarkListView.as_view(), name="list"),
            path("<int:pk>/", views.TrademarkDecisionView.as_view(), name="record"),
            path("<int:pk>/document/", views.trademark_document, name="document"),
        ]
