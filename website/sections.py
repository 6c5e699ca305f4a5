"""What the home page shows from the marketplace apps (the site package sits above them)."""

from catalog.models import Product
from catalog.queries import with_card_data
from vendors.models import Vendor

FEATURED_PRODUCTS = 8
FEATURED_VENDORS = 8


def home_sections(request) -> dict:
    products = with_card_data(Product.objects.public()).order_by("-published_at")[
        :FEATURED_PRODUCTS
    ]
    vendors = (
        Vendor.objects.public()
        .select_related("kecamatan", "logo")
        .prefetch_related("logo__renditions")
        .order_by("-created_at")[:FEATURED_VENDORS]
    )
    return {"featured_products": list(products), "featured_vendors": list(vendors)}
