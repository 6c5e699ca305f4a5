"""A shared value that many ask for at once (after a change) is computed once."""

import threading
import time

import pytest
from django.core.cache import cache

from core.cache import get_or_compute


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


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
