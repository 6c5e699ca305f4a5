"""The one rate counter: counts within a window that starts with the first count, in the
cache it is given (the shared one by default)."""

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from core import throttle


def test_a_counter_counts_from_nothing():
    cache.delete("test-counter")
    assert throttle.count("test-counter") == 0
    for _ in range(3):
        throttle.add_one("test-counter", 60)
    assert throttle.count("test-counter") == 3


def test_a_counter_starts_again_when_its_window_is_gone_between_add_and_incr():
    class Expiring(LocMemCache):
        def add(self, *args, **kwargs):
            return False  # the key was there a moment ago ...

        def incr(self, *args, **kwargs):
            raise ValueError  # ... and is gone now

    counts = Expiring("test-expiring", {})
    throttle.add_one("test-counter", 60, counts)
    assert throttle.count("test-counter", counts) == 1


def test_counts_go_to_this_process_while_the_shared_cache_is_down(monkeypatch):
    monkeypatch.setattr(cache, "available", False, raising=False)
    assert throttle.local_when_down() is not cache
