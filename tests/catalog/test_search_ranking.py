"""A search's first pages are ranked once per content generation (catalog/ranking.py): a
repeat visit reads only its page, a change to the catalog ranks again, and the pages after
the ranked ones carry on in the same order."""

import re

import pytest
from django.db import connection

from tests.factories import ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def uncached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_repeat_search_reads_only_its_page(client, uncached_pages, django_assert_num_queries):
    vendor = VendorFactory()
    for i in range(30):
        ProductFactory(vendor=vendor, name=f"Keripik {i}", stock=1)
    first = client.get("/katalog/", {"q": "keripik"})
    # One query fewer than a catalog page without a search (QUERIES_PER_CATALOG_PAGE_CARDS_
    # CACHED in test_catalog_browse): the page's ids come ranked from the cache, so none.
    with django_assert_num_queries(0):
        again = client.get("/katalog/", {"q": "keripik"})
    assert titles(again) == titles(first)
    assert len(titles(first)) == 24


def test_a_change_to_the_catalog_ranks_the_search_again(client, uncached_pages):
    vendor = VendorFactory()
    ProductFactory(vendor=vendor, name="Keripik Tempe", stock=1)
    assert titles(client.get("/katalog/", {"q": "keripik"})) == ["Keripik Tempe"]
    ProductFactory(vendor=vendor, name="Keripik Pisang", stock=1)
    assert set(titles(client.get("/katalog/", {"q": "keripik"}))) == {
        "Keripik Tempe",
        "Keripik Pisang",
    }


def test_pages_after_the_ranked_ones_carry_on_in_the_same_order(client, uncached_pages, settings):
    settings.CATALOG_PAGE_SIZE = 2
    vendor = VendorFactory()
    for i in range(15):  # 8 pages; the first 5 (RANKED_PAGES) are ranked once and kept
        ProductFactory(vendor=vendor, name=f"Keripik {i:02}", stock=1)
    for sort in ("", "nama"):
        shown = []
        for page in range(1, 9):
            shown += titles(client.get("/katalog/", {"q": "keripik", "urut": sort, "page": page}))
        assert sorted(shown) == [f"Keripik {i:02}" for i in range(15)]
        if sort == "nama":
            assert shown == sorted(shown)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranked on PostgreSQL only")
def test_a_broad_search_shows_the_best_matches_first(client, uncached_pages):
    """Products named for the word come before those that only mention it, however new."""
    vendor = VendorFactory(name="Bu Sari")
    ProductFactory(vendor=vendor, name="Keripik Singkong", stock=1)
    for i in range(30):
        ProductFactory(
            vendor=vendor, name=f"Camilan {i}", description="Enak seperti keripik", stock=1
        )
    shown = titles(client.get("/katalog/", {"q": "keripik"}))
    assert shown[0] == "Keripik Singkong"
    assert len(shown) == 24


def test_the_filter_form_is_kept_per_filters_and_language(client, uncached_pages):
    """Rendered once for the same filters (whatever the page), never shown for others."""
    vendor = VendorFactory()
    ProductFactory(vendor=vendor, name="Keripik Tempe", stock=1)
    ProductFactory(vendor=vendor, name="Keripik Pisang", stock=0)
    checked = 'id="f-stok" name="stok" value="1" checked'
    assert checked in client.get("/katalog/", {"stok": "1"}).content.decode()
    assert checked in client.get("/katalog/", {"stok": "1", "page": "1"}).content.decode()
    assert checked not in client.get("/katalog/").content.decode()
    english = client.get("/en/katalog/", {"stok": "1"}).content.decode()
    assert checked in english
    assert 'for="f-stok">Stok tersedia' in client.get("/katalog/", {"stok": "1"}).content.decode()
    assert 'for="f-stok">In stock' in english
