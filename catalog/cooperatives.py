"""Products and cooperatives: a member business's products marketed by its cooperative
("dipasarkan oleh"), the cooperative's member businesses and their products on its public
profile, and the catalog's "from the members of cooperative X" filter."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from core.views import page_size
from vendors.cooperatives.models import BusinessMembership
from vendors.dashboard import DashboardItem
from vendors.models import Vendor

from .models import Product
from .queries import cards_by_id

PAGE_PARAM = "hal_anggota"


def active_members(cooperative_vendor):
    """The ids of the businesses that are active members of a cooperative (a subquery)."""
    return BusinessMembership.objects.filter(
        status=BusinessMembership.Status.ACTIVE, cooperative__vendor=cooperative_vendor
    ).values("business")


def stop_marketing(sender, business, cooperative, **kwargs):
    """The business left the cooperative: it no longer markets the business's products.
    (Connected to ``membership_ended``; runs in the leaving's transaction.) Saved one by one
    so the public pages' cache is renewed."""
    for product in Product.objects.filter(vendor=business, marketed_by=cooperative):
        product.marketed_by = None
        product.save(update_fields=["marketed_by", "updated_at"])


def cooperative_members_section(request, vendor):
    """On a cooperative's public profile: its member businesses and their public products,
    a page at a time, in a fixed number of queries."""
    if vendor.kind == Vendor.Kind.MICRO:
        return None
    members = list(
        Vendor.objects.public()
        .filter(pk__in=active_members(vendor))
        .select_related("kecamatan")
        .order_by("name")
    )
    if not members:
        return None
    products = (
        Product.objects.public()
        .filter(vendor__in=[member.pk for member in members])
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)
    )
    page = Paginator(products, page_size()).get_page(request.GET.get(PAGE_PARAM))
    return DashboardItem(
        order=20,
        title=_("Member businesses"),
        template="cooperatives/membership/profile_section.html",
        context={
            "members": members,
            "member_products": cards_by_id(list(page.object_list)),
            "member_page": page,
            "page_param": PAGE_PARAM,
        },
    )
