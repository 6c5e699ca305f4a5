"""Cache backends for production."""

import random

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    """Django's file-based cache, shared by every worker on the server, culled now and then
    instead of on every write: its cull lists the whole cache directory, which costs
    milliseconds per write once thousands of pages are cached."""

    cull_one_write_in = 500

    def _cull(self):
        if random.randrange(self.cull_one_write_in) == 0:  # noqa: S311 (not security)
            super()._cull()
