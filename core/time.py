"""The regency's own time: days, months and moments are counted in Asia/Jakarta (WIB),
whatever the time zone of the person looking."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta_date(moment) -> datetime.date:
    """The day a moment falls on in Jakarta."""
    return timezone.localtime(moment, JAKARTA).date()


def jakarta_time(value) -> str:
    """A moment as staff read it: ``3 Feb 2025, 14:05 WIB``; "—" for none."""
    if value is None:
        return "—"
    return f"{formats.date_format(timezone.localtime(value, JAKARTA), 'j M Y, H:i')} WIB"
