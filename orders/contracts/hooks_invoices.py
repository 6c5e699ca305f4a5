"""Wagtail hooks of the invoices area."""
