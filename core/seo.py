"""What search engines are told about our pages: which paths stay out (robots.txt), and each
public page's canonical address.

Canonical addresses. A page's canonical link is its own address in its own language (``/…``
or ``/en/…``) on the requesting host, keeping only the query parameters that change what the
page lists: the page number (dropped when it is 1) and the filters of the catalog, the
business directory, the outlet pages and the site search, sorted so that one listing has one
address. Everything else is dropped: tracking parameters (utm_*, fbclid, gclid…), the sort
order (``urut``: the same products in another order; the default order is the canonical one)
and anything unknown. Paginated and filtered listings are ``noindex, follow`` in their
templates; they still point to themselves (never to page 1, which lists other products), as
search engines advise. Private pages (the robots.txt ``Disallow`` paths: private tokens,
dashboards, carts, orders) carry ``noindex`` and get no canonical link.
"""

import re
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

# Paths crawlers are asked to stay out of, without the language prefix.
PRIVATE_PREFIXES = ("/admin/", "/keranjang/", "/checkout/", "/pesanan/", "/dasbor/")
# /kemitraan/ itself is the public request form; everything under it is private: a request's
# token page, its contracts and invoices (/kemitraan/kontrak/…), the buyers' area
# (/kemitraan/pembeli/…) and its magic-link form (/kemitraan/masuk/).
PARTNERSHIP_FORM = "/kemitraan/"

# Query parameters that change the content of a listing (catalog and directory filters, the
# outlet's category, the site search, the page number).
CANONICAL_PARAMETERS = frozenset(
    {
        "page",
        "q",
        "kategori",
        "kecamatan",
        "umkm",
        "koperasi",
        "harga_min",
        "harga_max",
        "halal",
        "nib",
        "rppkum",
        "bandara",
        "ambil_bandara",
        "stok",
        "jenis",
        "bidang",
        "klasifikasi",
        "kdkmp",
        "rat",
    }
)
# Parameters that are deliberately not part of a canonical address.
NON_CANONICAL_PARAMETERS = frozenset({"urut"})

_OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
_LANGUAGE_PREFIX = re.compile("^/({})(/|$)".format("|".join(map(re.escape, _OTHER_LANGUAGES))))


def unprefixed(path: str) -> str:
    """``/en/katalog/`` → ``/katalog/``."""
    match = _LANGUAGE_PREFIX.match(path)
    return "/" + path[match.end() :] if match else path


def is_private(path: str) -> bool:
    bare = unprefixed(path)
    if bare.startswith(PARTNERSHIP_FORM) and bare != PARTNERSHIP_FORM:
        return True
    return bare.startswith(PRIVATE_PREFIXES)


def robots_lines() -> list[str]:
    """robots.txt rules per RFC 9309: the longest matching rule wins and an Allow wins a tie,
    so ``Allow: /kemitraan/$`` (the form, exactly) beats ``Disallow: /kemitraan/`` (every
    private page under it, today's and tomorrow's). A simple first-match parser that ignores
    ``$`` errs on the safe side (it keeps the form out too, as before)."""
    languages = ["", *(f"/{code}" for code in _OTHER_LANGUAGES)]
    lines = ["User-agent: *"]
    for prefix in languages:
        lines.append(f"Allow: {prefix}{PARTNERSHIP_FORM}$")
    for prefix in languages:
        for private in (*PRIVATE_PREFIXES, PARTNERSHIP_FORM):
            lines.append(f"Disallow: {prefix}{private}")
    return lines


def canonical_query(pairs) -> str:
    """Of (key, value) pairs, the canonical query string: the content parameters only, sorted,
    without empty values or ``page=1``."""
    kept = sorted(
        (key, value)
        for key, value in pairs
        if key in CANONICAL_PARAMETERS
        and value.strip()
        and not (key == "page" and value.strip() == "1")
    )
    return urlencode(kept)


def canonical_path(url: str) -> str:
    """A site path with its query reduced to the canonical parameters (hreflang links)."""
    path, _, query = url.partition("?")
    query = canonical_query(parse_qsl(query, keep_blank_values=True))
    return f"{path}?{query}" if query else path


def canonical_url(request) -> str:
    """The canonical address of the page answering ``request``; "" for a private page."""
    if is_private(request.path):
        return ""
    pairs = ((key, value) for key, values in request.GET.lists() for value in values)
    query = canonical_query(pairs)
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"{url}?{query}" if query else url
