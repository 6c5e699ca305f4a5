"""Wagtail hooks of the contracts area."""
