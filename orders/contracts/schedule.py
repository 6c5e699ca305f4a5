"""A contract's schedule: the dates of its deliveries, one, weekly or monthly from the start
date. Monthly deliveries fall on the start date's day of the month, or the month's last day
when it is shorter (31 January, 28 February, 31 March)."""

import calendar
import datetime

from orders.partnerships.models import PartnershipRequest

Frequency = PartnershipRequest.Frequency
WEEK = datetime.timedelta(days=7)


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clamped to that month's end."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return start.replace(
        year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])
    )


def delivery_dates(start: datetime.date, frequency: str, count: int) -> list[datetime.date]:
    """The dates of ``count`` deliveries from ``start`` (one when the frequency is once)."""
    if frequency == Frequency.ONCE:
        return [start]
    if frequency == Frequency.WEEKLY:
        return [start + WEEK * n for n in range(count)]
    return [add_months(start, n) for n in range(count)]
