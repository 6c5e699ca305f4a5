"""The member-business sections of the vendor dashboard (/dasbor/): a micro-business's
cooperatives, a cooperative's member businesses and the requests waiting for it
(registered in hooks_membership.py)."""

from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem
from vendors.models import Vendor

from . import membership as services
from .models import BusinessMembership

Status = BusinessMembership.Status


def business_section(request, vendor):
    """ "Koperasi saya": the business's open memberships, invitations first."""
    if vendor.kind != Vendor.Kind.MICRO:
        return None
    memberships = list(services.memberships_of(vendor).filter(status__in=BusinessMembership.OPEN))
    memberships.sort(key=lambda m: m.status != Status.INVITED)
    return DashboardItem(
        order=40,
        title=_("My cooperatives"),
        template="cooperatives/membership/business_section.html",
        context={"memberships": memberships},
    )


def cooperative_section(request, vendor):
    """A cooperative's member businesses and the requests waiting for its answer."""
    cooperative = services.cooperative_of(vendor)
    if cooperative is None:
        return None
    rows = list(services.members_of(cooperative).filter(status__in=BusinessMembership.OPEN))
    return DashboardItem(
        order=40,
        title=_("Member businesses"),
        template="cooperatives/membership/cooperative_section.html",
        context={
            "requests": [m for m in rows if m.status == Status.REQUESTED],
            "active": [m for m in rows if m.status == Status.ACTIVE],
            "invited": [m for m in rows if m.status == Status.INVITED],
        },
    )
