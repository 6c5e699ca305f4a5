"""The shelf area's Wagtail hooks (imported by wagtail_hooks.py): the vendor's open restock
requests on /dasbor/."""

from django.utils.translation import gettext as _
from wagtail import hooks

from vendors.dashboard import DashboardItem

from .restock import open_requests_for


def restock_section(request, vendor):
    requests = list(open_requests_for(vendor))
    if not requests:
        return None
    return DashboardItem(
        order=15,
        title=_("Restock requests from the outlets"),
        template="outlets/shelf/dashboard_section.html",
        context={"restock_requests": requests},
    )


hooks.register("register_vendor_dashboard_item", restock_section)
