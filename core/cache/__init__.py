"""The page cache: what the public sees is cached under a content generation that any public
change renews (keys), and whole pages are served to anonymous visitors from it (pages)."""

from .flight import get_or_compute
from .keys import (
    availability_changed,
    content_changed,
    content_generation,
    content_renewed,
    generation,
    generation_context,
    paths_changed,
    shared_cache_recovered,
)
from .memo import get_many_of_generation, set_of_generation
from .pages import AnonymousPageCacheMiddleware, CacheableForAnonymousPage, cacheable_for_anonymous

__all__ = [
    "AnonymousPageCacheMiddleware",
    "CacheableForAnonymousPage",
    "cacheable_for_anonymous",
    "content_changed",
    "content_generation",
    "content_renewed",
    "generation",
    "get_many_of_generation",
    "get_or_compute",
    "generation_context",
    "paths_changed",
    "set_of_generation",
    "shared_cache_recovered",
    "availability_changed",
]
