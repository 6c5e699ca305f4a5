"""Facilitation requests in the vendor dashboard (/dasbor/): the section ``wagtail_hooks``
registers with the hook the vendors app provides."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from .models import FacilitationRequest
from .views import owner_requests

# A request that ended (issued or declined) stays on the dashboard this long, so the owner
# reads the number or the reason there; all of them are on /dasbor/fasilitasi/.
RECENTLY_CLOSED = datetime.timedelta(days=30)


def facilitation_section(request, vendor):
    shown = owner_requests(vendor).filter(
        ~Q(stage__in=FacilitationRequest.CLOSED)
        | Q(stage_changed_at__gte=timezone.now() - RECENTLY_CLOSED)
    )
    return DashboardItem(
        order=5,
        title=_("Help with permits and financing"),
        template="vendors/facilitation/dashboard_section.html",
        context={"facilitation_requests": list(shown)},
    )
