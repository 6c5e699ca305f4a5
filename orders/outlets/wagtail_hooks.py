"""The outlets' hooks, one module per area (counter sales, shelf operations, figures);
importing them registers them."""

from . import hooks_figures, hooks_sales, hooks_shelf  # noqa: F401
