"""A search's facet counts after a product it finds sells out: the in-stock count is exact at
once, while its matches are not grouped again (a broad search at a million products takes
most of a second to group)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.services.checkout import place_order
from tests.factories import ProductFactory
from tests.orders.helpers import cart_with, delivery_checkout

pytestmark = pytest.mark.django_db


def in_stock_count(html: str) -> int:
    return int(re.search(r'for="f-stok">[^<]*<span class="count">(\d+)<', html).group(1))


def search(client, path="/en/katalog/?q=keripik"):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    return html, [q["sql"] for q in queries]


@pytest.fixture
def crisps():
    return [
        ProductFactory(name="Keripik Tempe", stock=5),
        ProductFactory(name="Keripik Singkong", stock=4),
        ProductFactory(name="Keripik Pisang", stock=0),
        ProductFactory(name="Dodol Betawi", stock=9),
    ]


def test_a_sell_out_shows_in_a_searchs_in_stock_count_at_once(client, settings, crisps):
    settings.PAGE_CACHE_SECONDS = 0
    html, _queries = search(client)
    assert in_stock_count(html) == 2
    place_order(cart_with((crisps[0], 5)), delivery_checkout())  # the last five
    html, queries = search(client)
    assert in_stock_count(html) == 1
    assert html.count('class="badge badge-warn"') == 2  # out of stock: tempe and pisang
    html, _queries = search(client, "/en/katalog/?q=keripik&stok=1")
    assert "Keripik Singkong" in html and "Keripik Tempe" not in html
    assert in_stock_count(html) == 1


def test_after_a_sell_out_only_the_matches_out_of_stock_are_grouped_again(client, settings, crisps):
    settings.PAGE_CACHE_SECONDS = 0
    search(client)
    place_order(cart_with((crisps[1], 4)), delivery_checkout())
    _html, after_sell_out = search(client)
    grouped = [sql for sql in after_sell_out if "GROUP BY" in sql]
    assert len(grouped) == 1
    assert '"stock" = 0' in grouped[0]
    crisps[3].name = "Dodol Keripik"
    crisps[3].save()  # any other change groups the matches again (once, stock included)
    html, after_a_change = search(client)
    grouped = [sql for sql in after_a_change if "GROUP BY" in sql]
    assert len(grouped) == 1
    assert '"stock" = 0' not in grouped[0]
    assert in_stock_count(html) == 2  # singkong sold out; the renamed dodol now found
