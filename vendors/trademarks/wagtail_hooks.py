"""Registers the trademark sections of the vendor dashboard and the public profile, and the
staff's pages in the admin."""

from wagtail import hooks

from .admin.viewsets import TrademarkViewSet
from .dashboard import registered_trademarks_section, trademarks_section

hooks.register("register_vendor_dashboard_item", trademarks_section)
hooks.register("register_vendor_profile_section", registered_trademarks_section)


@hooks.register("register_admin_viewset")
def register_trademark_viewset():
    return TrademarkViewSet()
