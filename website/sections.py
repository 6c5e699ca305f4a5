"""What the home page shows from the marketplace apps (the site package sits above them)."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from catalog.models import Product
from catalog.queries import cards_by_id
from core.cache import generation
from vendors.figures import headline_numbers
from vendors.models import Vendor

FEATURED_PRODUCTS = 8
FEATURED_VENDORS = 8
HOME_SECTIONS = ["featured_products", "featured_vendors", "headline"]


def newest_product_ids() -> list[int]:
    """The newest public products: chosen once per content generation (any product change
    renews it)."""
    newest = Product.objects.public().order_by("-published_at").values_list("pk", flat=True)
    return cache.get_or_set(
        f"home-products:{generation()}", lambda: list(newest[:FEATURED_PRODUCTS]), 3600
    )


def home_sections(request) -> dict:
    products = cards_by_id(newest_product_ids())
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
