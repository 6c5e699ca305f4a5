"""Wagtail hooks of the figures area."""
