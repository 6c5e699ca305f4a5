"""Caching for anonymous visitors, and the one switch that invalidates it.

Everything cached for the public (whole pages, product cards, catalog facet counts) is keyed
on a *content generation*: a random token that any change to what the public sees replaces
(a product, its photos, prices or stock; a vendor or its certificates; a location's shelf; a
Wagtail page). A change therefore shows at once, on every page, in every worker. The token
also carries the date in Jakarta, because halal badges lapse by date with nothing saved.

A change that shows on one product's own pages only (its stock) renews just those paths'
version instead (`paths_changed`). A product running out (or coming back) changes listings
everywhere, but only in stock: it renews the generation's *stock* token and the product's own
pages (`availability_changed`). The page cache may then serve a listing's first visitor the
listing from before, while it renders the new one right after (core.cache.pages): in a rush
of orders, shoppers are not all kept waiting on listings re-rendered after each sell-out. The
product's own pages, and checkout, always show the stock as it is.

Only the shared cache (CACHES["default"]) holds the token, so every gunicorn worker sees the
same one: production uses a file-based or Redis cache, never a per-process one. A request
reads it once (OneGenerationMiddleware) and keys all it caches on that generation, unless it
makes a change itself.
"""

import hashlib
import secrets
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal, receiver
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

GENERATION_KEY = "etalase:generation"
STOCK_KEY = "etalase:stock"
# Sent when a process reaches the shared cache again after an outage (by the cache backend,
# website.cache_backends): what it wrote during the outage (a new content generation) was
# lost, so it is renewed (below).
shared_cache_recovered = Signal()

# Sent once a public change is committed and its new generation is in place, with that
# ``generation``: what the next visitors will need for it (the catalog's facet groups) can be
# prepared in the background before they ask.
content_renewed = Signal()


def _token(tokens, key) -> str:
    token = tokens.get(key)
    if token is None:  # never set, or lost: a new one (an old one could serve old pages)
        cache.add(key, secrets.token_hex(6), None)
        token = cache.get(key) or "0"
    return token


# The generation this request has read (OneGenerationMiddleware); None outside a request.
_read_in_request: ContextVar[dict | None] = ContextVar("generation_read", default=None)


def generation(tokens=None) -> str:
    """The content generation: ``content.stock-date``. ``tokens``: the two tokens as read
    with cache.get_many([GENERATION_KEY, STOCK_KEY, …]) by a caller that reads more."""
    read = _read_in_request.get()
    if tokens is None and read:
        return read["generation"]
    tokens = cache.get_many([GENERATION_KEY, STOCK_KEY]) if tokens is None else tokens
    content, stock = _token(tokens, GENERATION_KEY), _token(tokens, STOCK_KEY)
    current = f"{content}.{stock}-{timezone.localdate():%Y%m%d}"
    if read is not None:
        read["generation"] = current
    return current


def _renew_tokens(keys) -> None:
    """New random tokens under these keys; what this request reads or caches next is of the
    new generation, not the one it read first."""
    cache.set_many({key: secrets.token_hex(6) for key in keys}, None)
    read = _read_in_request.get()
    if read is not None:
        read.clear()


class OneGenerationMiddleware:
    """A request reads the generation from the shared cache once, not at each thing it looks
    up (a Wagtail page's route, its translations, its fragments: six reads of a file each,
    and each read lets the worker's other threads take the CPU until it gets it back).
    Everything the request caches is keyed on the generation it read before reading the
    rows, as when each key read it afresh. A change the request makes renews the tokens and
    it reads them again (_renew_tokens)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _read_in_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_in_request.reset(reset)


def content_generation() -> str:
    """The generation but for its stock token (stock_free): renewed by any change to what
    the public sees except a product running out or coming back. For what no stock shows
    in (a search's matches grouped by everything but stock, say)."""
    return stock_free(generation())


def stock_free(generation_: str) -> str:
    """What a generation is but for its stock token: two generations that agree on this
    differ only in which products are in stock."""
    content, _stock_and_date = generation_.split(".", 1)
    return f"{content}-{generation_.rsplit('-', 1)[1]}"


def path_key(path: str) -> str:
    return "pagever:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def _now_and_after_commit(renew, then=None) -> None:
    """Renew now (so the rest of this transaction sees fresh pages) and again after the
    commit: a request that read the old rows between the two cannot leave them cached under
    the newest version, because it took its key before reading. ``then`` runs after the
    second renewal."""
    renew()

    def after_commit():
        renew()
        if then is not None:
            then()

    transaction.on_commit(after_commit)


def paths_changed(paths) -> None:
    """A change that shows only on these pages (a product's stock on its own page): their
    cached copies are replaced, the rest of the site stays cached."""
    _now_and_after_commit(
        lambda: cache.set_many({path_key(path): secrets.token_hex(6) for path in paths}, None)
    )


def availability_changed(paths) -> None:
    """Products ran out or came back: every listing may change (their out-of-stock badge,
    the in-stock facet), and these, their own pages, change outright."""
    keys = [STOCK_KEY, *(path_key(path) for path in paths)]
    _now_and_after_commit(
        lambda: _renew_tokens(keys),
        then=lambda: content_renewed.send(sender=None, generation=generation()),
    )


def content_changed(**kwargs):
    """Signal receiver (and plain call) for any change the public can see."""
    _now_and_after_commit(
        lambda: _renew_tokens([GENERATION_KEY]),
        then=lambda: content_renewed.send(sender=None, generation=generation()),
    )


def code_changed(**kwargs) -> None:
    """Receiver for post_migrate (every deploy runs migrate): new templates and code may
    render any page differently, so nothing cached before the deploy is served again. What
    the new generation's visitors will need is then prepared, as after any change."""
    _renew_tokens([GENERATION_KEY])
    content_renewed.send(sender=None, generation=generation())


@receiver(shared_cache_recovered)
def _renew_after_outage(**kwargs):
    """A change made while the shared cache was unreachable could not renew the generation:
    renew it now, so no page cached before the outage is served again."""
    _renew_tokens([GENERATION_KEY])


def generation_context(request) -> dict:
    """Context processor for template fragment cache keys: `catalog_generation`, and
    `listing_key`, the address's GET parameters (for a listing kept per address). A Wagtail
    preview shows what is not published: its fragments are its own, never found again."""
    if getattr(request, "is_preview", False):
        current = f"preview-{secrets.token_hex(8)}"
    else:
        current = SimpleLazyObject(generation)
    return {"catalog_generation": current, "listing_key": request.GET.urlencode()}
