"""The personal pieces of a shared page: what differs between two anonymous visitors of the
same cached page, put in on the way out (core.cache.pages).

The CSRF token is one (each visitor's own); the cart count in the header is the other. A
page rendered for the cache carries a placeholder where the count goes; each visitor gets
their own count, read from their session, in its place.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Where the header's cart count is kept, so pages need no query for it (orders.cart).
CART_SESSION_COUNT = "cart_count"
CART_PLACEHOLDER = b"__etalase_cart_badge__"


def cart_badge(count: int) -> SafeString:
    """The count beside "Cart" in the header: nothing for an empty cart."""
    if not count:
        return mark_safe("")
    return format_html(' <span class="badge-count">{}</span>', count)


def cart_badge_placeholder() -> SafeString:
    return mark_safe("__etalase_cart_badge__")  # CART_PLACEHOLDER, as text


def session_cart_count(session) -> int:
    try:
        return max(int(session.get(CART_SESSION_COUNT) or 0), 0)
    except (TypeError, ValueError):
        return 0
