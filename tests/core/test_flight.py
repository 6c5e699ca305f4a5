"""A shared value that many ask for at once (after a change) is computed once."""

import threading
import time

import pytest
from django.core.cache import cache

from core.cache import get_or_compute
from core.cache.memo import memo


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    memo.clear()
    yield
    cache.clear()
    memo.clear()


def ask_at_once(compute, callers=5) -> list:
    results = []

    def ask():
        try:
            results.append(get_or_compute("facet-rows:test", compute, 60))
        except RuntimeError as error:
            results.append(str(error))

    threads = [threading.Thread(target=ask) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_callers_asking_at_once_wait_for_the_one_that_computes():
    calls = []

    def count():
        calls.append(1)
        time.sleep(0.2)
        return [("category", "kecamatan", 3)]

    assert ask_at_once(count) == [[("category", "kecamatan", 3)]] * 5
    assert len(calls) == 1
    assert cache.get("facet-rows:test") == [("category", "kecamatan", 3)]


def test_when_the_computing_caller_fails_the_others_compute_it_without_waiting_out():
    calls = []

    def count():
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.1)
            raise RuntimeError("database went away")
        return 7

    started = time.monotonic()
    results = ask_at_once(count, callers=3)
    assert sorted(map(str, results)) == ["7", "7", "database went away"]
    assert time.monotonic() - started < 1  # not the full wait


def test_a_value_read_once_is_then_read_from_the_process_memory():
    """Under a key naming its generation a value never changes: a worker keeps it."""
    assert get_or_compute("facet-rows:test", lambda: 7, 60) == 7
    cache.delete("facet-rows:test")  # gone from the shared cache (evicted, say)
    assert get_or_compute("facet-rows:test", lambda: 8, 60) == 7


@pytest.mark.django_db
def test_a_card_remembered_by_a_worker_is_not_shown_after_its_product_changes(settings):
    """Cards are remembered per process under their generation's key: a change to the
    product (a new generation) shows on the next page all the same."""
    from django.test import Client

    from tests.factories import ProductFactory

    settings.PAGE_CACHE_SECONDS = 0
    product = ProductFactory(name="Dodol Betawi", price=25000)
    assert "Rp\u00a025.000" in Client().get("/katalog/").content.decode()
    assert "Rp\u00a025.000" in Client().get("/katalog/").content.decode()  # remembered
    product.price = 31000
    product.save()
    page = Client().get("/katalog/").content.decode()
    assert "Rp\u00a031.000" in page
    assert "Rp\u00a025.000" not in page
