"""The cache behind the templates' {% cache %} fragments (CACHES["template_fragments"]).

Every fragment's key names the content generation (each {% cache %} varies on
`catalog_generation`; tests/core/test_fragment_keys.py checks every template), so what is
stored under a key never changes: a worker keeps the fragments it has read or rendered in
its own memory (core.cache.memo) and reads the shared cache only for the others. Writes go
to the shared cache too, under the same keys, so what one worker renders serves them all,
and code that reads fragments directly from the shared cache (catalog.queries.cached_cards)
finds them there."""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

from .memo import Memo

_MISSING = object()


class GenerationFragmentCache(BaseCache):
    """OPTIONS: MEMO_SIZE, how many fragments a worker keeps (the oldest read go first);
    SHARED, the alias of the shared cache (default: "default")."""

    def __init__(self, location, params):
        options = params.get("OPTIONS", {})
        super().__init__(params)
        self.memo = Memo(int(options.get("MEMO_SIZE", 1000)))
        self.shared_alias = options.get("SHARED", "default")

    @property
    def shared(self):
        return caches[self.shared_alias]

    def get(self, key, default=None, version=None):
        found = self.memo.get_many([(key, version)])
        if found:
            return found[(key, version)]
        value = self.shared.get(key, _MISSING, version=version)
        if value is _MISSING:
            return default
        self.memo.set_many({(key, version): value})
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        self.memo.set_many({(key, version): value})

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.add(key, value, timeout, version=version)

    def delete(self, key, version=None):
        self.memo.forget((key, version))
        return self.shared.delete(key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version=version)

    def clear(self):
        """This worker's memory only: the shared cache is cleared through its own alias."""
        self.memo.clear()
