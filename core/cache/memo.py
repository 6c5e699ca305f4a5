"""A process's own memory of values kept under keys that name their content generation.

Such a value never changes under its key (a change renews the generation, and so the key),
so a worker that has read it from the shared cache may keep it: a page of 24 product cards is
then 24 dictionary look-ups rather than 24 reads from the shared cache (each a file read,
decompressed and unpickled, or a network round trip to Redis). The memory holds the values
read last, up to MEMO_SIZE; nothing in it is ever stale, only absent."""

import threading
from collections import OrderedDict

from django.core.cache import cache

MEMO_SIZE = 4000  # about a product card each: a few MB per worker


class Memo:
    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, keys) -> dict:
        found = {}
        with self.lock:
            for key in keys:
                if key in self.items:
                    self.items.move_to_end(key)
                    found[key] = self.items[key]
        return found

    def set_many(self, values: dict) -> None:
        with self.lock:
            for key, value in values.items():
                self.items[key] = value
                self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def forget(self, key) -> None:
        with self.lock:
            self.items.pop(key, None)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


memo = Memo(MEMO_SIZE)


def get_many_of_generation(keys) -> dict:
    """cache.get_many() for keys that name their generation: from this process's memory
    when it has them, the rest from the shared cache (then remembered)."""
    found = memo.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        shared = cache.get_many(missing)
        memo.set_many(shared)
        found.update(shared)
    return found


def set_of_generation(key, value, timeout) -> None:
    """cache.set() for a key that names its generation, remembered by this process too."""
    cache.set(key, value, timeout)
    memo.set_many({key: value})
