"""After a change, the task that prepares the new content generation (catalog.tasks, run by
db_worker) also counts the searches asked last, so their next visitor does not group every
match first (at a million products about a second for a broad search)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.listing import KEPT_SEARCHES, recent_searches
from catalog.tasks import count_facet_groups
from core.cache import content_changed, generation
from tests.catalog.test_catalog_browse import names

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def grouping_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"]]
    return response, grouped


def test_a_search_asked_lately_is_counted_before_its_next_visitor(client, shop):
    client.get("/katalog/?q=keripik&page=2")
    client.get("/katalog/?kategori=kerajinan")  # not a search
    assert recent_searches() == ["q=keripik"]

    content_changed()  # any public change: a new generation, every count to do again
    _response, grouped = grouping_queries(client, "/en/katalog/?q=keripik")
    assert grouped  # without the task, its visitor groups the matches

    content_changed()
    count_facet_groups.call(generation())  # what db_worker runs after the change
    response, grouped = grouping_queries(client, "/katalog/?q=keripik")
    assert grouped == []
    assert names(response) == {"Keripik Tempe", "Keripik Pisang"}


def test_only_the_last_few_searches_are_kept_newest_first(client, shop):
    for n in range(KEPT_SEARCHES + 3):
        client.get(f"/katalog/?q=kata{n}")
    client.get("/katalog/?q=kata5")  # asked again, listed as it was: no change
    assert recent_searches()[0] == f"q=kata{KEPT_SEARCHES + 2}"
    content_changed()
    client.get("/katalog/?q=kata5")  # asked again in a new generation: first again
    kept = recent_searches()
    assert len(kept) == KEPT_SEARCHES
    assert kept[:2] == ["q=kata5", f"q=kata{KEPT_SEARCHES + 2}"]


def test_a_deploy_prepares_the_searches_asked_last(client, shop):
    """`migrate` (every deploy) starts a new generation and sends the same signal: with the
    tests' immediate task backend the task runs at once (db_worker runs it in production)."""
    from core.cache.keys import code_changed

    client.get("/katalog/?q=keripik")
    code_changed()
    _response, grouped = grouping_queries(client, "/katalog/?q=keripik")
    assert grouped == []
