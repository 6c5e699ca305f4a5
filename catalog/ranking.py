"""The first pages of a search's results, ranked once per content generation.

Ranking a broad search ("keripik": ~19,000 matches at 100,000 products) reads and ranks every
match to find the best 24: 20–30 ms of PostgreSQL for each visit. The order only changes
when the catalog does, and any public change starts a new content generation, so the ids of
the first ``RANKED_PAGES`` pages are ranked once per query, filters and generation (as the
facet counts are) and kept in the cache; a visit then reads only its page's cards. Pages
further on rank as before (rare: shoppers refine rather than page that far). Unless the
search is narrowed to products in stock, neither its matches nor their order depend on stock,
so a product running out does not rank it again (content_generation).
"""

from django.core.cache import cache

from core.cache import content_generation, generation

RANKED_PAGES = 5


class RankedIds:
    """The ids of ``queryset`` (ordered, ``values_list("pk", flat=True)``) for a paginator:
    the first ``limit`` come from one cached list, the rest straight from the database."""

    def __init__(self, queryset, key: str, count: int, limit: int, by_stock: bool = True):
        self.queryset, self.key, self.total, self.limit = queryset, key, count, limit
        self.by_stock = by_stock  # whether which products match depends on their stock
        self._head = None

    def head(self) -> list:
        if self._head is None:
            current = generation() if self.by_stock else content_generation()
            key = f"ranked:{self.key}:{current}"
            self._head = cache.get_or_set(key, lambda: list(self.queryset[: self.limit]), 600)
        return self._head

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, self.total if index.stop is None else index.stop
        if stop <= self.limit:
            return self.head()[start:stop]
        return list(self.queryset[start:stop])
