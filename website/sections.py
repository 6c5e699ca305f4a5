"""What the home page shows from the marketplace apps (the site package sits above them)."""

from django.utils.functional import SimpleLazyObject

from catalog.models import Product
from catalog.queries import cards
from vendors.figures import headline_numbers
from vendors.models import Vendor

FEATURED_PRODUCTS = 8
FEATURED_VENDORS = 8


def home_sections(request) -> dict:
    products = cards(Product.objects.public().order_by("-published_at"), limit=FEATURED_PRODUCTS)
    vendors = (
        Vendor.objects.public()
        .select_related("kecamatan", "logo")
        .prefetch_related("logo__renditions")
        .order_by("-created_at")[:FEATURED_VENDORS]
    )
    return {
        "featured_products": products,
        # Both read only when the template's fragment for them (cached per content
        # generation, which any change to a vendor or a certificate renews, and which turns
        # with the date as certificates lapse) is not in the cache.
        "featured_vendors": vendors,
        "headline": SimpleLazyObject(headline_numbers),
    }
