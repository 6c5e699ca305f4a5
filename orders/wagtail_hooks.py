"""What orders adds to Wagtail: its admin screens and their permission policies, the figures
panel on the admin dashboard, and the orders section of the vendor dashboard. Only
registrations: what is registered lives in the module it names."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.permissions import ReadOnlyStaffPermissionPolicy, StaffPermissionPolicy

from .admin import panels, viewsets
from .figures import cluster_sales_tables
from .fulfilment import dashboard
from .models import Order, OutletAssignment

# Registered before anything asks for these models' policy (Wagtail would otherwise have
# created its default one already).
register_permission_policy(Order, ReadOnlyStaffPermissionPolicy(Order))
register_permission_policy(OutletAssignment, StaffPermissionPolicy(OutletAssignment))

hooks.register("register_admin_viewset", viewsets.OrdersViewSetGroup)
hooks.register("construct_homepage_panels", panels.add_order_figures)
hooks.register("register_vendor_dashboard_item", dashboard.orders_section)
hooks.register("register_regency_figures_table", cluster_sales_tables)
