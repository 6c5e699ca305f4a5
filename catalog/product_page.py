"""The product page's read path: everything it shows in a fixed number of queries.

With the page cache off it reads, whatever the product has:
1. the product, with its vendor and kecamatan, its category and parent, its own halal
   certificate, its vendor's newest all-products certificate valid today, the cooperative
   marketing it, and whether it can be collected at Terminal 3;
2. its photos with their images (their renditions come from Wagtail's rendition cache,
   CACHES["renditions"], as everywhere a rendition is looked up one by one);
3. its bulk prices;
4. the two outlets, each with this product's shelf entry there if it is on the shelf;
the footer's office contact comes from its cached fragment. The related products are chosen once
per content generation (like the catalog's search results) and shown as cached cards, so
they cost nothing more once their cards are cached. All of it is then kept per content
generation and page version (page_data): a repeated visit reads nothing.
"""

from django.core.cache import cache
from django.db.models import FilteredRelation, Prefetch, Q

from core.cache import generation, get_many_of_generation
from core.cache.keys import path_key
from vendors.models.halal import valid_condition

from .models.locations import AIRPORT_OUTLET, RPPKUM_SHOWROOM, Location, on_shelf_now
from .models.products import Product, ProductImage
from .queries import Card, PickupPlace, cards_by_id

RELATED = 4


def product_for_page(slug: str) -> Product | None:
    """The public (or archived) product at this address with all its page shows, or None.
    Its halal certificate is ``product.certificate`` (the one covering it today, or None)."""
    certificates = "vendor__halal_certificates__"
    product = (
        Product.objects.public(include_archived=True)
        .with_airport_pickup()
        .annotate(
            vendor_wide=FilteredRelation(
                "vendor__halal_certificates",
                condition=Q(vendor__halal_certificates__covers_all_products=True)
                & valid_condition(prefix=certificates),
            )
        )
        .select_related(
            "vendor",
            "vendor__kecamatan",
            "category",
            "category__parent",
            "halal_certificate",
            "marketed_by",
            "vendor_wide",
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.select_related("image")),
            "tier_prices",
        )
        .filter(slug=slug)
        .order_by("-vendor_wide__created_at")
        .first()
    )
    if product is not None:
        # (A vendor with no such certificate leaves the joined relation unset.)
        vendor_wide = getattr(product, "vendor_wide", None)
        product.certificate = product.covering_certificate_among(
            [vendor_wide] if vendor_wide else []
        )
    return product


def page_version(path: str) -> str:
    """The version of the page at ``path``: its content generation and its own version (the
    page cache's keys; a stock change renews the page's version, any other public change the
    generation). What the page shows is the same within a version."""
    return f"{generation()}:{cache.get(path_key(path), 0)}"


def page_data(path: str, slug: str, version: str | None = None) -> tuple[Product | None, list]:
    """The product at this address (or None) and where it can be collected, read once per
    ``version`` of this page (page_version), so a signed-in visitor, for whom pages are
    rendered, sees exactly what the cached page shows; each worker keeps what it has read
    (nothing under a version's key ever changes). The version is taken before reading, as the
    page cache's is. After a stock change only the stock and the pickup places are read
    again: the rest is kept for the generation."""
    version = version or page_version(path)
    key = f"product-page:{version}:{path_key(path)}"
    data = get_many_of_generation([key]).get(key)
    if data is None:
        product = product_with_stock(content_key(path, version.split(":")[0]), slug)
        live = product is not None and product.status != Product.Status.ARCHIVED
        data = (product, pickup_places(product) if live else [])
        cache.set(key, data, 600)
    return data


def content_key(path: str, current: str | None = None) -> str:
    """Where the product at ``path`` is kept for the content generation (``current``)."""
    return f"product-content:{current or generation()}:{path_key(path)}"


def product_with_stock(key: str, slug: str) -> Product | None:
    """product_for_page(), kept under ``key`` (the generation's), with its stock as it is
    now: a stock change renews only the page's version, not the generation."""
    product = cache.get(key)
    if product is None:
        product = product_for_page(slug)
        cache.set(key, product, 600)
    else:
        stock = Product.objects.filter(pk=product.pk).values_list("stock", flat=True).first()
        product.stock = product.stock if stock is None else stock
    return product


def pickup_places(product) -> list[PickupPlace]:
    """Terminal 3 first, then RPPKUM Legok (those that exist), each with the product's shelf
    entry there when it is on the shelf now: one query. ``product`` comes annotated by
    ``with_airport_pickup()`` (checkout's Terminal 3 rule); RPPKUM takes a pickup of any
    product (checkout asks nothing more of it)."""
    here = Q(stock__product=product) & on_shelf_now("stock__")
    locations = {
        location.slug: location
        for location in Location.objects.filter(slug__in=[AIRPORT_OUTLET, RPPKUM_SHOWROOM])
        .annotate(shelf_here=FilteredRelation("stock", condition=here))
        .select_related("shelf_here")
    }
    collectable = {
        AIRPORT_OUTLET: bool(getattr(product, "collectable_at_airport", False)),
        RPPKUM_SHOWROOM: True,
    }
    return [
        PickupPlace(
            location=locations[slug],
            collectable=collectable[slug],
            shelf=getattr(locations[slug], "shelf_here", None),  # unset when not on it
            orderable=product.in_stock,
        )
        for slug in (AIRPORT_OUTLET, RPPKUM_SHOWROOM)
        if slug in locations
    ]


def related_cards(product) -> list[Card]:
    """Up to four public products of the same category, newest first, as cards: which ones
    is kept for the content generation (any public change renews it)."""
    ids = cache.get_or_set(
        f"related-products:{product.pk}:{generation()}",
        lambda: list(
            Product.objects.public()
            .filter(category_id=product.category_id)
            .exclude(pk=product.pk)
            .order_by("-published_at")
            .values_list("pk", flat=True)[:RELATED]
        ),
        600,
    )
    return cards_by_id(ids, Product.objects.public())
