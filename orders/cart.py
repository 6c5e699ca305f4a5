"""Finding the shopper's cart: a long-lived signed cookie for anonymous shoppers, the user's
own cart once logged in (the two are merged at login)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core.cache.personal import (
    CART_SESSION_COUNT,
    cart_badge,
    cart_badge_placeholder,
    session_cart_count,
)
from core.cookies import CART_COOKIE

from .models import Cart, CartItem
from .services.cart import merge_carts

COOKIE = CART_COOKIE
COOKIE_AGE = 60 * 60 * 24 * 60  # 60 days
SALT = "etalase.cart"
SESSION_COUNT = CART_SESSION_COUNT


def _cookie_token(request):
    try:
        return request.get_signed_cookie(COOKIE, salt=SALT, default=None)
    except Exception:  # a tampered cookie is just no cookie
        return None


def get_cart(request, create: bool = False) -> Cart | None:
    if request.user.is_authenticated:
        cart = Cart.objects.filter(user=request.user).first()
        if cart is None and create:
            cart = Cart.objects.create(user=request.user)
        return cart
    token = _cookie_token(request)
    cart = Cart.objects.filter(token=token, user__isnull=True).first() if token else None
    if cart is None and create:
        cart = Cart.objects.create()
        request._new_cart_token = str(cart.token)
    return cart


def remember_cart(request, response):
    """Set the cookie for a cart created during this request."""
    token = getattr(request, "_new_cart_token", None)
    if token:
        response.set_signed_cookie(
            COOKIE,
            token,
            salt=SALT,
            max_age=COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def update_count(request, cart: Cart | None) -> int:
    """Keep the header's item count in the session, so pages need no query for it."""
    count = 0
    if cart is not None:
        count = sum(CartItem.objects.filter(cart=cart).values_list("quantity", flat=True))
    request.session[SESSION_COUNT] = count
    return count


@receiver(user_logged_in)
def merge_anonymous_cart(sender, request, user, **kwargs):
    if request is None:
        return
    token = _cookie_token(request)
    if not token:
        return
    anonymous = Cart.objects.filter(token=token, user__isnull=True).first()
    if anonymous is None:
        return
    own = Cart.objects.filter(user=user).first()
    if own is None:
        anonymous.user = user
        anonymous.save(update_fields=["user"])
        cart = anonymous
    else:
        cart = merge_carts(anonymous, own)
    update_count(request, cart)


def cart_count(request) -> dict:
    """Context processor: the header's cart count, from the session; on a page that may be
    shared through the page cache, a placeholder each visitor's own count replaces."""
    if getattr(request, "shared_page", False):
        return {"cart_badge": cart_badge_placeholder()}
    session = getattr(request, "session", None)
    return {"cart_badge": cart_badge(session_cart_count(session) if session is not None else 0)}
