"""Reusable read paths: what a product card needs, in a fixed number of queries."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from vendors.models import HalalCertificate
from website.cache import generation

from .models import Product, ProductImage

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


def cached_cards(ids, fragment=CARD_CACHE_NAME, vary_on=()) -> tuple[dict, dict]:
    """The fragment cache's keys for these products' cards, and the cards it holds.
    ``fragment`` and ``vary_on`` name the template's {% cache %} block: its name and what
    its key has between the product's id and the generation."""
    version = (*vary_on, generation(), get_language())
    keys = {pk: make_template_fragment_key(fragment, [pk, *version]) for pk in ids}
    return keys, cache.get_many(list(keys.values()))


def cards(products, fragment=CARD_CACHE_NAME, vary_on=()) -> list:
    """Products ready for their cards. A card already in the fragment cache needs nothing
    more; only the others get their photos and certificates prefetched (two to four
    queries, or none when every card is cached)."""
    products = list(products)
    keys, cached = cached_cards([p.pk for p in products], fragment, vary_on)
    missing = [p for p in products if keys[p.pk] not in cached]
    if missing:
        prefetch_related_objects(missing, *card_prefetches())
    return products


@dataclass
class Card:
    """One product card: its HTML from the fragment cache, or the product to render it from
    (includes/product_card.html then caches it)."""

    html: SafeString | None = None
    product: Product | None = None


def cards_by_id(ids) -> list[Card]:
    """The cards of these public products, in this order. Cached cards are taken as they
    are, so the products are read only for the others: no query when every card is cached,
    three to five otherwise."""
    keys, cached = cached_cards(ids)
    # {% cache %} stores the rendered fragment as it is, a SafeString: anything else is not
    # ours and is rendered afresh.
    html = {pk: cached.get(keys[pk]) for pk in ids}
    html = {pk: value for pk, value in html.items() if isinstance(value, SafeString)}
    missing = [pk for pk in ids if pk not in html]
    products = {p.pk: p for p in with_card_data(Product.objects.filter(pk__in=missing))}
    found = []
    for pk in ids:
        if pk in html:
            found.append(Card(html=html[pk]))
        elif pk in products:
            found.append(Card(product=products[pk]))
    return found
