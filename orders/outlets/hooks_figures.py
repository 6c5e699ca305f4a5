"""The figures area's Wagtail hooks (imported by wagtail_hooks.py)."""

from wagtail import hooks

from .figures_tables import outlet_tables

hooks.register("register_regency_figures_table", outlet_tables)
