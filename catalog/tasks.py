from django.http import QueryDict
from django_tasks import task

from core.cache import generation

from .filters import ProductFilter
from .listing import listing, recent_searches
from .models import Product


@task()
def count_facet_groups(for_generation: str) -> None:
    """After a change, count the catalog's facet groups for its new content generation
    before a shopper has to, then the counts and first pages of the searches asked last
    (at a million products a broad search groups ~190,000 matches: about a second), unless
    a newer change has come since (its own task counts)."""
    if generation() != for_generation:
        return
    public = Product.objects.public()
    ProductFilter(QueryDict(), queryset=public).facet_rows(public)
    for address in recent_searches():
        if generation() != for_generation:
            return
        listing(QueryDict(address), remember=False)


def count_facet_groups_ahead(sender, generation, **kwargs) -> None:
    """core.cache.content_renewed receiver."""
    count_facet_groups.enqueue(generation)
