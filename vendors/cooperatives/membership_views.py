"""The member-business pages of the vendor dashboard: a business's cooperatives
(/dasbor/koperasi/) and a cooperative's member businesses (/dasbor/koperasi/anggota/).
Every membership is read through the current vendor's own side of it: another's is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vendors.access import vendor_or_404
from vendors.models import Vendor

from . import membership as services
from .models import BusinessMembership, Cooperative


def _business(request):
    vendor = vendor_or_404(request)
    if vendor.kind != Vendor.Kind.MICRO:
        raise Http404
    return vendor


def _cooperative(request):
    cooperative = services.cooperative_of(vendor_or_404(request))
    if cooperative is None:
        raise Http404
    return cooperative


def _done(request, action, success, to):
    """Run the service; its refusal is shown as it is worded."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(to)


@login_required
def my_cooperatives(request):
    vendor = _business(request)
    query = request.GET.get("cari", "")[:80]
    return render(
        request,
        "cooperatives/membership/business.html",
        {
            "vendor": vendor,
            "title": _("My cooperatives"),
            "memberships": list(services.memberships_of(vendor)),
            "query": query,
            "found": list(services.find_cooperatives(query, for_business=vendor))
            if query.strip()
            else None,
        },
    )


@login_required
@require_POST
def ask_to_join(request, pk):
    vendor = _business(request)
    cooperative = get_object_or_404(Cooperative.objects.select_related("vendor"), pk=pk)
    return _done(
        request,
        lambda: services.ask_to_join(vendor, cooperative, request.user),
        _("Your request is sent to %(name)s.") % {"name": cooperative},
        "cooperatives:mine",
    )


def _own_membership(request, pk):
    vendor = _business(request)
    return get_object_or_404(BusinessMembership.objects.filter(business=vendor), pk=pk)


@login_required
@require_POST
def accept_invitation(request, pk):
    membership = _own_membership(request, pk)
    return _done(
        request,
        lambda: services.accept_invitation(membership, request.user),
        _("You are now a member of %(name)s.") % {"name": membership.cooperative},
        "cooperatives:mine",
    )


@login_required
@require_POST
def decline_invitation(request, pk):
    membership = _own_membership(request, pk)
    return _done(
        request,
        lambda: services.decline_invitation(membership, request.user, request.POST.get("reason")),
        _("You declined the invitation of %(name)s.") % {"name": membership.cooperative},
        "cooperatives:mine",
    )


@login_required
@require_POST
def leave(request, pk):
    membership = _own_membership(request, pk)
    return _done(
        request,
        lambda: services.leave(membership, request.user),
        _("You left %(name)s.") % {"name": membership.cooperative},
        "cooperatives:mine",
    )


@login_required
def members(request, declining=None, reason="", error=""):
    cooperative = _cooperative(request)
    query = request.GET.get("cari", "")[:80]
    rows = list(services.members_of(cooperative))
    return render(
        request,
        "cooperatives/membership/cooperative.html",
        {
            "vendor": cooperative.vendor,
            "cooperative": cooperative,
            "title": _("Member businesses"),
            "requests": [m for m in rows if m.status == BusinessMembership.Status.REQUESTED],
            "active": [m for m in rows if m.status == BusinessMembership.Status.ACTIVE],
            "invited": [m for m in rows if m.status == BusinessMembership.Status.INVITED],
            "past": [m for m in rows if m.status not in BusinessMembership.OPEN],
            "query": query,
            "found": list(services.find_businesses(query, for_cooperative=cooperative))
            if query.strip()
            else None,
            "declining": declining,
            "reason": reason,
            "error": error,
        },
        status=400 if error else 200,
    )


def _own_member(request, pk):
    cooperative = _cooperative(request)
    return get_object_or_404(BusinessMembership.objects.filter(cooperative=cooperative), pk=pk)


@login_required
@require_POST
def invite(request, pk):
    cooperative = _cooperative(request)
    business = get_object_or_404(Vendor.objects.public(), pk=pk)
    return _done(
        request,
        lambda: services.invite(cooperative, business, request.user),
        _("%(name)s is invited; it joins once it agrees.") % {"name": business.name},
        "cooperatives:members",
    )


@login_required
@require_POST
def accept_request(request, pk):
    membership = _own_member(request, pk)
    return _done(
        request,
        lambda: services.accept_request(membership, request.user),
        _("%(name)s is now a member.") % {"name": membership.business.name},
        "cooperatives:members",
    )


@login_required
@require_POST
def decline_request(request, pk):
    membership = _own_member(request, pk)
    reason = request.POST.get("reason", "")
    try:
        services.decline_request(membership, request.user, reason)
    except ValidationError as error:
        # The page again, the reason as typed, the message next to it.
        return members(request, declining=membership.pk, reason=reason, error=error.messages[0])
    messages.success(
        request, _("The request of %(name)s is declined.") % {"name": membership.business.name}
    )
    return redirect("cooperatives:members")
