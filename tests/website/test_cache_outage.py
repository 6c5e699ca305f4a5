"""A Redis outage degrades instead of failing (production's DegradingRedisCache against a real
redis-server that the tests stop, freeze and start again): pages render uncached and answer
200, the cart works, sign-ins stay throttled, and the cache is used again once Redis is back."""

import time

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import ProductFactory, UserFactory
from tests.servers import RedisServer, require_module
from website import cache_backends

pytestmark = pytest.mark.django_db

RETRY_AFTER = 0.2


@pytest.fixture(scope="module")
def redis_server():
    require_module("redis", "redis")
    server = RedisServer()
    server.start()
    yield server
    server.close()


@pytest.fixture
def redis_cache(redis_server, settings):
    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "website.cache_backends.DegradingRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {
                "RETRY_AFTER": RETRY_AFTER,
                "socket_connect_timeout": 0.3,
                "socket_timeout": 0.3,
            },
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    cache_backends._down_until.clear()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    cache_backends._down_until.clear()


def back_up(server):
    server.start()
    time.sleep(RETRY_AFTER * 2)


@pytest.fixture
def product():
    return ProductFactory(name="Keripik Tempe Bu Sari", price=25000)


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_pages_cart_and_add_to_cart_answer_while_redis_is_down_and_cache_when_back(
    redis_cache, product
):
    path = product.get_absolute_url()
    assert get(Client(), path)["X-Page-Cache"] == "miss"
    assert get(Client(), path)["X-Page-Cache"] == "hit"

    redis_cache.stop()
    for page in ("/", "/en/", "/katalog/", "/en/katalog/", "/katalog/?q=tempe", path, path):
        assert get(Client(), page).get("X-Page-Cache") != "hit"
    shopper = Client()
    added = shopper.post(
        "/en/keranjang/tambah/", {"product": product.pk, "quantity": "2"}, follow=True
    )
    assert added.status_code == 200
    assert "is in your cart (2 in total)" in added.content.decode()
    cart = get(shopper, "/en/keranjang/")
    assert "Keripik Tempe Bu Sari" in cart.content.decode()

    back_up(redis_cache)
    assert get(Client(), path)["X-Page-Cache"] == "miss"
    assert get(Client(), path)["X-Page-Cache"] == "hit"
    assert "Keripik Tempe Bu Sari" in get(shopper, "/en/keranjang/").content.decode()


def test_a_change_made_while_redis_is_down_shows_once_it_is_back(redis_cache, product):
    path = product.get_absolute_url()
    get(Client(), path)
    assert get(Client(), path)["X-Page-Cache"] == "hit"

    redis_cache.save()  # it comes back with its data, the cached page included
    redis_cache.stop()
    product.price = 27500
    product.save()  # its new content generation cannot be written
    assert "Rp\u00a027.500" in get(Client(), path).content.decode()

    back_up(redis_cache)
    page = get(Client(), path).content.decode()
    assert "Rp\u00a027.500" in page
    assert "Rp\u00a025.000" not in page


def test_sign_ins_stay_throttled_while_redis_is_down(redis_cache):
    user = UserFactory()
    redis_cache.stop()
    client = Client()
    for _ in range(5):
        response = client.post("/en/masuk/", {"username": user.username, "password": "salah"})
        assert response.status_code == 200
    refused = client.post("/en/masuk/", {"username": user.username, "password": "Rahasia-123"})
    assert refused.status_code == 200
    assert "Too many sign-in attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    other = UserFactory()
    signed_in = Client().post("/en/masuk/", {"username": other.username, "password": "Rahasia-123"})
    assert signed_in.status_code == 302


def test_healthz_says_unavailable_while_redis_is_down_and_ok_when_back(redis_cache):
    assert Client().get("/healthz").content == b"ok"
    redis_cache.stop()
    down = Client().get("/healthz")
    assert (down.status_code, down.content) == (503, b"unavailable")
    back_up(redis_cache)
    up = Client().get("/healthz")
    assert (up.status_code, up.content) == (200, b"ok")


def test_threads_finding_redis_back_at_the_same_moment_both_answer(redis_cache, monkeypatch):
    """Under gthread workers the threads of a process share the outage mark: when two find
    Redis back at once, the one that clears the mark second must still answer, not fail."""
    cache = caches["default"]
    cache_backends._down_until[cache._down_key] = 0.0  # an outage whose pause is over
    client_class = type(cache._cache.get_client(write=True))
    real_ping = client_class.ping

    def ping_while_another_thread_recovers(self, *args, **kwargs):
        cache_backends._down_until.pop(cache._down_key, None)  # the other thread was first
        return real_ping(self, *args, **kwargs)

    monkeypatch.setattr(client_class, "ping", ping_while_another_thread_recovers)
    cache.set("greeting", "halo")
    assert cache.get("greeting") == "halo"
    assert cache.available
