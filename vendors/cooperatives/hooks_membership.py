"""The membership area's Wagtail hooks (imported by wagtail_hooks.py): the dashboard sections
of a micro-business (its cooperatives) and of a cooperative (its member businesses). The
public profile's member-businesses section is registered by catalog, which has the products."""

from wagtail import hooks

from .membership_dashboard import business_section, cooperative_section

hooks.register("register_vendor_dashboard_item", business_section)
hooks.register("register_vendor_dashboard_item", cooperative_section)
