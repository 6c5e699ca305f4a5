"""Reusable read paths: what a product card needs, in a fixed number of queries."""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import get_language

from vendors.models import HalalCertificate
from website.cache import generation

from .models import ProductImage

CARD_CACHE_NAME = "product_card"  # the {% cache %} fragment in includes/product_card.html


def card_prefetches() -> list:
    return [
        Prefetch(
            "images",
            queryset=ProductImage.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
        ),
        Prefetch("vendor__halal_certificates", queryset=HalalCertificate.objects.all()),
    ]


def for_cards(queryset):
    """The one-to-one data of a card (vendor, kecamatan, category, certificate): one query."""
    return queryset.select_related("vendor", "vendor__kecamatan", "category", "halal_certificate")


def with_card_data(queryset):
    """Everything a product card shows (vendor, badges, first photo and its renditions),
    fetched in a constant number of queries whatever the number of cards."""
    return for_cards(queryset).prefetch_related(*card_prefetches())


def cards(products, fragment=CARD_CACHE_NAME, vary_on=()) -> list:
    """Products ready for their cards. A card already in the fragment cache needs nothing
    more; only the others get their photos and certificates prefetched (two to four
    queries, or none when every card is cached). ``fragment`` and ``vary_on`` name the
    template's {% cache %} block: its name and what its key has between the product's id
    and the generation."""
    products = list(products)
    version = (*vary_on, generation(), get_language())
    keys = {p.pk: make_template_fragment_key(fragment, [p.pk, *version]) for p in products}
    cached = cache.get_many(list(keys.values()))
    missing = [p for p in products if keys[p.pk] not in cached]
    if missing:
        prefetch_related_objects(missing, *card_prefetches())
    return products
