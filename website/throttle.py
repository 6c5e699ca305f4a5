"""Sign-in throttling for the vendor login (/masuk/) and the Wagtail admin login.

After ``MAX_FAILURES`` failed sign-ins for one username from one address within ``WINDOW``
seconds, that pair is refused, even with the right password, until the window that began
with the first failure has passed. A successful sign-in before that clears the count.

The counts are core.throttle's rate counters, in the shared cache (CACHES["default"]), so every
worker sees them. The address is ``core.throttle.client_address``.

While the shared cache is unreachable (website.cache_backends.DegradingRedisCache), the
throttle fails safe: each process counts in its own memory instead, so sign-ins keep working
for people with the right password and a guesser is still refused after ``MAX_FAILURES``
failures per process (rather than never). The backend logs the outage. Counts made during it
are not carried over to the shared cache when it is back."""

import hashlib
import math
import time

from django import forms
from django.utils.translation import ngettext

from core.throttle import add_one, client_address, count, local_when_down

MAX_FAILURES = 5
WINDOW = 15 * 60


def _keys(request, username: str) -> tuple[str, str]:
    address = client_address(request)
    who = f"{(username or '').strip().casefold()}\n{address}"
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"login-failures:{digest}", f"login-window:{digest}"


def seconds_locked(request, username: str) -> int:
    """How long this username is still refused from this address; 0 when it may try."""
    count_key, until_key = _keys(request, username)
    counts = local_when_down()
    if count(count_key, counts) < MAX_FAILURES:
        return 0
    until = counts.get(until_key)
    return max(0, math.ceil(until - time.time())) if until else 0


def record_failure(request, username: str) -> None:
    count_key, until_key = _keys(request, username)
    counts = local_when_down()
    counts.add(until_key, time.time() + WINDOW, WINDOW)
    add_one(count_key, WINDOW, counts)


def clear(request, username: str) -> None:
    local_when_down().delete_many(_keys(request, username))


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
