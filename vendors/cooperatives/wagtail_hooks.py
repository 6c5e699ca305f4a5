"""The cooperatives' hooks, one module per area (record and RAT, member businesses,
clusters); importing them registers them."""

from . import hooks_clusters, hooks_membership, hooks_record  # noqa: F401
