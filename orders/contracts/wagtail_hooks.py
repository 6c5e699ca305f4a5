"""The contracts' hooks, one module per area (contracts and deliveries, invoices, staff
figures and partnerships outside the site); importing them registers them."""

from . import hooks_contracts, hooks_figures, hooks_invoices  # noqa: F401
