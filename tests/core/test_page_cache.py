"""The anonymous page cache: served from the cache, yet every change shows at once."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog import services as catalog_services
from catalog.filters import ProductFilter
from catalog.models import Product
from core.cache.pages import wait_for_renders
from orders.models import Cart
from tests.factories import (
    HalalCertificateFactory,
    MembershipFactory,
    ProductFactory,
    StaffFactory,
    UserFactory,
)
from vendors import services as vendor_services
from vendors.models import Vendor
from website.models import HomePage

pytestmark = pytest.mark.django_db


def visit(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response


@pytest.fixture
def product():
    return ProductFactory(name="Keripik Tempe Bu Sari", price=25000)


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(product):
    path = product.get_absolute_url()
    first = visit(Client(), path)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = visit(Client(), path)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content.decode().count("Rp\u00a025.000") == first.content.decode().count(
        "Rp\u00a025.000"
    )
    # The security headers are still on the cached copy.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/katalog/", "/en/katalog/", "/katalog/?q=tempe"])
def test_a_price_change_shows_at_once_on_cached_pages(product, path):
    assert "Rp\u00a025.000" in visit(Client(), path).content.decode()
    assert visit(Client(), path)["X-Page-Cache"] == "hit"
    product.price = 27500
    product.save()
    page = visit(Client(), path).content.decode()
    assert "Rp\u00a027.500" in page
    assert "Rp\u00a025.000" not in page


def test_stock_taken_by_an_order_shows_at_once(product):
    from orders.services.checkout import place_order
    from tests.orders.helpers import cart_with, delivery_checkout

    path = product.get_absolute_url()
    assert "data-out-of-stock" not in visit(Client(), path).content.decode()
    place_order(cart_with((product, 10)), delivery_checkout())  # all ten
    assert Product.objects.get(pk=product.pk).stock == 0
    assert "data-out-of-stock" in visit(Client(), path).content.decode()


def test_a_suspended_vendor_disappears_at_once(product):
    visit(Client(), product.get_absolute_url())
    visit(Client(), product.vendor.get_absolute_url())
    vendor_services.change_vendor_status(
        product.vendor, Vendor.Status.SUSPENDED, StaffFactory(), note="Audit"
    )
    assert Client().get(product.get_absolute_url()).status_code == 404
    assert Client().get(product.vendor.get_absolute_url()).status_code == 404
    assert "Keripik Tempe Bu Sari" not in visit(Client(), "/katalog/").content.decode()


def test_unpublishing_updates_the_catalog_and_its_counts(product):
    ProductFactory(name="Dodol Betawi", category=product.category)
    page = visit(Client(), "/katalog/").content.decode()
    assert "Keripik Tempe Bu Sari" in page
    owner = UserFactory()
    MembershipFactory(user=owner, vendor=product.vendor)
    catalog_services.unpublish_product(product, owner)
    page = visit(Client(), "/katalog/").content.decode()
    assert "Keripik Tempe Bu Sari" not in page
    assert re.search(r"\b1 (produk|product)", page)


def test_a_published_page_edit_shows_at_once():
    home = HomePage.objects.get(locale__language_code="id")
    visit(Client(), "/")
    assert visit(Client(), "/")["X-Page-Cache"] == "hit"
    home.hero_title = "Oleh-oleh khas Tangerang, langsung dari pembuatnya"
    home.save_revision().publish()
    assert "langsung dari pembuatnya" in visit(Client(), "/").content.decode()


def test_a_halal_badge_lapses_by_date_on_a_cached_page(product):
    certificate = HalalCertificateFactory(
        vendor=product.vendor, expires_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert certificate.is_valid
    assert "badge-halal" in visit(Client(), product.get_absolute_url()).content.decode()
    later = timezone.now() + datetime.timedelta(days=2)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "badge-halal" not in visit(Client(), product.get_absolute_url()).content.decode()


def test_signed_in_visitors_get_their_own_page_and_never_fill_the_cache(product):
    path = product.get_absolute_url()
    member = Client()
    member.force_login(UserFactory(first_name="Rina"))
    for _ in range(2):
        response = visit(member, path)
        assert "X-Page-Cache" not in response
        assert 'href="/masuk/"' not in response.content.decode()  # no "Log in": signed in
    anonymous = visit(Client(), path)
    assert anonymous["X-Page-Cache"] == "miss"
    assert 'href="/masuk/"' in anonymous.content.decode()


def badge(response) -> str | None:
    found = re.search(r'<span class="badge-count">(\d+)</span>', response.content.decode())
    return found.group(1) if found else None


def shopper_with(product, quantity):
    """An anonymous shopper who added to their cart and saw the message it flashed."""
    shopper = Client()
    shopper.post("/keranjang/tambah/", {"product": product.pk, "quantity": quantity})
    page = visit(shopper, "/keranjang/")  # the "added" message shows here, once
    assert "X-Page-Cache" not in page
    return shopper


def test_a_shopper_with_a_cart_gets_the_cached_page_with_their_own_count(product):
    path = product.get_absolute_url()
    assert visit(Client(), path)["X-Page-Cache"] == "miss"
    shopper = shopper_with(product, 2)
    with CaptureQueriesContext(connection) as queries:
        page = visit(shopper, path)
    assert page["X-Page-Cache"] == "hit"
    assert len(queries) == 0  # the session is read from the cache
    assert badge(page) == "2"
    assert "__etalase" not in page.content.decode()
    # Adding more shows at once on the next cached page.
    shopper.post("/keranjang/tambah/", {"product": product.pk, "quantity": 1})
    visit(shopper, "/keranjang/")
    page = visit(shopper, path)
    assert page["X-Page-Cache"] == "hit"
    assert badge(page) == "3"
    # Another visitor never sees the shopper's count.
    assert badge(visit(Client(), path)) is None


def test_a_page_first_rendered_for_a_shopper_is_stored_without_their_count(product):
    shopper = shopper_with(product, 4)
    first = visit(shopper, "/katalog/")
    assert first["X-Page-Cache"] == "miss"
    assert badge(first) == "4"
    stranger = visit(Client(), "/katalog/")
    assert stranger["X-Page-Cache"] == "hit"
    assert badge(stranger) is None
    assert badge(visit(shopper_with(product, 1), "/katalog/")) == "1"


def test_a_message_waiting_in_the_session_gets_a_page_of_its_own(product, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    visit(Client(), "/katalog/")
    shopper = Client()
    shopper.post("/keranjang/tambah/", {"product": product.pk, "quantity": 1})
    page = visit(shopper, "/katalog/")
    assert "X-Page-Cache" not in page
    assert 'class="message' in page.content.decode()
    assert visit(shopper, "/katalog/")["X-Page-Cache"] == "hit"  # shown once, then shared


def test_cached_page_carries_each_visitors_own_working_csrf_token(product):
    path = product.get_absolute_url()
    visit(Client(), path)
    tokens = []
    for _ in range(2):
        shopper = Client(enforce_csrf_checks=True)
        page = visit(shopper, path)
        assert page["X-Page-Cache"] == "hit"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        tokens.append(token.group(1))
        response = shopper.post(
            "/keranjang/tambah/",
            {"csrfmiddlewaretoken": token.group(1), "product": product.pk, "quantity": 1},
        )
        assert response.status_code == 302
    assert Cart.objects.filter(items__product=product).count() == 2
    assert tokens[0] != tokens[1]


def test_the_page_cache_can_be_switched_off(product, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit(Client(), "/katalog/")
    assert "X-Page-Cache" not in visit(Client(), "/katalog/")


def test_renaming_a_vendor_finds_its_products_by_the_new_name(product):
    assert "Keripik Tempe" not in visit(Client(), "/katalog/?q=kenanga").content.decode()
    vendor = Vendor.objects.get(pk=product.vendor_id)
    vendor.name = "UMKM Kenanga"
    vendor.save()
    assert "Keripik Tempe Bu Sari" in visit(Client(), "/katalog/?q=kenanga").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN index: PostgreSQL only")
def test_search_uses_the_gin_index_on_the_stored_document(product):
    filterset = ProductFilter({"q": "keripik tem"}, queryset=Product.objects.public())
    queryset = filterset.ordered(filterset.apply(Product.objects.public()))
    # The catalog's search is a match on the stored document …
    assert '"catalog_product"."search_document" @@ to_tsquery' in str(queryset.query)
    assert [p.name for p in queryset] == ["Keripik Tempe Bu Sari"]
    # … which the GIN index answers (the planner would rather scan a tiny table).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM catalog_product "
            "WHERE search_document @@ to_tsquery('simple', 'keripik:* & tem:*')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalog_product_search_gin" in plan


def test_an_order_that_leaves_stock_renews_only_the_product_page(product):
    from orders.services.checkout import place_order
    from tests.orders.helpers import cart_with, delivery_checkout

    pages = [f"/produk/{product.slug}/", f"/en/produk/{product.slug}/"]
    for path in ["/katalog/", *pages]:
        visit(Client(), path)
    place_order(cart_with((product, 3)), delivery_checkout())
    assert visit(Client(), "/katalog/")["X-Page-Cache"] == "hit"  # nothing changed there
    for path in pages:
        page = visit(Client(), path)
        assert page["X-Page-Cache"] == "miss"
        assert '"https://schema.org/InStock"' in page.content.decode()


def test_a_vendor_application_leaves_the_cached_pages_cached(product, client):
    """A new applicant and its pending certificate show nowhere public: the catalog stays
    cached (renewing it cost every application a recount of the facets)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.vendors.test_application import application, png_bytes

    visit(Client(), "/katalog/")
    data = application(
        halal_number="ID36110000123450825",
        halal_issued_on="2025-08-01",
        halal_document=SimpleUploadedFile("halal.png", png_bytes(), "image/png"),
    )
    assert client.post("/daftar-umkm/", data).status_code == 302
    assert visit(Client(), "/katalog/")["X-Page-Cache"] == "hit"
    # Once staff verify it, the vendor is public and the pages are renewed.
    vendor_services.verify_nib(Vendor.objects.get(nib="9120001234567"), StaffFactory(), "OK")
    assert visit(Client(), "/katalog/")["X-Page-Cache"] == "miss"


def page_key(path):
    from django.test import RequestFactory

    from core.cache.pages import AnonymousPageCacheMiddleware

    return AnonymousPageCacheMiddleware._key(RequestFactory().get(path))


def test_a_visitor_waits_for_the_page_another_visitor_is_rendering(product):
    """After a change many visitors ask for the same page at once: one renders it, the
    others are served what it stored instead of all rendering it too."""
    import threading

    from django.core.cache import cache

    from core.cache.pages import RENDERING

    path = "/katalog/"
    visit(Client(), path)
    key = page_key(path)
    stored = cache.get(key)
    cache.delete(key)
    assert cache.add(key + RENDERING, 1, 2)  # as if another request were rendering it

    def other_request_finishes():
        cache.set(key, stored, 60)
        cache.delete(key + RENDERING)

    threading.Timer(0.2, other_request_finishes).start()
    with CaptureQueriesContext(connection) as queries:
        page = visit(Client(), path)
    assert page["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Keripik Tempe Bu Sari" in page.content.decode()


def test_while_a_changed_page_renders_others_get_the_one_it_replaces(product):
    """After a change, the first visitor renders the new page; visitors arriving in the
    moment it takes are served the page before the change at once (no query, no wait)
    rather than queueing for it, and everyone after sees the change."""
    from django.core.cache import cache

    from core.cache.pages import RENDERING

    path = "/katalog/"
    visit(Client(), path)
    product.price = 27500
    product.save()
    key = page_key(path)
    assert cache.add(key + RENDERING, 1, 2)  # as if the first visitor were rendering it
    with CaptureQueriesContext(connection) as queries:
        page = visit(Client(), path)
    assert page["X-Page-Cache"] == "stale"
    assert len(queries) == 0
    assert "Rp\u00a025.000" in page.content.decode()
    cache.delete(key + RENDERING)
    page = visit(Client(), path)
    assert page["X-Page-Cache"] == "miss"
    assert "Rp\u00a027.500" in page.content.decode()
    assert visit(Client(), path)["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_after_a_sell_out_a_listings_next_visitor_is_not_kept_waiting(product):
    """A product selling out changes every listing (its out-of-stock badge): the listing's
    next visitor is sent the one from before at once, and the new one is rendered as soon
    as they have it, so from the visit after it shows the product out of stock. The
    product's own page shows it at once."""
    from orders.services.checkout import place_order
    from tests.orders.helpers import cart_with, delivery_checkout

    out_of_stock = 'class="badge badge-warn"'
    path = "/en/katalog/"
    assert out_of_stock not in visit(Client(), path).content.decode()
    place_order(cart_with((product, product.stock)), delivery_checkout())
    page = visit(Client(), path)
    assert page["X-Page-Cache"] == "stale"
    assert out_of_stock not in page.content.decode()
    wait_for_renders()  # rendered by the worker's own thread once the page is sent
    page = visit(Client(), path)
    assert page["X-Page-Cache"] == "hit"
    assert out_of_stock in page.content.decode()
    own = visit(Client(), product.get_absolute_url())
    assert own["X-Page-Cache"] == "miss"
    assert "data-out-of-stock" in own.content.decode()


def test_a_change_other_than_stock_shows_to_the_very_next_visitor(product):
    """Only a sell-out lets a listing's first visitor have the one from before."""
    path = "/en/katalog/"
    visit(Client(), path)
    vendor = product.vendor
    vendor.name = "Dapur Bu Sari Baru"
    vendor.save()
    page = visit(Client(), path)
    assert page["X-Page-Cache"] == "miss"
    assert "Dapur Bu Sari Baru" in page.content.decode()


def test_pages_never_shared_are_remembered_so_nobody_waits_on_them(product):
    from django.core.cache import cache

    from core.cache.pages import RENDERING, UNSHARED

    for _ in range(2):
        response = visit(Client(), "/keranjang/")
        assert "X-Page-Cache" not in response
    assert cache.get(page_key("/keranjang/")) == UNSHARED
    assert cache.get(page_key("/katalog/") + RENDERING) is None
    visit(Client(), "/katalog/")
    assert cache.get(page_key("/katalog/") + RENDERING) is None  # released once stored


def test_a_deploy_renews_every_cached_page(product):
    """Every deploy runs migrate: pages cached with the old templates are not served after."""
    from django.core.management.sql import emit_post_migrate_signal

    visit(Client(), "/katalog/")
    assert visit(Client(), "/katalog/")["X-Page-Cache"] == "hit"
    emit_post_migrate_signal(0, False, "default")
    assert visit(Client(), "/katalog/")["X-Page-Cache"] == "miss"
