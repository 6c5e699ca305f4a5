from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.permissions import UndeletableStaffPermissionPolicy

from .admin.choosers import PublicProductChooserViewSet, PublicVendorChooserViewSet
from .admin.viewsets import CatalogViewSetGroup, ProductPermissionPolicy
from .cooperatives import cooperative_members_section
from .curation_criteria import scores_section
from .dashboard.sections import products_section, vendor_products_section
from .directory import directory_field
from .models import Category, CurationCriterion, Location, Product
from .pages import PRODUCT_CHOOSER, VENDOR_CHOOSER

# Registered before anything asks for these models' policy.
register_permission_policy(Product, ProductPermissionPolicy(Product))
register_permission_policy(Category, UndeletableStaffPermissionPolicy(Category))
register_permission_policy(Location, UndeletableStaffPermissionPolicy(Location))
register_permission_policy(CurationCriterion, UndeletableStaffPermissionPolicy(CurationCriterion))


@hooks.register("register_admin_viewset")
def register_catalog_viewsets():
    return [
        CatalogViewSetGroup(),
        PublicProductChooserViewSet(PRODUCT_CHOOSER),
        PublicVendorChooserViewSet(VENDOR_CHOOSER),
    ]


hooks.register("register_vendor_dashboard_item", products_section)
hooks.register("register_vendor_dashboard_item", scores_section)
hooks.register("register_vendor_profile_section", vendor_products_section)
hooks.register("register_vendor_directory_field", directory_field)
hooks.register("register_vendor_profile_section", cooperative_members_section)
