"""Partnership requests in the vendor dashboard (/dasbor/): a section registered with the hook
the vendors app provides, and the one selector every vendor page of requests goes through."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vendors.dashboard import DashboardItem

from . import partnerships

DASHBOARD_REQUESTS = 5


def vendor_requests(vendor):
    """What ``vendor`` may see: only ``partnerships.requests_for_vendor`` (addressed to it or
    matched with it), newest first. A request outside it answers 404 on every vendor page."""
    return (
        partnerships.requests_for_vendor(vendor)
        .select_related("category")
        .order_by("-created_at", "-pk")
    )


@hooks.register("register_vendor_dashboard_item")
def partnership_section(request, vendor):
    requests = vendor_requests(vendor)
    shown = list(requests[:DASHBOARD_REQUESTS])
    total = len(shown) if len(shown) < DASHBOARD_REQUESTS else requests.count()
    return DashboardItem(
        order=30,
        title=_("Partnership requests"),
        template="orders/partnerships/dashboard_section.html",
        context={"partnership_requests": shown, "total": total},
    )
