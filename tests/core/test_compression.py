"""HTML is sent gzip-compressed to browsers that accept it; a cached page is compressed once,
when stored, and each hit puts the stored parts together around the visitor's CSRF token."""

import gzip
import re
import zlib

import pytest
from django.test import Client

from orders.models import Cart
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def without_tokens(html: bytes) -> bytes:
    return TOKEN.sub(b"", html)


@pytest.fixture
def product():
    return ProductFactory(name="Keripik Tempe Bu Sari", price=25000)


@pytest.fixture
def compressions(monkeypatch):
    """Every gzip or deflate compression made (the zlib calls behind gzip, Django and ours)."""
    calls = []
    for name in ("compress", "compressobj"):
        original = getattr(zlib, name)

        def counted(*args, _original=original, **kwargs):
            calls.append(1)
            return _original(*args, **kwargs)

        monkeypatch.setattr(zlib, name, counted)
    return calls


def test_a_catalog_page_comes_compressed_to_a_browser_that_accepts_gzip(product):
    plain = Client().get("/katalog/")
    assert "Content-Encoding" not in plain
    assert b"Keripik Tempe Bu Sari" in plain.content
    for _ in range(2):  # the page as rendered (a miss), then from the page cache (a hit)
        response = Client().get("/katalog/", **GZIP)
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) * 3 < len(plain.content)
        assert without_tokens(gzip.decompress(response.content)) == without_tokens(plain.content)


def test_without_accept_encoding_the_page_is_plain_and_says_it_varies(product):
    for expected in ("miss", "hit"):
        response = Client().get("/katalog/", HTTP_ACCEPT_ENCODING="identity")
        assert response["X-Page-Cache"] == expected
        assert "Content-Encoding" not in response
        assert "Accept-Encoding" in response["Vary"]
        assert b"Keripik Tempe Bu Sari" in response.content


def test_a_cached_hit_is_served_compressed_without_compressing_again(product, compressions):
    path = product.get_absolute_url()
    Client().get(path, **GZIP)  # stored: plain, and compressed once
    assert compressions
    compressions.clear()
    shopper = Client(enforce_csrf_checks=True)
    response = shopper.get(path, **GZIP)
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert compressions == []
    html = gzip.decompress(response.content)
    assert b"__etalase_csrf_token__" not in html
    # The token in the compressed page is the visitor's own and works.
    token = TOKEN.search(html).group(1).decode()
    added = shopper.post(
        "/keranjang/tambah/",
        {"csrfmiddlewaretoken": token, "product": product.pk, "quantity": 1},
    )
    assert added.status_code == 302
    assert Cart.objects.filter(items__product=product).exists()


def test_a_miss_is_compressed_by_the_page_cache_not_again_by_the_middleware(product):
    response = Client().get(product.get_absolute_url(), **GZIP)
    assert response["X-Page-Cache"] == "miss"
    html = gzip.decompress(response.content)
    # The tokens rendered into the page are the ones sent (each form's own mask).
    assert TOKEN.findall(html) and all(b"__etalase" not in t for t in TOKEN.findall(html))


def test_personal_pages_are_compressed_too_with_random_padding(product):
    member = Client()
    member.force_login(UserFactory())
    sizes = set()
    for _ in range(6):
        response = member.get("/katalog/", **GZIP)
        assert "X-Page-Cache" not in response
        assert response["Content-Encoding"] == "gzip"
        assert b'href="/masuk/"' not in gzip.decompress(response.content)  # signed in
        sizes.add(len(response.content))
    # Django's "Heal The Breach": 0-99 random bytes in the gzip header of each response.
    assert len(sizes) > 1


def test_a_shoppers_cart_count_is_put_into_the_compressed_cached_page(product):
    Client().get("/katalog/", **GZIP)
    shopper = Client()
    shopper.post("/keranjang/tambah/", {"product": product.pk, "quantity": 3})
    shopper.get("/keranjang/")  # shows the "added" message
    response = shopper.get("/katalog/", **GZIP)
    assert response["X-Page-Cache"] == "hit"
    html = gzip.decompress(response.content)  # the checksum and length hold
    assert b'<span class="badge-count">3</span>' in html
    assert b"__etalase" not in html


def test_cached_hits_carry_random_padding_too(product):
    Client().get("/katalog/", **GZIP)
    sizes = {len(Client().get("/katalog/", **GZIP).content) for _ in range(6)}
    assert len(sizes) > 1
