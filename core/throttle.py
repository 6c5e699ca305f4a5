"""Rate counters in the shared cache (CACHES["default"]), so every worker sees the same
counts, and ``client_address``: the one place where every app learns who is asking.

While the shared cache is unreachable (website.cache_backends.DegradingRedisCache), a counter
that must fail safe counts in this process's own memory instead (``local_when_down``)."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

# Where this process counts while the shared cache is down.
_local_counts = LocMemCache("login-throttle", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def local_when_down():
    """The shared cache, or this process's own memory while the shared one is unreachable."""
    return cache if getattr(cache, "available", True) else _local_counts


def count(key: str, counts=None) -> int:
    """How many times ``key`` was counted in its current window."""
    return (cache if counts is None else counts).get(key, 0)


def add_one(key: str, window: int, counts=None) -> None:
    """Count one more for ``key``; its window of ``window`` seconds starts with the first."""
    counts = cache if counts is None else counts
    if counts.add(key, 1, window):
        return
    try:
        counts.incr(key)
    except ValueError:  # expired between add and incr
        counts.set(key, 1, window)


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
