"""Trademarks on the vendor dashboard (/dasbor/) and on the public profile: the sections
``wagtail_hooks`` registers with the hooks the vendors app provides."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from .models import Trademark, TrademarkEvent


def trademarks_section(request, vendor):
    """Every record of the business with its state and its latest event (a rejection's
    reason is read there)."""
    trademarks = Trademark.objects.for_vendor(vendor).prefetch_related(
        Prefetch("events", queryset=TrademarkEvent.objects.order_by("-created_at", "-id"))
    )
    return DashboardItem(
        order=6,
        title=_("Trademarks (HKI)"),
        template="trademarks/dashboard_section.html",
        context={"trademarks": list(trademarks)},
    )


def registered_trademarks_section(request, vendor):
    """The badge on the public profile: verified, registered, protection running."""
    trademarks = list(
        Trademark.objects.registered_on().filter(vendor=vendor).order_by("mark", "pk")
    )
    if not trademarks:
        return None
    return DashboardItem(
        order=1,
        title=_("Registered trademark"),
        template="trademarks/profile_section.html",
        context={"trademarks": trademarks},
    )
