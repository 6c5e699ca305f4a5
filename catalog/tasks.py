from django.http import QueryDict
from django_tasks import task

from core.cache import generation

from .filters import ProductFilter
from .models import Product


@task()
def count_facet_groups(for_generation: str) -> None:
    """After a change, count the catalog's facet groups for its new content generation
    before a shopper has to, unless a newer change has come since (its own task counts)."""
    if generation() != for_generation:
        return
    public = Product.objects.public()
    ProductFilter(QueryDict(), queryset=public).facet_rows(public)


def count_facet_groups_ahead(sender, generation, **kwargs) -> None:
    """core.cache.content_renewed receiver."""
    count_facet_groups.enqueue(generation)
