"""The whole-page cache for anonymous visitors: the views and pages that may be cached, and
the middleware that serves them (keyed on the content generation, see core.cache.keys)."""

import hashlib
import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_vary_headers

from .compress import accepts_gzip, assemble, compress_parts
from .keys import GENERATION_KEY, STOCK_KEY, generation, path_key, stock_free
from .personal import CART_PLACEHOLDER, cart_badge, session_cart_count

CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]*)"')
CSRF_PLACEHOLDER = b"__etalase_csrf_token__"
# A page is stored in parts around its personal pieces: each visitor's CSRF token, and the
# cart count in the header (core.cache.personal).
PERSONAL_PIECE = re.compile(b"(" + CSRF_PLACEHOLDER + b"|" + CART_PLACEHOLDER + b")")
# A page being rendered is marked for up to this long; requests for it meanwhile wait.
RENDERING = ":rendering"
RENDER_WAIT_SECONDS = 2
# Stored in place of a page at an address whose view is never shared.
UNSHARED = "unshared"
# Under this key (and the address) the key of the page last stored there, whatever its
# generation: while a renewed page is being rendered, others are served the one before it.
LATEST = "pagelast:"
# A message waiting to be shown (flashed after a form) makes the next page personal.
MESSAGE_COOKIE = CookieStorage.cookie_name
# A session with any of these is personal: signed in, or messages kept in the session (and
# the apps' own, settings.PAGE_CACHE_PERSONAL_SESSION_KEYS). An anonymous shopper's session
# (the cart count) is not: they get the shared page with their own count put in.
PERSONAL_SESSION_KEYS = (SESSION_KEY, "_messages")

logger = logging.getLogger(__name__)


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
    """Serves marked pages to anonymous visitors from the shared cache, shoppers with a cart
    included; only signed-in visitors (and a page showing a message) are rendered for
    themselves.

    It sits near the top of MIDDLEWARE (after SecurityMiddleware and WhiteNoise) and stores
    the *finished* response, with the headers the inner middleware added (CSP, frame
    denial, Content-Language); a hit skips all of them. The language comes from the path
    (`/en/…`), so the full path is the key. A page is stored with placeholders for its
    personal pieces: the CSRF token, replaced with the visitor's own (and the CSRF cookie
    set, exactly as CsrfViewMiddleware would), and the header's cart count, read from the
    visitor's session (one cache read with the cached_db session engine).
    Each page is stored plain and gzip-compressed once, in parts around those pieces
    (core.cache.compress): a visitor whose browser accepts gzip gets it without the page
    being compressed again; the compression middleware above leaves it as it is.
    Which pages may be cached is decided by the view (`cacheable_for_anonymous`, or the
    Wagtail page mixin below); the response decides whether it is fit to share.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request):
        count = self._shared_cart_count(request)
        if count is None:
            return self.get_response(request)
        # Rendered pages carry placeholders for the personal pieces (orders.cart's context
        # processor reads this), filled in below for this visitor.
        request.shared_page = True
        key, but_stock = self._keys(request)
        cached = cache.get(key)
        rendering = None
        state = "hit"
        if cached is None:
            # One visitor renders a page nobody has yet; others asking for it at the same
            # moment (after a change, or a deploy) are served the page it replaces, or wait
            # for it when there is none, rather than all rendering it too.
            if cache.add(key + RENDERING, 1, RENDER_WAIT_SECONDS):
                rendering = key + RENDERING
                # A listing renewed only because a product ran out or came back: even its
                # first visitor gets the listing before, and the new one is rendered after.
                cached = self._stale(request, key, but_stock)
                if cached is not None:
                    return self._from_cache(request, count, *cached, state="stale", then=key)
            else:
                cached, state = self._stale(request, key), "stale"
                if cached is None:
                    cached, state = self._rendered_meanwhile(key), "hit"
        if isinstance(cached, tuple):
            return self._from_cache(request, count, *cached, state=state)
        try:
            response = self.get_response(request)
        finally:
            if rendering:
                cache.delete(rendering)
        if rendering and not getattr(request, "page_cacheable", False):
            # Never shared (a cart, a checkout): later visitors need not wait on each other.
            cache.set(key, UNSHARED, page_cache_seconds())
        return self._shared(request, response, key, count)

    def _render_after(self, request, key):
        """Renders and stores the page at ``key`` (a listing served from before a product
        ran out, see __call__) once the visitor has been sent the one before it."""
        try:
            response = self.get_response(request)
            if not response.streaming and CART_PLACEHOLDER in response.content:
                self._store(request, response, key, self._parts(response))
        except Exception:  # the visitor has their page; the next one renders it again
            logger.exception("Rendering %s after sending the one before failed", request.path)
        finally:
            cache.delete(key + RENDERING)

    def _shared(self, request, response, key, count):
        """A page rendered with placeholders: stored (when fit to share) and sent with this
        visitor's own pieces."""
        if response.streaming or CART_PLACEHOLDER not in response.content:
            return response
        parts = self._parts(response)
        if self._store(request, response, key, parts):
            response["X-Page-Cache"] = "miss"
        # The count after the view (the cart page corrects it in the session).
        session = getattr(request, "session", None)
        badge = cart_badge(session_cart_count(session) if session is not None else count)
        tokens = iter(CSRF_VALUE.findall(response.content))
        pieces = [
            next(tokens) if kind == CSRF_PLACEHOLDER else badge.encode() for kind in parts[1::2]
        ]
        self._send(request, response, parts, pieces)
        return response

    @staticmethod
    def _parts(response) -> list[bytes]:
        """The page around its personal pieces, the CSRF token taken out."""
        return PERSONAL_PIECE.split(
            CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        )

    def _store(self, request, response, key, parts) -> bool:
        """Stores the page for everyone when it is fit to share; whether it was."""
        if not (getattr(request, "page_cacheable", False) and self._storable(request, response)):
            return False
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in ("set-cookie", "content-length", "x-page-cache")
        }
        page = (parts, headers, compress_parts(parts[::2]))
        latest = (key, self._but_stock(key))
        cache.set_many({key: page, self._latest_key(request): latest}, page_cache_seconds())
        return True

    def _stale(self, request, key, but_stock=None):
        """The page stored at this address before the one being rendered (a generation
        ago, or before this page's own version was renewed): shown for the moment the new
        one takes to render, a fraction of a second, so a change still shows to the visitor
        who renders it and to everyone after; None if there is none. With ``but_stock``,
        only a page that differs from this one in the stock token alone."""
        latest = cache.get(self._latest_key(request))
        if not isinstance(latest, tuple) or latest[0] == key:
            return None
        if but_stock is not None and latest[1] != but_stock:
            return None
        page = cache.get(latest[0])
        return page if isinstance(page, tuple) else None

    @staticmethod
    def _rendered_meanwhile(key):
        """The page another request is rendering, once it is stored; None if it stops
        rendering without storing one (a personal or failed page) or takes too long."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            cached = cache.get(key)
            if cached is not None or cache.get(key + RENDERING) is None:
                return cached
        return None

    def _from_cache(self, request, count, parts, headers, compressed, state="hit", then=None):
        """The stored page with this visitor's pieces; ``then``: the key of a page to render
        and store once this one is sent."""
        response = HttpResponse() if then is None else RenderAfterResponse(self, request, then)
        for name, value in headers.items():
            response[name] = value
        kinds = parts[1::2]
        token = b""
        if CSRF_PLACEHOLDER in kinds:
            self.csrf.process_request(request)
            token = get_token(request).encode()
            self.csrf.process_response(request, response)
        badge = cart_badge(count).encode()
        pieces = [token if kind == CSRF_PLACEHOLDER else badge for kind in kinds]
        response["X-Page-Cache"] = state
        self._send(request, response, parts, pieces, compressed)
        return response

    @staticmethod
    def _send(request, response, parts, pieces, compressed=None):
        """The page with this visitor's pieces between its parts; gzip-compressed from the
        stored compressed parts for a client that accepts gzip."""
        plain = [parts[0]]
        for piece, part in zip(pieces, parts[2::2], strict=True):
            plain += [piece, part]
        response.content = b"".join(plain)
        patch_vary_headers(response, ("Accept-Encoding",))
        if accepts_gzip(request):
            compressed = compressed or compress_parts(parts[::2])
            response.content = assemble(compressed, response.content, pieces)
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))

    def _shared_cart_count(self, request) -> int | None:
        """The cart count to put into a shared page for this visitor, or None when they get
        a page of their own: not a GET, the page cache off, a message waiting, signed in."""
        if (
            request.method != "GET"
            or page_cache_seconds() <= 0
            or request.COOKIES.get(MESSAGE_COOKIE)
        ):
            return None
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not session_key:
            return 0
        session = self.session_store(session_key)
        personal = (*PERSONAL_SESSION_KEYS, *settings.PAGE_CACHE_PERSONAL_SESSION_KEYS)
        if any(name in session for name in personal):
            return None
        return session_cart_count(session)

    @staticmethod
    def _address(request) -> str:
        full_path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return f"{request.get_host()}:{full_path}"

    @classmethod
    def _keys(cls, request) -> tuple[str, str]:
        """The page's key, and what it was rendered for but the stock token (_but_stock)."""
        page_version = path_key(request.path)
        found = cache.get_many([GENERATION_KEY, STOCK_KEY, page_version])
        key = f"pagep:{generation(found)}:{found.get(page_version, 0)}:{cls._address(request)}"
        return key, cls._but_stock(key)

    @classmethod
    def _key(cls, request) -> str:
        return cls._keys(request)[0]

    @staticmethod
    def _but_stock(key: str) -> str:
        """A key's generation without its stock token, and its page version."""
        _prefix, current, version, _address = key.split(":", 3)
        return f"{stock_free(current)}:{version}"

    @classmethod
    def _latest_key(cls, request) -> str:
        return LATEST + cls._address(request)

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


# This process's thread for pages rendered after the one before was sent: (pid, executor).
_renderer: tuple[int, ThreadPoolExecutor] | None = None


def _render_thread() -> ThreadPoolExecutor:
    """One thread per process (made in the process itself: threads do not survive a fork)."""
    global _renderer  # noqa: PLW0603 (one per process)
    if _renderer is None or _renderer[0] != os.getpid():
        _renderer = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="page-render"))
    return _renderer[1]


def _render_in_background(middleware, request, key):
    try:
        middleware._render_after(request, key)
    finally:
        # Renders are rare (a sell-out): the thread keeps no connection between them, which
        # would be one more per worker in PostgreSQL's count.
        connection.close()


def wait_for_renders(timeout: float = 10) -> None:
    """Until every page this process was asked to render after sending is stored (tests)."""
    _render_thread().submit(lambda: None).result(timeout)


class RenderAfterResponse(HttpResponse):
    """A stored page standing in for one being renewed: once it is sent (the server closes
    it), the new page is rendered and stored by this process's render thread. Not by the
    request's own thread: the visitor's browser would wait for it on its next request over
    the same connection (a gthread worker reads it only when this one is finished). Inside
    a transaction (a test's) it is rendered here, where the transaction's writes show."""

    def __init__(self, middleware, request, key):
        super().__init__()
        self.renew = (middleware, request, key)

    def close(self):
        try:
            if connection.in_atomic_block:  # another thread could not see this one's writes
                self.renew[0]._render_after(*self.renew[1:])
            else:
                _render_thread().submit(_render_in_background, *self.renew)
        finally:
            super().close()


class CacheableForAnonymousPage:
    """Mixin for Wagtail page classes that look the same to every anonymous visitor.
    (Pages with a view restriction never reach serve() for a stranger, so never get cached.)"""

    def serve(self, request, *args, **kwargs):
        request.page_cacheable = True
        return super().serve(request, *args, **kwargs)
