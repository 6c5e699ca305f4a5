"""What the partnership admin adds to Wagtail's own screens: the menu item for staff and the
figures panel on the admin dashboard. Registered by ``wagtail_hooks``."""

from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.charts import bar_chart
from orders.contracts.figures import partnerships_made
from orders.contracts.figures_views import url as figures_url

from ..selectors import partnership_figures
from .views import list_url


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_active and request.user.is_staff


class PartnershipFiguresPanel(Component):
    """Figures on the admin dashboard, drawn by our own template like the vendor figures
    (inline SVG, no script, nothing from another host), every number also given as text."""

    name = "partnership_figures"
    template_name = "orders/partnerships/admin/figures_panel.html"
    # Just before the order figures (60): where it showed while it was registered from the
    # orders app's ready(), ahead of every hooks module.
    order = 59

    def get_context_data(self, parent_context=None):
        figures = partnership_figures()
        return {
            "figures": figures,
            # Trade, not acceptances: supply contracts and partnerships recorded outside.
            "made": partnerships_made(),
            "figures_url": figures_url(),
            "list_url": list_url(),
            "charts": [
                # The chart geometry of the vendor figures, so both panels look alike.
                bar_chart(
                    "partnership-figures-type",
                    _("Requests by type of business"),
                    [(row["label"], row["count"]) for row in figures["by_buyer_type"]],
                ),
                bar_chart(
                    "partnership-figures-status",
                    _("Requests by status"),
                    [(row["label"], row["count"]) for row in figures["by_status"]],
                ),
            ],
        }
