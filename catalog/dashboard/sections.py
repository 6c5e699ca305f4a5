"""The products sections of the vendor dashboard (/dasbor/) and of the vendor's public
profile, registered (wagtail_hooks.py) with the hooks the vendors app provides, so vendors
never imports catalog."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from ..models import Product, ProductImage
from ..queries import cards

DASHBOARD_PRODUCTS = 20
PROFILE_PRODUCTS = 24


def vendor_products(user, vendor):
    """The products ``user`` manages for ``vendor``, newest first, with their photos and the
    photos' renditions: a fixed number of queries however many products there are."""
    return (
        Product.objects.for_user(user)
        .filter(vendor=vendor)
        .select_related("category", "halal_certificate")
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ProductImage.objects.select_related("image").prefetch_related(
                    "image__renditions"
                ),
            )
        )
        .order_by("-created_at", "-id")
    )


def all_products_certificate(vendor):
    """The vendor's valid halal certificate that covers all its products, if any: the rows
    say so next to the halal badge, so a vendor who chose no certificate is not surprised."""
    return next((c for c in vendor.valid_halal_certificates() if c.covers_all_products), None)


def products_section(request, vendor):
    products = vendor_products(request.user, vendor)
    shown = list(products[:DASHBOARD_PRODUCTS])
    total = len(shown) if len(shown) < DASHBOARD_PRODUCTS else products.count()
    return DashboardItem(
        order=10,
        title=_("Products"),
        template="catalog/dashboard/section.html",
        context={
            "products": shown,
            "total": total,
            "all_products_certificate": all_products_certificate(vendor),
        },
    )


def vendor_products_section(request, vendor):
    public = Product.objects.public().filter(vendor=vendor)
    products = cards(public.order_by("-published_at"), limit=PROFILE_PRODUCTS + 1)
    more = len(products) > PROFILE_PRODUCTS
    return DashboardItem(
        order=10,
        title=_("Products"),
        template="catalog/includes/vendor_products.html",
        context={
            "products": products[:PROFILE_PRODUCTS],
            "total": public.count() if more else len(products),
            "more": more,
        },
    )
