"""Property-based fuzzing of what a stranger can put in the catalog's address: every query
parameter of /katalog/, the site search /cari/, the outlet page's category and a product
slug. Whatever is sent, the answer is a page (200), a refusal (400) or "not found" (404),
never a server error.

On PostgreSQL (CI) the same examples reach the tsquery search and ranking of
``catalog.filters``; on SQLite the icontains search."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalog.demo_pages import create_outlet_pages
from tests.catalog.helpers import products_with_photos
from tests.catalog.test_outlet_pages import homes, make_locations, shelve
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PARAMETERS = [
    "q",
    "kategori",
    "kecamatan",
    "umkm",
    "harga_min",
    "harga_max",
    "halal",
    "nib",
    "rppkum",
    "bandara",
    "stok",
    "urut",
    "page",
]
NASTY = [
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "%%__\\\\",
    '"; DROP TABLE catalog_product; --',
    "\x00",
    "a\x00b",
    "keripik:* & !",
    "a & | ! ( ) :* <->",
    "-1",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "1.5",
    "١٢",
    "²",
    "9" * 400,
    "x" * 5000,
    "\u202e\u200b\ufeff",
    "𝔨𝔢𝔯𝔦𝔭𝔦𝔨",
    "\ud7ff\ue000\U0010ffff",
    "makanan-minuman",
    "legok",
    "terbaru",
    "termurah",
    "1",
    "on",
    "true",
    "",
]
# Text as a browser (or a script) may send it: any character a URL can carry, including NUL
# and the ones PostgreSQL's tsquery treats as operators.
texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join),
)
# A query string: some parameters, each possibly repeated.
queries = st.lists(st.tuples(st.sampled_from(PARAMETERS), texts), min_size=1, max_size=8).map(
    lambda pairs: [(name, value) for name, value in pairs]
)


def assert_answers(response, where):
    assert response.status_code in (200, 400, 404), f"{where}: {response.status_code}"


@pytest.fixture
def catalog():
    products = products_with_photos(4)
    CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman")
    return products


def as_query_dict(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


@FUZZ
@given(pairs=queries)
@example(pairs=[("q", "' OR 1=1 --"), ("q", "%_\\"), ("page", "-1")])
@example(pairs=[("harga_min", "9" * 400), ("harga_max", "-1"), ("urut", "\x00")])
@example(pairs=[("kategori", "\x00"), ("umkm", "a\x00b"), ("kecamatan", "%")])
@example(pairs=[("page", str(10**30)), ("stok", "\x00"), ("halal", "1"), ("bandara", "1")])
@example(pairs=[("page", "²")])  # "²".isdigit() is True, int("²") raises
@example(pairs=[("q", "a & | ! ( ) :* <->"), ("urut", "relevan")])
def test_any_catalog_address_answers_without_a_server_error(client, catalog, pairs):
    for path in ("/katalog/", "/en/katalog/"):
        assert_answers(client.get(path, as_query_dict(pairs)), f"{path} {pairs!r}")


@FUZZ
@given(query=texts, page=texts)
@example(query='"><img src=x>', page="2")
@example(query="\x00", page="-1")
@example(query="keripik", page="²")
@example(query="x" * 5000, page="9" * 400)
def test_any_site_search_answers_without_a_server_error(client, query, page):
    assert_answers(client.get("/cari/", {"q": query, "page": page}), f"/cari/ {query!r}")


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "keripik\x00tempe",
        '"keripik',
        'ke"ripik',
        '"',
    ],
)
def test_a_nul_byte_or_a_quote_in_the_site_search_is_not_a_server_error(client, query):
    assert_answers(client.get("/cari/", {"q": query}), f"/cari/ {query!r}")


@pytest.fixture
def outlet_page():
    rppkum, airport = make_locations()
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman")
    for product in products_with_photos(3, category=food):
        shelve(airport, product)
    create_outlet_pages(*homes())
    response = Client().get("/outlet-bandara/")
    assert response.status_code == 200  # the page exists: the fuzz below reaches it
    return "/outlet-bandara/"


@FUZZ
@given(category=texts, page=texts)
@example(category="\x00", page="0")
@example(category="makanan-minuman", page=str(10**30))
def test_any_outlet_category_answers_without_a_server_error(client, outlet_page, category, page):
    response = client.get(outlet_page, {"kategori": category, "page": page})
    assert_answers(response, f"{outlet_page} {category!r}")


@FUZZ
@given(
    slug=st.one_of(
        st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200),
    )
)
@example(slug="%00")
@example(slug="' OR 1=1 --")
def test_an_unknown_product_slug_is_not_found(client, catalog, slug):
    from urllib.parse import quote

    taken = {product.slug for product in catalog}
    if slug in taken:
        return
    response = client.get(f"/produk/{quote(slug, safe='')}/")
    # A slug of our shape reaches the product view (404); anything else no route (404).
    assert response.status_code == 404, f"{slug!r}: {response.status_code}"
