"""A business enters the register together with the help it asks for: one transaction, so a
refused request leaves no half-registered business behind."""

from django.db import transaction

from vendors import services as vendor_services

from .services import request_facilitation


@transaction.atomic
def register(*, account, business, help_requests=(), nib_document=None, halal=None, officer=None):
    """The vendor (see vendors.services.apply_vendor), then one facilitation request per
    (kind, details) in ``help_requests``, asked by the new owner or by the officer."""
    vendor = vendor_services.apply_vendor(
        account=account,
        business=business,
        nib_document=nib_document,
        halal=halal,
        officer=officer,
    )
    if help_requests:
        actor = officer or vendor.memberships.get().user
        for kind, details in help_requests:
            request_facilitation(vendor, actor, kind, **details)
    return vendor
