"""Wagtail hooks of the figures area: partnerships outside the site (their admin pages and
who may use them) and the partnership figures page."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.permissions import StaffPermissionPolicy

from .external_admin import ExternalPartnershipViewSet, vendor_chooser
from .models import ExternalPartnership

register_permission_policy(ExternalPartnership, StaffPermissionPolicy(ExternalPartnership))


@hooks.register("register_admin_viewset")
def register_external_partnerships():
    return [ExternalPartnershipViewSet(), vendor_chooser]
