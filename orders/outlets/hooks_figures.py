"""The figures area's Wagtail hooks (imported by wagtail_hooks.py)."""
