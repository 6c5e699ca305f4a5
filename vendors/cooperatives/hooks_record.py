"""The record area's Wagtail hooks (imported by wagtail_hooks.py): the dashboard's
"Koperasi" section, the RAT badge on the public profile, the staff's pages in the admin."""

from wagtail import hooks

from .record_admin import CooperativeViewSet
from .record_dashboard import cooperative_section, rat_badge_section

hooks.register("register_vendor_dashboard_item", cooperative_section)
hooks.register("register_vendor_profile_section", rat_badge_section)


@hooks.register("register_admin_viewset")
def register_cooperative_viewset():
    return CooperativeViewSet()
