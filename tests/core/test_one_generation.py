"""A request reads the content generation once (core.cache.keys.OneGenerationMiddleware):
what it caches is keyed on the generation it read first, unless it makes a change itself;
outside a request, and in the next one, another worker's change shows at once."""

import pytest
from django.core.cache import cache

from core.cache import content_changed, generation
from core.cache.keys import GENERATION_KEY, OneGenerationMiddleware

pytestmark = pytest.mark.django_db


def in_a_request(view):
    return OneGenerationMiddleware(lambda request: view())(None)


def test_a_request_keeps_the_generation_it_read_while_another_worker_changes_it():
    def view():
        first = generation()
        cache.set(GENERATION_KEY, "elsewhere", None)  # another worker's change
        return first, generation()

    first, later = in_a_request(view)
    assert later == first
    assert in_a_request(lambda: (generation(), None))[0].startswith("elsewhere.")
    assert generation().startswith("elsewhere.")


def test_a_change_the_request_makes_is_seen_by_the_rest_of_it():
    def view():
        first = generation()
        content_changed()  # a vendor saving a product, say
        return first, generation()

    first, later = in_a_request(view)
    assert later != first
    assert later == generation()


def test_outside_a_request_each_call_reads_the_shared_cache():
    before = generation()
    cache.set(GENERATION_KEY, "renewed", None)
    assert generation() != before
