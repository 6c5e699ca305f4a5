"""Registers the facilitation section of the vendor dashboard."""

from wagtail import hooks

from .dashboard import facilitation_section

hooks.register("register_vendor_dashboard_item", facilitation_section)
