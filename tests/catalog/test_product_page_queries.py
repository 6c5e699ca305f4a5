"""The product page reads what it shows in a fixed, small number of queries (page cache off):
a product with everything (photos, bulk prices, halal, trademark, a cooperative marketing it,
related products with photos, shelf stock at both outlets) costs what a bare product costs."""

import datetime
import re

import pytest
from django.core.cache import cache

from catalog import views as catalog_views
from catalog.models import Product, ProductImage, TierPrice
from catalog.product_page import content_key
from core.cache import paths_changed
from core.money import format_rupiah
from tests.catalog.helpers import photo
from tests.catalog.test_outlet_pages import make_locations, shelve
from tests.factories import CategoryFactory, HalalCertificateFactory, ProductFactory, VendorFactory
from vendors.trademarks.models import Trademark

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]

# Once per content generation: the product with its vendor, category and certificates; its
# photos with their images; its bulk prices; the two outlets with the product's shelves on
# them. The related products' cards, which ones they are, and the photos' renditions are
# served from the caches kept for them once a first visitor has seen the page.
QUERIES_PER_PRODUCT_PAGE = 4
# After a stock change (which renews the page's version, not the generation): its stock and
# the two outlets with its shelves.
QUERIES_AFTER_A_STOCK_CHANGE = 2
# With every shared cache empty (after a deploy): the related products are chosen (1) and
# their four cards read (product, photos, renditions, certificates: 4).
QUERIES_PER_PRODUCT_PAGE_COLD = 10


def full_product():
    """A product showing everything the page can show."""
    category = CategoryFactory(parent=CategoryFactory(name="Makanan"), name="Keripik")
    cooperative = VendorFactory(name="Koperasi Legok")
    vendor = VendorFactory(name="Dapur Bu Sari")
    HalalCertificateFactory(vendor=vendor)
    Trademark.objects.create(
        vendor=vendor,
        mark="Keripik Bu Sari",
        nice_class=30,
        application_number="DID2024000001",
        filed_on=datetime.date(2024, 3, 11),
        djki_status="registered",
        registration_number="IDM000000001",
        registered_on=datetime.date(2025, 1, 20),
        expires_on=datetime.date(2034, 3, 11),
        status="verified",
    )
    product = ProductFactory(
        vendor=vendor,
        category=category,
        name="Keripik Singkong Balado",
        marketed_by=cooperative,
        pirt_number="2063603010123-29",
        bpom_number="",
        min_order=2,
    )
    for n in range(3):
        ProductImage.objects.create(product=product, image=photo(f"full{n}.jpg"), sort_order=n)
    TierPrice.objects.create(product=product, min_quantity=10, price=22000)
    TierPrice.objects.create(product=product, min_quantity=50, price=20000)
    for n in range(4):
        other = ProductFactory(category=category, name=f"Keripik Lain {n}")
        ProductImage.objects.create(product=other, image=photo(f"other{n}.jpg"))
        HalalCertificateFactory(vendor=other.vendor)
    rppkum, airport = make_locations()
    shelve(rppkum, product, shelf="Rak B2", best_before=datetime.date(2027, 1, 31))
    shelve(airport, product, shelf="Rak T1")
    return product


def bare_product():
    """A product with nothing more than it must have, alone in its category, no outlets."""
    return ProductFactory(name="Gula Aren", stock=0)


@pytest.mark.parametrize("language", ["", "/en"])
def test_a_product_with_everything_is_read_in_five_queries(
    client, settings, django_assert_num_queries, language
):
    settings.PAGE_CACHE_SECONDS = 0
    product = full_product()
    path = language + product.get_absolute_url()
    client.get(path)  # renditions are made, cards cached, on a first view
    paths_changed([path])
    cache.delete(content_key(path))  # the product's own data is read again

    with django_assert_num_queries(QUERIES_PER_PRODUCT_PAGE):
        html = client.get(path).content.decode()

    gallery = re.search(r'<div class="gallery">.*?</div>', html, re.S).group(0)
    assert gallery.count("<img") == 3
    assert html.count('class="product-card"') == 4
    assert html.count("<img") - gallery.count("<img") >= 4  # each related card's photo
    assert "no-photo.svg" not in html
    assert 'class="badge badge-halal"' in html
    assert format_rupiah(22000) in html and format_rupiah(20000) in html
    assert "Koperasi Legok" in html and "Dapur Bu Sari" in html
    assert "Rak B2" in html and "Rak T1" in html
    assert html.count('data-available="yes"') == 2


def test_a_bare_product_costs_the_same_queries(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    product = bare_product()
    client.get(product.get_absolute_url())
    paths_changed([product.get_absolute_url()])
    cache.delete(content_key(product.get_absolute_url()))

    with django_assert_num_queries(QUERIES_PER_PRODUCT_PAGE):
        html = client.get(product.get_absolute_url()).content.decode()

    assert "no-photo.svg" in html
    assert 'class="product-card"' not in html
    assert 'class="tiers"' not in html


def test_with_every_cache_empty_the_page_costs_a_fixed_number(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    product = full_product()
    client.get(product.get_absolute_url())
    cache.clear()

    with django_assert_num_queries(QUERIES_PER_PRODUCT_PAGE_COLD):
        html = client.get(product.get_absolute_url()).content.decode()

    assert html.count('class="product-card"') == 4
    assert "no-photo.svg" not in html


def test_a_repeated_visit_reads_nothing_and_a_stock_change_shows_at_once(
    client, settings, django_assert_num_queries, monkeypatch
):
    """With the page cache off (a signed-in visitor), the product's data is kept under the
    page cache's own keys: nothing is read again until the product or its stock changes."""
    from orders.services.stock import stock_changed

    settings.PAGE_CACHE_SECONDS = 0
    product = full_product()
    path = f"/produk/{product.slug}/"
    client.get(path)
    with django_assert_num_queries(0):
        assert "Dapur Bu Sari" in client.get(path).content.decode()
    Product.objects.filter(pk=product.pk).update(stock=3)
    stock_changed([(product.pk, -(product.stock - 3))])
    chosen = []
    monkeypatch.setattr(
        catalog_views, "related_cards", lambda product: chosen.append(product) or []
    )
    with django_assert_num_queries(QUERIES_AFTER_A_STOCK_CHANGE):
        html = client.get(path).content.decode()
    assert "Stok 3<" in html  # was 10: shown at once
    # around the page's parts kept for the content generation: nothing else is worked out
    assert "Dapur Bu Sari" in html and not chosen
    product.refresh_from_db()
    product.price = 23500
    product.save()  # any other change renews the content generation
    assert format_rupiah(23500) in client.get(path).content.decode()


def test_the_buy_box_is_each_visitors_own_on_a_kept_page(settings):
    """The page's parts are kept per content generation, its stock and buy box never: each
    visitor's form carries their own CSRF token (the add to cart works) and shows the stock
    as it is."""
    from django.test import Client

    from orders.services.stock import stock_changed

    settings.PAGE_CACHE_SECONDS = 0
    product = full_product()
    path = f"/produk/{product.slug}/"
    for _ in range(2):
        shopper = Client(enforce_csrf_checks=True)
        html = shopper.get(path).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        added = shopper.post(
            "/keranjang/tambah/",
            {"csrfmiddlewaretoken": token, "product": product.pk, "quantity": 2, "next": path},
        )
        assert added.status_code == 302
        assert "2" in shopper.get("/keranjang/").content.decode()
    Product.objects.filter(pk=product.pk).update(stock=0)
    stock_changed([(product.pk, -product.stock)])
    html = Client().get(path).content.decode()
    assert "data-out-of-stock" in html and "csrfmiddlewaretoken" not in html
