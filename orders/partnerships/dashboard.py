"""Partnership requests in the vendor dashboard (/dasbor/): the section that
``wagtail_hooks`` registers with the hook the vendors app provides. It reads only through
``selectors.vendor_requests``, the one rule every vendor page of requests goes through."""

from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from .selectors import vendor_requests

DASHBOARD_REQUESTS = 5


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
