"""Reusable read paths: what a product card needs, in a fixed number of queries."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import Prefetch
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core.cache import content_generation, generation, get_many_of_generation
from vendors.models import HalalCertificate, Kecamatan

from .filters import ProductFilter
from .models.locations import AIRPORT_OUTLET, Location, LocationStock
from .models.products import Category, Product, ProductImage
from .spelling import suggest

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
    """The one-to-one data of a card (vendor, kecamatan, category, certificate, the
    cooperative marketing it): one query."""
    return queryset.select_related(
        "vendor", "vendor__kecamatan", "category", "halal_certificate", "marketed_by"
    )


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
    return keys, get_many_of_generation(list(keys.values()))


@dataclass
class Card:
    """One product card: its HTML from the fragment cache, or the product to render it from
    (includes/cards.html does either; the card's template then caches it)."""

    html: SafeString | None = None
    product: Product | None = None


def cards(queryset, limit=None, fragment=CARD_CACHE_NAME, vary_on=()) -> list[Card]:
    """The cards of the products ``queryset`` yields (public ones, ordered), at most
    ``limit``: their ids are read first, in one narrow query, then as cards_by_id."""
    ids = queryset.values_list("pk", flat=True)
    return cards_by_id(list(ids if limit is None else ids[:limit]), queryset, fragment, vary_on)


def cards_by_id(ids, source=None, fragment=CARD_CACHE_NAME, vary_on=()) -> list[Card]:
    """The cards of these public products, in this order. Cached cards are taken as they
    are, so products are read (from ``source``, for what it annotates) only for the others:
    no query when every card is cached, three to five otherwise. ``fragment`` and
    ``vary_on`` name the template's {% cache %} block, as in cached_cards()."""
    source = Product.objects.all() if source is None else source
    keys, cached = cached_cards(ids, fragment, vary_on)
    # {% cache %} stores the rendered fragment as it is, a SafeString: anything else is not
    # ours and is rendered afresh.
    html = {pk: cached.get(keys[pk]) for pk in ids}
    html = {pk: value for pk, value in html.items() if isinstance(value, SafeString)}
    missing = [pk for pk in ids if pk not in html]
    products = {}
    if missing:
        products = {p.pk: p for p in with_card_data(source.filter(pk__in=missing))}
    found = []
    for pk in ids:
        if pk in html:
            found.append(Card(html=html[pk]))
        elif pk in products:
            found.append(Card(product=products[pk]))
    return found


@dataclass
class PickupPlace:
    """Whether a product can be collected at one of the two outlets, and how."""

    location: Location
    collectable: bool
    shelf: LocationStock | None = None  # on the shelf there now
    orderable: bool = True  # can be ordered online for a pickup there (in stock online)

    @property
    def is_airport(self) -> bool:
        return self.location.slug == AIRPORT_OUTLET

    @property
    def available(self) -> bool:
        """A shopper can get it there now: from the shelf, or by ordering it for a pickup."""
        return self.collectable and (self.shelf is not None or self.orderable)


def facet_choices() -> tuple[list, list]:
    """Every category and kecamatan, for the catalog's filters: read once per content
    generation (a change to either starts a new one)."""
    return cache.get_or_set(
        f"facet-choices:{generation()}",
        lambda: (list(Category.objects.all()), list(Kecamatan.objects.all())),
        600,
    )


def category_tree(categories, counts, chosen_slug, *, hide_empty=False):
    """Top categories with their sub-categories and how many products each holds (``counts``:
    category id → count); a top category's count includes its sub-categories'. The chosen
    one is marked active. ``hide_empty`` leaves out the categories that hold nothing."""
    tree = []
    for top in (c for c in categories if c.parent_id is None):
        children = [
            {"category": c, "count": counts.get(c.pk, 0), "active": c.slug == chosen_slug}
            for c in categories
            if c.parent_id == top.pk and (counts.get(c.pk) or not hide_empty)
        ]
        total = counts.get(top.pk, 0) + sum(child["count"] for child in children)
        if total or not hide_empty:
            tree.append(
                {
                    "category": top,
                    "count": total,
                    "active": top.slug == chosen_slug,
                    "children": children,
                }
            )
    return tree


@dataclass
class ProductMatches:
    """The best products for a query, as cards, with how many match in all; ``query`` is
    what was searched (the suggestion when the typed words found nothing)."""

    cards: list
    total: int
    query: str
    suggestion: str | None = None


def product_search(query: str, limit: int) -> ProductMatches:
    """The catalog's own search (ranked full-text, synonyms, then the misspelling fallback),
    for other pages: its first ``limit`` cards and its count, shared with /katalog/?q=.
    What it found is kept for the content generation, like the catalog's facet counts; which
    products match, and their order, do not depend on stock (content_generation)."""
    digest = hashlib.sha256(f"{limit}:{query}".encode()).hexdigest()[:32]
    ids, total, searched, suggestion = cache.get_or_set(
        f"product-search:{digest}:{content_generation()}",
        lambda: _product_search(query, limit),
        600,
    )
    return ProductMatches(cards_by_id(ids), total, searched, suggestion)


def _product_search(query: str, limit: int) -> tuple[list, int, str, str | None]:
    base = Product.objects.public()

    def matches(words):
        filterset = ProductFilter({"q": words}, queryset=base, categories=[], kecamatan=[])
        total = cache.get_or_set(
            f"{filterset.cache_key()}:{generation()}", lambda: filterset.facets(base), 600
        )["total"]
        return filterset.ordered(filterset.apply(base)), total

    results, total = matches(query)
    suggestion = suggest(query, base) if query and not total else None
    if suggestion:
        corrected, corrected_total = matches(suggestion)
        if corrected_total:
            results, total, query = corrected, corrected_total, suggestion
        else:
            suggestion = None
    ids = list(results.values_list("pk", flat=True)[:limit]) if total else []
    return ids, total, query, suggestion
