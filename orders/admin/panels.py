"""Order figures on the admin dashboard, for staff (registered in ``orders.wagtail_hooks``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from ..figures import order_figures, status_chart, weekly_sales_chart


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


def add_order_figures(request, panels):
    """The ``construct_homepage_panels`` hook: the figures panel, for staff only."""
    if request.user.is_active and request.user.is_staff:
        panels.append(OrderFiguresPanel())
