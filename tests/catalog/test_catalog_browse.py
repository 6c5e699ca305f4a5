import datetime
import json
import re

import pytest
from django.utils import timezone

from catalog.models import Category, Product
from tests.factories import (
    ProductFactory,
    VendorFactory,
)
from vendors.models import Kecamatan, Vendor

pytestmark = pytest.mark.django_db


def names(response):
    return set(
        re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    )


def test_catalog_lists_public_products(client, shop):
    response = client.get("/katalog/")
    assert response.status_code == 200
    assert names(response) == {
        "Keripik Tempe",
        "Keripik Pisang",
        "Kerupuk Udang",
        "Tas Anyaman Pandan",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kategori=makanan-minuman", {"Keripik Tempe", "Keripik Pisang", "Kerupuk Udang"}),
        ("kategori=keripik-camilan", {"Keripik Tempe", "Keripik Pisang", "Kerupuk Udang"}),
        ("kategori=kerajinan", {"Tas Anyaman Pandan"}),
        ("kecamatan=mauk", {"Kerupuk Udang", "Tas Anyaman Pandan"}),
        ("halal=1", {"Keripik Tempe", "Keripik Pisang"}),
        ("nib=1", {"Keripik Tempe", "Keripik Pisang", "Kerupuk Udang", "Tas Anyaman Pandan"}),
        ("bandara=1", {"Keripik Tempe"}),
        ("ambil_bandara=1", {"Keripik Tempe", "Kerupuk Udang"}),
        ("ambil_bandara=1&kecamatan=legok", {"Keripik Tempe"}),
        ("ambil_bandara=1&kategori=kerajinan", set()),
        ("rppkum=1", {"Tas Anyaman Pandan"}),
        ("stok=1", {"Keripik Tempe", "Kerupuk Udang", "Tas Anyaman Pandan"}),
        ("harga_min=16000&harga_max=40000", {"Keripik Tempe", "Kerupuk Udang"}),
        ("halal=1&bandara=1", {"Keripik Tempe"}),
        ("halal=1&stok=1&kecamatan=legok", {"Keripik Tempe"}),
        ("kategori=keripik-camilan&kecamatan=mauk&stok=1", {"Kerupuk Udang"}),
        ("halal=1&kecamatan=mauk", set()),
    ],
)
def test_filters_and_their_combinations(client, shop, query, expected):
    assert names(client.get(f"/katalog/?{query}")) == expected


def test_facet_counts_reflect_the_other_active_filters(client, shop):
    html = client.get("/katalog/?kecamatan=legok").content.decode()
    assert re.search(r'id="f-halal"[^>]*>\s*<label for="f-halal">[^<]*<span class="count">2<', html)
    assert re.search(r'id="f-bandara"[^>]*>\s*<label[^>]*>[^<]*<span class="count">1<', html)
    # Kecamatan counts ignore the kecamatan filter itself, so you can switch.
    assert ">Mauk (2)</option>" in html
    assert ">Legok (2)</option>" in html


@pytest.mark.smoke
@pytest.mark.parametrize(
    "query",
    [
        "",
        "kecamatan=legok",
        "halal=1",
        "halal=1&stok=1",
        "kategori=makanan-minuman&bandara=1",
        "kategori=keripik-camilan&kecamatan=mauk&stok=1",
        "q=keripik",
        "q=keripik&halal=1&kecamatan=legok",
        "harga_min=16000&stok=1",
        "umkm=koperasi-mauk&rppkum=1",
        "ambil_bandara=1",
        "ambil_bandara=1&kecamatan=mauk",
        "ambil_bandara=1&halal=1&stok=1",
        "kategori=kerajinan&ambil_bandara=1",
    ],
)
def test_every_facet_count_is_what_choosing_it_would_show(shop, query):
    """Counts come from a few summed groups; each must equal the results of its own link."""
    from django.http import QueryDict
    from django.utils.text import slugify

    from catalog.filters import BOOLEAN_FACETS, ProductFilter

    base = Product.objects.public()

    def results(data):
        return ProductFilter(data, queryset=base).apply(base).count()

    def adding(name, value):
        data = QueryDict(query, mutable=True)
        data[name] = value
        return data

    Vendor.objects.filter(name="Koperasi Mauk").update(slug="koperasi-mauk")
    facets = ProductFilter(QueryDict(query), queryset=base).facets(base)
    assert facets["total"] == results(QueryDict(query))
    for name in BOOLEAN_FACETS:
        assert facets["flags"][name] == results(adding(name, "1")), name
    for category in Category.objects.filter(parent__isnull=False):
        expected = results(adding("kategori", category.slug))
        assert facets["category"].get(category.pk, 0) == expected, category.slug
    for kecamatan in Kecamatan.objects.all():
        expected = results(adding("kecamatan", slugify(kecamatan.name)))
        assert facets["kecamatan"].get(kecamatan.pk, 0) == expected, kecamatan.name


def test_after_a_change_the_facet_groups_are_counted_before_a_shopper_asks(
    client, shop, settings, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    stock = r'id="f-stok"[^>]*>\s*<label[^>]*>[^<]*<span class="count">(\d+)<'
    before = client.get("/katalog/?kecamatan=mauk").content.decode()
    assert re.search(stock, before).group(1) == "2"
    with django_capture_on_commit_callbacks(execute=True):
        shop["kerupuk"].stock = 0
        shop["kerupuk"].save()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/katalog/?kecamatan=mauk").content.decode()
    assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert re.search(stock, html).group(1) == "1"  # the kerupuk ran out
    assert ">Legok (2)</option>" in html


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("termurah", "Keripik Pisang"),
        ("termahal", "Tas Anyaman Pandan"),
        ("nama", "Keripik Pisang"),
    ],
)
def test_sorting(client, shop, sort, first):
    html = client.get(f"/katalog/?urut={sort}").content.decode()
    titles = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles[0] == first


def test_newest_first_by_default(client, shop):
    Product.objects.filter(pk=shop["kerupuk"].pk).update(
        published_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    html = client.get("/katalog/").content.decode()
    assert re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)[0] == "Kerupuk Udang"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("keripik", {"Keripik Tempe", "Keripik Pisang"}),
        ("KERIPIK tempe", {"Keripik Tempe"}),
        ("kerip", {"Keripik Tempe", "Keripik Pisang"}),  # a word being typed
        ("chips", {"Keripik Tempe", "Keripik Pisang"}),  # English names
        ("woven bag", {"Tas Anyaman Pandan"}),
        ("kedelai", {"Keripik Tempe"}),  # description
        ("koperasi mauk", {"Kerupuk Udang", "Tas Anyaman Pandan"}),  # vendor name
        ("durian", set()),
    ],
)
def test_search_in_both_languages(client, shop, query, expected):
    assert names(client.get("/katalog/", {"q": query})) == expected


def test_search_and_filters_combine(client, shop):
    assert names(client.get("/katalog/", {"q": "keripik", "stok": "1"})) == {"Keripik Tempe"}


@pytest.mark.parametrize(
    "query",
    [
        "harga_min=abc",
        "harga_max=-5",
        "kategori=tidak-ada",
        "kecamatan=atlantis",
        "page=99999",
        "page=abc",
        "page=-1",
        "urut=acak",
        "halal=maybe",
        "q=" + "x" * 3000,
        "q=%27%3B+DROP+TABLE+catalog_product%3B--",
        "q=%00%FF",
        "harga_min=1e999",
    ],
)
def test_bad_parameters_never_fail(client, shop, query):
    response = client.get(f"/katalog/?{query}")
    assert response.status_code == 200


def test_bad_parameters_are_explained(client, shop):
    html = client.get("/katalog/?harga_min=abc&kategori=tidak-ada&page=99999").content.decode()
    assert "diabaikan" in html
    assert "tidak-ada" in html
    assert "halaman 99999" in html.lower()
    # and the valid part still applies: all four products show
    assert len(re.findall('class="product-card"', html)) == 4


def test_only_published_products_of_active_verified_vendors_appear(client, shop):
    pending = VendorFactory(status=Vendor.Status.APPLIED, nib_status=Vendor.NibStatus.PENDING)
    suspended = VendorFactory(status=Vendor.Status.SUSPENDED)
    ProductFactory(vendor=pending, name="Dari Vendor Pending")
    ProductFactory(vendor=suspended, name="Dari Vendor Beku")
    ProductFactory(vendor=shop["tempe"].vendor, name="Masih Draf", status="draft")
    ProductFactory(vendor=shop["tempe"].vendor, name="Sedang Ditinjau", status="in_review")
    ProductFactory(vendor=shop["tempe"].vendor, name="Sudah Diarsip", status="archived")
    hidden = {
        "Dari Vendor Pending",
        "Dari Vendor Beku",
        "Masih Draf",
        "Sedang Ditinjau",
        "Sudah Diarsip",
    }
    assert not names(client.get("/katalog/")) & hidden
    assert not names(client.get("/katalog/", {"q": "dari vendor"})) & hidden
    home = client.get("/").content.decode()
    assert not any(name in home for name in hidden)
    sitemap = client.get("/sitemap-products.xml").content.decode()
    assert shop["tempe"].slug in sitemap
    for product in Product.objects.exclude(status="published"):
        assert product.slug not in sitemap
    for product in Product.objects.filter(vendor__in=[pending, suspended]):
        assert client.get(f"/produk/{product.slug}/").status_code == 404


def test_pagination_keeps_the_filters(client, shop, settings):
    settings.CATALOG_PAGE_SIZE = 2
    html = client.get("/katalog/?kategori=keripik-camilan").content.decode()
    assert "?kategori=keripik-camilan&amp;page=2" in html
    assert len(re.findall('class="product-card"', html)) == 2


@pytest.mark.parametrize("count", [12, 48])
def test_catalog_query_count_does_not_grow_with_products_shown(
    client, settings, django_assert_num_queries, count
):
    """Rendered from scratch (page cache off, facet counts and cards not cached yet); again,
    sorted otherwise, with the facet counts and cards cached: only the page's ids are read;
    then as the first time, its listing kept whole: no query."""
    from django.core.cache import cache

    from tests.catalog.helpers import products_with_photos

    settings.CATALOG_PAGE_SIZE = count
    settings.PAGE_CACHE_SECONDS = 0
    products_with_photos(count)
    client.get("/katalog/")  # renditions are generated once, on the first view
    cache.clear()
    with django_assert_num_queries(QUERIES_PER_CATALOG_PAGE):
        first = client.get("/katalog/")
    with django_assert_num_queries(QUERIES_PER_CATALOG_PAGE_CARDS_CACHED):
        second = client.get("/katalog/?urut=nama")
    with django_assert_num_queries(0):
        third = client.get("/katalog/")
    assert first.content.decode().count('class="product-card"') == count
    assert sorted(names(second)) == sorted(names(first))
    assert names(third) == names(first)
    assert len(names(second)) == count


QUERIES_PER_CATALOG_PAGE = 11
QUERIES_PER_CATALOG_PAGE_CARDS_CACHED = 1


def test_category_names_follow_the_language(client, shop):
    assert "Food &amp; Drink" in client.get("/en/katalog/").content.decode()
    assert "Makanan &amp; Minuman" in client.get("/katalog/").content.decode()
    assert "Tempeh Chips" in client.get("/en/katalog/").content.decode()


def test_filters_work_as_plain_get_forms_and_links(client, shop):
    html = client.get("/katalog/").content.decode()
    assert '<form method="get" action="/katalog/"' in html
    assert 'href="?kategori=kerajinan"' in html


def test_product_page_shows_price_vendor_badges_and_valid_json_ld(client, shop):
    product = shop["tempe"]
    response = client.get(f"/produk/{product.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rp\u00a018.000" in html
    assert "Bu Sari" in html
    assert "NIB terverifikasi" in html
    assert "Sentral Oleh-Oleh T3" in html  # on the shelf there
    assert f'<link rel="canonical" href="http://testserver/produk/{product.slug}/">' in html
    assert '<meta property="og:title" content="Keripik Tempe">' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Product"
    assert data["name"] == "Keripik Tempe"
    assert data["offers"]["priceCurrency"] == "IDR"
    assert data["offers"]["price"] == "18000"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_the_catalog_filters_what_can_be_collected_at_terminal_3(client, shop):
    html = client.get("/katalog/").content.decode()
    assert re.search(
        r'id="f-ambil_bandara"[^>]*>\s*<label[^>]*>Bisa diambil di Terminal 3 '
        r'<span class="count">2<',
        html,
    )
    english = client.get("/en/katalog/?ambil_bandara=1")
    assert "Can be collected at Terminal 3" in english.content.decode()
    assert names(english) == {"Tempeh Chips", "Prawn Crackers"}


def pickup_section(client, path) -> str:
    html = client.get(path).content.decode()
    return html.split("data-pickup-places")[1].split("</section>")[0]


def test_product_page_says_whether_it_can_be_collected_at_terminal_3_and_rppkum(client, shop):
    on_shelf = pickup_section(client, f"/en/produk/{shop['tempe'].slug}/")
    assert "Can be collected at Terminal 3" in on_shelf
    assert "On the shelf now" in on_shelf and "Sentral Oleh-Oleh T3" in on_shelf
    assert "Can be collected at RPPKUM Legok" in on_shelf  # ordered online for a pickup

    brought = pickup_section(client, f"/en/produk/{shop['kerupuk'].slug}/")
    assert "Can be collected at Terminal 3" in brought
    assert "the business brings it there in time" in brought

    neither = pickup_section(client, f"/en/produk/{shop['tas'].slug}/")
    assert "Cannot be collected at Terminal 3" in neither
    assert "cannot bring it there in time" in neither
    assert "Can be collected at RPPKUM Legok" in neither  # on that shelf

    sold_out = pickup_section(client, f"/en/produk/{shop['pisang'].slug}/")
    assert "Cannot be collected at Terminal 3" in sold_out
    assert "Cannot be collected at RPPKUM Legok" in sold_out
    assert "out of stock online" in sold_out

    indonesian = pickup_section(client, f"/produk/{shop['kerupuk'].slug}/")
    assert "Bisa diambil di Terminal 3" in indonesian
    assert "Belum ada di rak outlet saat ini; pesan online." not in indonesian


def test_product_page_in_english(client, shop):
    html = client.get(f"/en/produk/{shop['tempe'].slug}/").content.decode()
    assert "<h1>Tempeh Chips</h1>" in html


def test_an_archived_product_is_gone_with_a_helpful_page(client, shop):
    Product.objects.filter(pk=shop["pisang"].pk).update(status="archived")
    response = client.get(f"/produk/{shop['pisang'].slug}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "tidak lagi menjual" in html
    assert shop["pisang"].vendor.get_absolute_url() in html


def test_an_unknown_product_is_not_found(client, shop):
    assert client.get("/produk/tidak-ada/").status_code == 404


def test_a_halal_badge_needs_a_valid_certificate_covering_the_product(client, shop):
    def maker_box(slug):
        html = client.get(f"/produk/{slug}/").content.decode()
        return html.split('class="panel vendor-box"')[1].split("</section>")[0]

    assert "badge-halal" in maker_box(shop["tempe"].slug)
    assert "badge-halal" not in maker_box(shop["kerupuk"].slug)


def test_categories_are_two_levels_with_bilingual_names(shop):
    chips = Category.objects.get(slug="keripik-camilan")
    assert chips.parent.slug == "makanan-minuman"
    from django.utils import translation

    with translation.override("en"):
        assert chips.display_name == "Chips"
    with translation.override("id"):
        assert chips.display_name == "Keripik"


def test_a_vendors_products_can_be_listed_in_the_catalog(client, shop):
    slug = shop["tas"].vendor.slug
    html = client.get(f"/katalog/?umkm={slug}").content.decode()
    assert names(client.get(f"/katalog/?umkm={slug}")) == {"Kerupuk Udang", "Tas Anyaman Pandan"}
    assert "Koperasi Mauk" in html  # the chip names the vendor
    assert names(client.get("/katalog/?umkm=tidak-ada")) == set()
