"""Caching for anonymous visitors, and the one switch that invalidates it.

Everything cached for the public (whole pages, product cards, catalog facet counts) is keyed
on a *content generation*: a random token that any change to what the public sees replaces
(a product, its photos, prices or stock; a vendor or its certificates; a location's shelf; a
Wagtail page). A change therefore shows at once, on every page, in every worker. The token
also carries the date in Jakarta, because halal badges lapse by date with nothing saved.

Only the shared cache (CACHES["default"]) holds the token, so every gunicorn worker sees the
same one: production uses a file-based or Redis cache, never a per-process one.
"""

import hashlib
import re
import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

GENERATION_KEY = "etalase:generation"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__etalase_csrf_token__"
# A visitor with any of these cookies may see something personal (a cart count, a message,
# a signed-in header): they always get a freshly rendered page.
PERSONAL_COOKIES = (
    settings.SESSION_COOKIE_NAME,
    "keranjang",
    "messages",
)
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(6), None)
        token = cache.get(GENERATION_KEY) or "0"
    return f"{token}-{timezone.localdate():%Y%m%d}"


def _bump(**kwargs):
    cache.set(GENERATION_KEY, secrets.token_hex(6), None)


def content_changed(**kwargs):
    """Signal receiver (and plain call) for any change the public can see. Bumps now (so the
    rest of this transaction sees fresh pages) and again after the commit: a request that
    read the old rows between the two cannot leave them cached under the newest generation,
    because it took its key before reading."""
    _bump()
    transaction.on_commit(_bump)


def generation_context(request) -> dict:
    """Context processor: `catalog_generation` for template fragment cache keys."""
    return {"catalog_generation": SimpleLazyObject(generation)}


def cacheable_for_anonymous(view):
    """Mark a GET view whose page is the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.page_cacheable = True
        return view(request, *args, **kwargs)

    wrapper.page_cache_candidate = True
    return wrapper


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


class AnonymousPageCacheMiddleware:
    """Serves marked pages to anonymous visitors from the shared cache.

    It sits last in MIDDLEWARE, so security headers, CSP and the CSRF cookie are still added
    by the middleware around it on every response, cached or not. The CSRF token in a cached
    page is replaced with the visitor's own on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key and getattr(request, "page_cacheable", False) and self._storable(request, response):
            content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
            cache.set(key, (content, headers), page_cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._candidate(request, view_func):
            return None
        request.page_cache_key = self._key(request)
        cached = cache.get(request.page_cache_key)
        if cached is None:
            return None
        content, headers = cached
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for header, value in headers.items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        request.page_cache_key = None  # served: nothing to store
        return response

    @staticmethod
    def _candidate(request, view_func) -> bool:
        if request.method != "GET" or not page_cache_seconds():
            return False
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return False
        match = request.resolver_match
        return getattr(view_func, "page_cache_candidate", False) or (
            match is not None and match.url_name == "wagtail_serve"
        )

    @staticmethod
    def _key(request) -> str:
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return f"page:{generation()}:{get_language()}:{request.get_host()}:{path}"

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and not (session is not None and session.modified)
            and not (user is not None and user.is_authenticated)
        )


class CacheableForAnonymousPage:
    """Mixin for Wagtail page classes that look the same to every anonymous visitor.
    (Pages with a view restriction never reach serve() for a stranger, so never get cached.)"""

    def serve(self, request, *args, **kwargs):
        request.page_cacheable = True
        return super().serve(request, *args, **kwargs)
