"""The whole-page cache for anonymous visitors: the views and pages that may be cached, and
the middleware that serves them (keyed on the content generation, see core.cache.keys)."""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_vary_headers

from core.cookies import CART_COOKIE

from .compress import accepts_gzip, assemble, compress_parts
from .keys import GENERATION_KEY, generation, path_key

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]*)"')
CSRF_PLACEHOLDER = b"__etalase_csrf_token__"
# A visitor with any of these cookies may see something personal (a cart count, a message,
# a signed-in header): they always get a freshly rendered page.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CART_COOKIE, CookieStorage.cookie_name)


def cacheable_for_anonymous(view):
    """Mark a GET view whose page is the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.page_cacheable = True
        return view(request, *args, **kwargs)

    return wrapper


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


class AnonymousPageCacheMiddleware:
    """Serves marked pages to anonymous visitors from the shared cache.

    It sits near the top of MIDDLEWARE (after SecurityMiddleware and WhiteNoise) and stores
    the *finished* response, with the headers the inner middleware added (CSP, frame
    denial, Content-Language); a hit skips all of them. The language comes from the path
    (`/en/…`), so the full path is the key. The CSRF token in a cached page is replaced with
    the visitor's own, and the CSRF cookie set, exactly as CsrfViewMiddleware would.
    Each page is stored plain and gzip-compressed once, in parts around the token
    (core.cache.compress): a visitor whose browser accepts gzip gets it without the page
    being compressed again; the compression middleware above leaves it as it is.
    Which pages may be cached is decided by the view (`cacheable_for_anonymous`, or the
    Wagtail page mixin below); the response decides whether it is fit to share.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not self._candidate(request):
            return self.get_response(request)
        key = self._key(request)
        cached = cache.get(key)
        if cached is not None:
            return self._from_cache(request, *cached)
        response = self.get_response(request)
        if getattr(request, "page_cacheable", False) and self._storable(request, response):
            content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            headers = {
                name: value
                for name, value in response.headers.items()
                if name.lower() not in ("set-cookie", "content-length", "x-page-cache")
            }
            compressed = compress_parts(content.split(CSRF_PLACEHOLDER))
            cache.set(key, (content, headers, compressed), page_cache_seconds())
            response["X-Page-Cache"] = "miss"
            tokens = CSRF_VALUE.findall(response.content)
            self._encode(request, response, compressed, response.content, tokens)
        return response

    def _from_cache(self, request, content, headers, compressed):
        response = HttpResponse()
        for name, value in headers.items():
            response[name] = value
        tokens = []
        if CSRF_PLACEHOLDER in content:
            self.csrf.process_request(request)
            token = get_token(request).encode()
            tokens = [token] * content.count(CSRF_PLACEHOLDER)
            content = content.replace(CSRF_PLACEHOLDER, token)
            self.csrf.process_response(request, response)
        response.content = content
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        self._encode(request, response, compressed, content, tokens)
        return response

    @staticmethod
    def _encode(request, response, compressed, plain, tokens):
        """The stored gzip parts put together around the page's tokens, for a client that
        accepts gzip."""
        patch_vary_headers(response, ("Accept-Encoding",))
        if accepts_gzip(request):
            response.content = assemble(compressed, plain, tokens)
            response["Content-Length"] = str(len(response.content))
            response["Content-Encoding"] = "gzip"

    @staticmethod
    def _candidate(request) -> bool:
        return (
            request.method == "GET"
            and page_cache_seconds() > 0
            and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        )

    @staticmethod
    def _key(request) -> str:
        page_version = path_key(request.path)
        versions = cache.get_many([GENERATION_KEY, page_version])
        full_path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return (
            f"pagez:{generation(versions.get(GENERATION_KEY))}:{versions.get(page_version, 0)}:"
            f"{request.get_host()}:{full_path}"
        )

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
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
