"""The clusters area's Wagtail hooks (imported by wagtail_hooks.py): the clusters' admin
screens and their permission policies, and the cooperatives' tables on the regency figures
page. Only registrations."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.permissions import StaffPermissionPolicy, UndeletableStaffPermissionPolicy

from .clusters_admin import ClusterViewSetGroup
from .figures import cooperative_tables
from .models import Cluster, ClusterField, ClusterMember

# Fields and clusters are kept (pages and members point at them); a member can be removed.
register_permission_policy(ClusterField, UndeletableStaffPermissionPolicy(ClusterField))
register_permission_policy(Cluster, UndeletableStaffPermissionPolicy(Cluster))
register_permission_policy(ClusterMember, StaffPermissionPolicy(ClusterMember))

hooks.register("register_admin_viewset", ClusterViewSetGroup)
hooks.register("register_regency_figures_table", cooperative_tables)
