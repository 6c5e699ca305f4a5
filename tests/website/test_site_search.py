"""The header's search box (/cari/): products first, then businesses, then pages."""

import re

import pytest

from tests.factories import CategoryFactory, ProductFactory, VendorFactory
from vendors.models import Kecamatan, Vendor
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def product_names(html):
    return set(re.findall(r'class="card-title"><a href="/(?:en/)?produk/[^"]+">([^<]+)</a>', html))


def vendor_names(html):
    return set(re.findall(r'class="card-title"><a href="/(?:en/)?umkm/[^"]+">([^<]+)</a>', html))


@pytest.fixture
def shop():
    snacks = CategoryFactory(slug="keripik-camilan", name="Keripik", name_en="Snacks")
    legok = Kecamatan.objects.get(name="Legok")
    sari = VendorFactory(name="Keripik Bu Sari", kecamatan=legok)
    mauk = VendorFactory(name="Koperasi Mauk", kecamatan=Kecamatan.objects.get(name="Mauk"))
    # Businesses the public must not find: not yet verified, or suspended.
    VendorFactory(
        name="Keripik Belum Verifikasi",
        kecamatan=legok,
        status=Vendor.Status.APPLIED,
        nib_status=Vendor.NibStatus.PENDING,
    )
    VendorFactory(name="Keripik Dibekukan", kecamatan=legok, status=Vendor.Status.SUSPENDED)
    ProductFactory(name="Keripik Tempe", name_en="Tempeh Chips", vendor=sari, category=snacks)
    ProductFactory(name="Keripik Pisang", name_en="Banana Chips", vendor=sari, category=snacks)
    ProductFactory(name="Kerupuk Udang", name_en="Prawn Crackers", vendor=mauk, category=snacks)
    return {"sari": sari, "mauk": mauk}


def test_the_search_box_finds_products_first_then_businesses_then_pages(client, shop):
    home = HomePage.objects.get(locale__language_code="id")
    page = StandardPage(title="Cerita keripik Legok", slug="cerita", intro="Keripik dari Legok")
    home.add_child(instance=page)
    page.save_revision().publish()

    response = client.get("/cari/", {"q": "keripik"})
    html = response.content.decode()
    assert response.status_code == 200
    assert product_names(html) == {"Keripik Tempe", "Keripik Pisang"}
    assert vendor_names(html) == {"Keripik Bu Sari"}  # only public businesses
    assert "Cerita keripik Legok" in html
    order = [html.index(f'id="found-{part}"') for part in ("products", "vendors", "pages")]
    assert order == sorted(order)
    assert 'href="/katalog/?q=keripik"' in html  # all of them, with filters, in the catalog


def test_businesses_are_found_by_kecamatan(client, shop):
    html = client.get("/cari/", {"q": "mauk"}).content.decode()
    assert vendor_names(html) == {"Koperasi Mauk"}
    html = client.get("/cari/", {"q": "legok"}).content.decode()
    assert vendor_names(html) == {"Keripik Bu Sari"}


@pytest.mark.parametrize(
    ("path", "catalog"), [("/cari/", "/katalog/"), ("/en/cari/", "/en/katalog/")]
)
def test_a_query_that_only_products_match_goes_to_the_catalog(client, shop, path, catalog):
    response = client.get(path, {"q": "tempe"})
    assert response.status_code == 302
    assert response["Location"] == f"{catalog}?q=tempe"
    found = product_names(client.get(response["Location"]).content.decode())
    assert found == ({"Tempeh Chips"} if path.startswith("/en/") else {"Keripik Tempe"})


def test_a_misspelt_query_still_finds_products_and_says_so(client, shop):
    # "keripk" matches no business or page: straight to the catalog, which corrects it.
    response = client.get("/cari/", {"q": "keripk"}, follow=True)
    html = response.content.decode()
    assert product_names(html) == {"Keripik Tempe", "Keripik Pisang"}
    assert "Mungkin maksud Anda:" in html
    # "kripik" is on the synonym list: the business named Keripik is found too.
    html = client.get("/cari/", {"q": "kripik"}).content.decode()
    assert product_names(html) == {"Keripik Tempe", "Keripik Pisang"}
    assert vendor_names(html) == {"Keripik Bu Sari"}


def test_a_misspelt_query_with_other_results_suggests_on_the_search_page(client, shop):
    VendorFactory(name="Toko Keripk Bandel", kecamatan=Kecamatan.objects.get(name="Legok"))
    html = client.get("/en/cari/", {"q": "keripk"}).content.decode()
    assert vendor_names(html) == {"Toko Keripk Bandel"}
    assert product_names(html) == {"Tempeh Chips", "Banana Chips"}
    assert re.search(r'Did you mean: <a href="/en/katalog/\?q=keripik">keripik</a>', html)


def test_the_search_in_english_shows_english_names(client, shop):
    html = client.get("/en/cari/", {"q": "keripik"}).content.decode()
    assert product_names(html) == {"Tempeh Chips", "Banana Chips"}
    assert vendor_names(html) == {"Keripik Bu Sari"}
    assert '<h2 id="found-vendors">Businesses</h2>' in html


def test_nothing_found_says_so_for_each_kind(client, shop):
    html = client.get("/cari/", {"q": "zzqxv"}).content.decode()
    assert "Tidak ada produk yang cocok dengan “zzqxv”." in html
    assert "Tidak ada usaha yang cocok dengan “zzqxv”." in html
    assert "Tidak ada halaman yang cocok dengan “zzqxv”." in html


def test_the_search_page_is_cached_for_anonymous_visitors_and_renewed_by_a_change(client, shop):
    first = client.get("/cari/", {"q": "mauk"})
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/cari/", {"q": "mauk"})["X-Page-Cache"] == "hit"
    shop["mauk"].name = "Koperasi Mauk Jaya"
    shop["mauk"].save()
    assert vendor_names(client.get("/cari/", {"q": "mauk"}).content.decode()) == {
        "Koperasi Mauk Jaya"
    }


QUERIES_PER_SEARCH_PAGE = 16
QUERIES_PER_SEARCH_PAGE_CACHED = 0  # products, businesses and pages kept per generation


@pytest.mark.parametrize("count", [3, 12])
def test_search_page_query_count_does_not_grow_with_results(
    client, settings, django_assert_num_queries, count
):
    from django.core.cache import cache

    from catalog.models import ProductImage
    from tests.catalog.helpers import photo

    settings.PAGE_CACHE_SECONDS = 0
    for i in range(count):
        vendor = VendorFactory(name=f"Keripik Usaha {i}", logo=photo(f"logo{i}.jpg"))
        product = ProductFactory(name=f"Keripik Rasa {i}", vendor=vendor)
        ProductImage.objects.create(product=product, image=photo(f"p{i}.jpg"))
    client.get("/cari/", {"q": "keripik"})  # renditions are generated once, on the first view
    cache.clear()
    with django_assert_num_queries(QUERIES_PER_SEARCH_PAGE):
        html = client.get("/cari/", {"q": "keripik"}).content.decode()
    with django_assert_num_queries(QUERIES_PER_SEARCH_PAGE_CACHED):
        again = client.get("/cari/", {"q": "keripik"}).content.decode()
    assert len(product_names(html)) == min(count, 8)
    assert len(vendor_names(html)) == min(count, 6)
    # The businesses found are kept for the content generation, like the products.
    assert vendor_names(again) == vendor_names(html)
