"""Sign-in throttling for the vendor login (/masuk/) and the Wagtail admin login.

After ``MAX_FAILURES`` failed sign-ins for one username from one address within ``WINDOW``
seconds, that pair is refused, even with the right password, until the window that began
with the first failure has passed. A successful sign-in before that clears the count.

The counts live in the shared cache (CACHES["default"]), so every worker sees them. The
address is ``client_address``: the one place where every app learns who is asking.

While the shared cache is unreachable (website.cache_backends.DegradingRedisCache), the
throttle fails safe: each process counts in its own memory instead, so sign-ins keep working
for people with the right password and a guesser is still refused after ``MAX_FAILURES``
failures per process (rather than never). The backend logs the outage. Counts made during it
are not carried over to the shared cache when it is back."""

import hashlib
import ipaddress
import math
import time
from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.translation import ngettext

MAX_FAILURES = 5
WINDOW = 15 * 60

# Where this process counts while the shared cache is down.
_local_counts = LocMemCache("login-throttle", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def _counts():
    """The shared cache, or this process's own memory while the shared one is unreachable."""
    return cache if getattr(cache, "available", True) else _local_counts


def _parse_ip(entry: str):
    """An address from one hop of X-Forwarded-For ("203.0.113.7", "203.0.113.7:5100",
    "[2001:db8::7]:443"), IPv4-mapped IPv6 as IPv4; None when it is not an address."""
    value = entry.strip().strip('"')
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def client_address(request) -> str:
    """The address of the client who sent this request, for throttles and limits.

    Without trusted proxies (the default: settings.TRUSTED_PROXY_COUNT = 0 and
    TRUSTED_PROXIES empty) it is REMOTE_ADDR, and X-Forwarded-For is ignored: anyone can send
    one, and a guesser would send a new one with every attempt. Behind reverse proxies, the
    hops are read from the right (REMOTE_ADDR, then X-Forwarded-For from its end): the first
    TRUSTED_PROXY_COUNT hops, and any hop whose address is in TRUSTED_PROXIES, are our
    proxies; the first other hop is the client. Nothing left of it is used: a client can write
    anything there (our proxy appends the address it saw after it), so a forged header never
    changes the client's bucket."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if hops <= 0 and not networks:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    chain = [entry for entry in forwarded if entry.strip()] + [remote]
    address = remote
    for position, entry in enumerate(reversed(chain)):
        ip = _parse_ip(entry)
        if ip is None:  # not an address: nothing to the left of it can be believed
            break
        address = str(ip)
        if position >= hops and not any(ip in network for network in networks):
            break  # the first hop that is not one of our proxies: the client
    return address


def _keys(request, username: str) -> tuple[str, str]:
    address = client_address(request)
    who = f"{(username or '').strip().casefold()}\n{address}"
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"login-failures:{digest}", f"login-window:{digest}"


def seconds_locked(request, username: str) -> int:
    """How long this username is still refused from this address; 0 when it may try."""
    count_key, until_key = _keys(request, username)
    counts = _counts()
    if counts.get(count_key, 0) < MAX_FAILURES:
        return 0
    until = counts.get(until_key)
    return max(0, math.ceil(until - time.time())) if until else 0


def record_failure(request, username: str) -> None:
    count_key, until_key = _keys(request, username)
    counts = _counts()
    counts.add(until_key, time.time() + WINDOW, WINDOW)
    if counts.add(count_key, 1, WINDOW):
        return
    try:
        counts.incr(count_key)
    except ValueError:  # expired between add and incr
        counts.set(count_key, 1, WINDOW)


def clear(request, username: str) -> None:
    _counts().delete_many(_keys(request, username))


def locked_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many sign-in attempts. Try again in %(minutes)d minute.",
        "Too many sign-in attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledLoginMixin:
    """For an AuthenticationForm: refuse a locked username before its password is checked,
    count each failure, and clear the count on success."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        locked = seconds_locked(self.request, username)
        if locked:
            raise forms.ValidationError(locked_message(locked), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            record_failure(self.request, username)
            locked = seconds_locked(self.request, username)
            if locked:
                raise forms.ValidationError(locked_message(locked), code="throttled") from None
            raise
        if self.get_user() is not None:  # not on a post without a password
            clear(self.request, username)
        return cleaned
