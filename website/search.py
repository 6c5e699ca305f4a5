"""The site search (/cari/): one box for everything a shopper means, answered in the order
they most likely meant it: products (the catalog's own ranked search, with its synonyms
and spelling fallback), then businesses (by name or kecamatan), then pages."""

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from catalog.queries import ProductMatches, product_search
from catalog.search_terms import expand, search_terms
from core.cache import generation
from vendors.models import Kecamatan, Vendor

PRODUCTS_SHOWN = 8
VENDORS_SHOWN = 6


@dataclass
class SiteResults:
    products: ProductMatches
    vendors: list
    pages: list  # the pages found, best first, paginated by the view

    @property
    def only_products(self) -> bool:
        return bool(self.products.total) and not self.vendors and not self.pages


def find_vendors(query: str, limit: int = VENDORS_SHOWN) -> list:
    """Public businesses (active, NIB verified) whose name or kecamatan has every word of
    the query (or a synonym of it), in a constant number of queries."""
    groups = expand(search_terms(query))
    if not groups:
        return []
    # A few dozen kecamatan, matched here: the vendors' query then reads only their own
    # table (a trigram index serves the name, migration catalog 0007).
    kecamatan = [(k.pk, k.name.lower()) for k in Kecamatan.objects.all()]
    matching = Q()
    for group in groups:
        places = [pk for pk, name in kecamatan if any(word in name for word in group)]
        any_word = Q(kecamatan__in=places) if places else Q()
        for word in group:
            any_word |= Q(name__icontains=word)
        matching &= any_word
    return list(
        Vendor.objects.public()
        .filter(matching)
        .select_related("kecamatan", "logo")
        .prefetch_related("logo__renditions")
        .order_by("name", "pk")[:limit]
    )


def find_pages(query: str) -> list:
    """The live public pages in the active language matching the query's words, best first:
    searched once per content generation (a publish, an unpublish or a privacy change
    renews it) and language."""
    # Only the words go to the search backend: quotes and operators are not search syntax
    # here (SQLite's FTS5 refuses a stray double quote).
    terms = " ".join(re.findall(r"\w+", query))
    if not terms:
        return []
    digest = hashlib.sha256(terms.encode()).hexdigest()[:32]

    def search():
        pages = list(
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=1)
            .specific()
            .search(terms)
        )
        for page in pages:
            # Kept with the page, so a result needs no site lookup ({% pageurl %} would
            # make one per request): relative while the project runs one site.
            page.found_url = page.get_url()
        return pages

    return cache.get_or_set(f"site-pages:{digest}:{get_language()}:{generation()}", search, 600)


def site_search(query: str) -> SiteResults:
    # The businesses found, like the products, are kept for the content generation (a change
    # to a business or a kecamatan starts a new one): a name search over every business is
    # the slowest read of the page.
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    vendors = cache.get_or_set(
        f"site-vendors:{digest}:{generation()}", lambda: find_vendors(query), 600
    )
    return SiteResults(
        products=product_search(query, PRODUCTS_SHOWN),
        vendors=vendors,
        pages=find_pages(query),
    )
