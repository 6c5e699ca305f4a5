"""A shared value computed once when many ask for it at the same moment (after a change, a
deploy or an emptied cache): one caller, in any worker, computes it; the others wait for it.
For values under keys that name their content generation (they never change under their key),
each process also remembers them (core.cache.memo)."""

import time

from django.core.cache import cache

from .memo import memo

WAIT_SECONDS = 2
COMPUTING = ":computing"


def get_or_compute(key: str, compute, timeout: int):
    """As cache.get_or_set(key, compute, timeout), except that while one caller computes
    the value the others wait for it (polling the cache) instead of computing it too; a
    caller that waited WAIT_SECONDS in vain computes it itself. ``key`` must name the
    content generation the value belongs to."""
    value = memo.get_many([key]).get(key)
    if value is None:
        value = _shared(key, compute, timeout)
        memo.set_many({key: value})
    return value


def _shared(key: str, compute, timeout: int):
    value = cache.get(key)
    if value is not None:
        return value
    if cache.add(key + COMPUTING, 1, WAIT_SECONDS):
        try:
            value = compute()
            cache.set(key, value, timeout)
            return value
        finally:
            cache.delete(key + COMPUTING)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.01)
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(key + COMPUTING) is None:  # given up (an error): compute it here
            break
    return cache.get_or_set(key, compute, timeout)
