"""The staff figures on the Wagtail admin's dashboard (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from core.charts import bar_chart

from ..figures import vendor_figures


class VendorFiguresPanel(Component):
    """Staff figures on the admin dashboard: charts drawn by our own template (inline SVG,
    no script, nothing from another host), every number also given as text."""

    name = "vendor_figures"
    template_name = "vendors/admin/figures_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        figures = vendor_figures()
        return {
            "figures": figures,
            "charts": [
                bar_chart(
                    "vendor-figures-status",
                    _("Vendors by status"),
                    [(row["label"], row["count"]) for row in figures["by_status"]],
                ),
                bar_chart(
                    "vendor-figures-shares",
                    _("Share of all vendors"),
                    [
                        (_("Verified NIB"), figures["nib_verified_percent"]),
                        (_("Valid halal certificate"), figures["halal_valid_percent"]),
                    ],
                    maximum=100,
                    suffix="%",
                ),
                bar_chart(
                    "vendor-figures-kecamatan",
                    _("Vendors by kecamatan"),
                    [(row["name"], row["count"]) for row in figures["by_kecamatan"]],
                ),
            ],
        }


def add_vendor_figures(request, panels):
    if request.user.is_active and request.user.is_staff:
        panels.append(VendorFiguresPanel())
