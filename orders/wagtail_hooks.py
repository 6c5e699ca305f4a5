from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from core.permissions import ReadOnlyStaffPermissionPolicy, StaffPermissionPolicy

from .figures import order_figures, status_chart, weekly_sales_chart
from .models import Order, OutletAssignment
from .viewsets import OrdersViewSetGroup

# Registered before anything asks for these models' policy (Wagtail would otherwise have
# created its default one already).
register_permission_policy(Order, ReadOnlyStaffPermissionPolicy(Order))
register_permission_policy(OutletAssignment, StaffPermissionPolicy(OutletAssignment))


@hooks.register("register_admin_viewset")
def register_order_viewsets():
    return OrdersViewSetGroup()


class OrderFiguresPanel(Component):
    """Order figures on the admin dashboard: numbers as text, and charts drawn by our own
    template (inline SVG, no script, nothing from another host)."""

    name = "order_figures"
    template_name = "orders/admin/figures_panel.html"
    order = 60

    def get_context_data(self, parent_context=None):
        figures = order_figures()
        return {
            "figures": figures,
            "orders_url": reverse("orders_admin:index"),
            "pickups_url": reverse("orders_pickups:index"),
            "charts": [
                weekly_sales_chart(figures, _("Sales by week (last 12 weeks)")),
                status_chart(figures, _("Orders by status")),
            ],
        }


@hooks.register("construct_homepage_panels")
def add_order_figures(request, panels):
    if request.user.is_active and request.user.is_staff:
        panels.append(OrderFiguresPanel())


from . import dashboard  # noqa: E402,F401  (registers the vendor dashboard section)
