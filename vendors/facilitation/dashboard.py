"""Facilitation requests in the vendor dashboard (/dasbor/): the section ``wagtail_hooks``
registers with the hook the vendors app provides."""

from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from .views import owner_requests


def facilitation_section(request, vendor):
    return DashboardItem(
        order=5,
        title=_("Help with permits and financing"),
        template="vendors/facilitation/dashboard_section.html",
        context={"facilitation_requests": list(owner_requests(vendor).open())},
    )
