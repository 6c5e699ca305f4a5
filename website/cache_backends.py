"""Cache backends for production."""

import logging
import random
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

from core.cache.keys import shared_cache_recovered


class FileCache(FileBasedCache):
    """Django's file-based cache, shared by every worker on the server, culled now and then
    instead of on every write: its cull lists the whole cache directory, which costs
    milliseconds per write once thousands of pages are cached."""

    cull_one_write_in = 500

    def _cull(self):
        if random.randrange(self.cull_one_write_in) == 0:  # noqa: S311 (not security)
            super()._cull()


# When the shared cache last failed, per server (shared by the threads of a process, which
# each have their own backend instance): while it is marked down, calls skip it at once.
_down_until: dict[str, float] = {}
logger = logging.getLogger("website.cache")


class DegradingRedisCache(RedisCache):
    """Django's Redis cache that degrades instead of failing when Redis cannot be reached.

    A connection error or timeout is logged (once per outage, not per call) and the call
    answers as an empty cache would: a read misses (returns its default), a write is dropped,
    ``incr`` answers ``delta`` (a count that starts again). Everything that uses the cache (the
    anonymous page cache, the catalog's facet counts and result ids, fragment caches, the
    throttles) therefore renders or counts uncached, and the site keeps answering 200.

    After a failure Redis is left alone for ``RETRY_AFTER`` seconds (an option, default 2):
    during an outage a request costs no connection attempts, and when Redis is back the
    first call after that pause uses it again, with no restart. ``available`` says whether
    the cache is currently believed reachable (core.throttle counts locally while not).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", 2))
        super().__init__(server, {**params, "OPTIONS": options})
        import redis

        self._outage_errors = (redis.ConnectionError, redis.TimeoutError)
        self._down_key = ",".join(self._servers)

    @property
    def available(self) -> bool:
        return time.monotonic() >= _down_until.get(self._down_key, 0.0)

    def _went_down(self, error) -> None:
        if self._down_key not in _down_until:
            logger.warning("The shared cache is unreachable (%s); serving without it.", error)
        _down_until[self._down_key] = time.monotonic() + self.retry_after

    def _guarded(self, name, fallback, *args):
        if not self.available:
            return fallback()
        if self._down_key in _down_until:  # the pause after a failure is over: try again
            try:
                self._cache.get_client(write=True).ping()
            except self._outage_errors as error:
                self._went_down(error)
                return fallback()
            # Threads of one worker (gthread) share the mark: the first to find the cache
            # back clears it and tells; another that pinged at the same moment goes on.
            if _down_until.pop(self._down_key, None) is not None:
                logger.warning("The shared cache is reachable again.")
                shared_cache_recovered.send(sender=type(self))
        try:
            return getattr(super(), name)(*args)
        except self._outage_errors as error:
            self._went_down(error)
            return fallback()

    def get(self, key, default=None, version=None):
        return self._guarded("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", lambda: False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        # As if the key had just been created at 0: a caller that counts (and does not
        # expect the key to be missing right after adding it) keeps working.
        return self._guarded("incr", lambda: delta, key, delta, version)

    def clear(self):
        return self._guarded("clear", lambda: False)
