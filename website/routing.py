"""Wagtail's page routing, kept per content generation.

For every request Wagtail finds the site (one query), the root page in the active language
(two), each page along the path (one per level), and then the view restrictions of the page
and its ancestors (two): five to seven queries and a few milliseconds before the page's own
work starts, the same for every visitor. What they find is kept here per content generation,
host, port, language and path; any page publish, unpublish, move or save, a site change and a
privacy change (website/apps.py's PUBLIC_MODELS) start a new generation, so the next request
routes afresh. Paths that route nowhere (404s) are not kept.

Wagtail's own serve view then runs as always, given the route and the site it would have
found (Wagtail keeps both on the request: ``_wagtail_route_for_request`` and
``_wagtail_site``), so its hooks (privacy, then the page's serve) work unchanged; the
restrictions are checked against each request (its session, its user) as before.

A worker keeps the routes it has read (core.cache.memo), pickled: each request gets its own
copy of the page, as it did from the shared cache, without reading a file for it.
"""

import hashlib
import pickle

from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core.cache import generation, get_many_of_generation, set_of_generation

ROUTE_SECONDS = 3600


def route_key(request, path: str) -> str:
    host = split_domain_port(request._get_raw_host())[0]
    where = f"{host}:{request.get_port()}:{get_language()}:{path}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    # A pickle (below), under its own prefix: a server of the release before, still running
    # during a deploy, keeps the route itself under "route:".
    return f"route-pickled:{generation()}:{digest}"


def _route(request, path: str):
    """(site, (page, args, kwargs), view restrictions) for this request, or None."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page = result[0]
    return Site.find_for_request(request), result, list(page.get_view_restrictions())


def _restrictions(found):
    return lambda: found


def serve(request, path):
    key = route_key(request, path)
    kept = get_many_of_generation([key]).get(key)
    routed = pickle.loads(kept) if kept is not None else None  # noqa: S301 (our own cache)
    if routed is None:
        routed = _route(request, path)
        if routed is not None:
            set_of_generation(key, pickle.dumps(routed), ROUTE_SECONDS)
    if routed is not None:
        site, result, restrictions = routed
        request._wagtail_site = site
        request._wagtail_route_for_request = result
        # Read once with the route (a list: iterated and tested, as Wagtail's privacy
        # hook does with the queryset it would have run).
        result[0].get_view_restrictions = _restrictions(restrictions)
    return wagtail_views.serve(request, path)
