from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.permissions import ReadOnlyStaffPermissionPolicy, UndeletableStaffPermissionPolicy

from .admin.facilitation import FacilitationRequestViewSet
from .admin.panels import add_vendor_figures
from .admin.viewsets import VendorsViewSetGroup
from .facilitation.models import FacilitationRequest
from .models import HalalCertificate, Vendor

# Registered before anything asks for these models' policy (Wagtail would otherwise have
# created its default one already).
register_permission_policy(Vendor, UndeletableStaffPermissionPolicy(Vendor))
register_permission_policy(HalalCertificate, UndeletableStaffPermissionPolicy(HalalCertificate))
register_permission_policy(FacilitationRequest, ReadOnlyStaffPermissionPolicy(FacilitationRequest))


@hooks.register("register_admin_viewset")
def register_vendor_viewsets():
    return VendorsViewSetGroup()


@hooks.register("register_admin_viewset")
def register_facilitation_viewset():
    return FacilitationRequestViewSet()


hooks.register("construct_homepage_panels", add_vendor_figures)
