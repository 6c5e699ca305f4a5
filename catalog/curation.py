"""Outlet ranges are curated in rounds: staff start a round, accept and retire products in
it, and review the range again when the round's review date comes (the airport outlet every
three months). The shelf changes themselves are in services.py."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CurationRound, Location, LocationStock


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it is shorter
    (30 November + 3 months is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_due_on(location: Location, starts_on: datetime.date) -> datetime.date:
    return add_months(starts_on, location.review_every_months)


@transaction.atomic
def start_round(location: Location, officer, *, name: str, starts_on: datetime.date):
    """Staff open a new curation round; it is due for review ``review_every_months`` after
    it starts. Only staff may do this."""
    if officer is None or not (officer.is_active and officer.is_staff):
        raise PermissionDenied(_("Only staff can do this."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the round a name."))
    if starts_on is None:
        raise ValidationError(_("Give the day the round starts."))
    return CurationRound.objects.create(
        location=location,
        name=name,
        starts_on=starts_on,
        review_due_on=review_due_on(location, starts_on),
    )


def latest_round(location: Location):
    return location.rounds.order_by("-starts_on", "-pk").first()


def is_due_for_review(location: Location, today: datetime.date | None = None) -> bool:
    """Due when its latest round's review date is today or past, or it has no round yet."""
    latest = latest_round(location)
    today = today or timezone.localdate()
    return latest is None or latest.review_due_on <= today


def locations_for_review(today: datetime.date | None = None) -> list[Location]:
    """Every location with its latest round (name, review date), whether it is due for
    review, and how many shelf entries it has in each status, in one query."""
    today = today or timezone.localdate()
    latest = CurationRound.objects.filter(location=OuterRef("pk")).order_by("-starts_on", "-pk")
    status = LocationStock.Status
    locations = list(
        Location.objects.annotate(
            latest_round_name=Subquery(latest.values("name")[:1]),
            latest_review_due_on=Subquery(latest.values("review_due_on")[:1]),
            proposed_count=Count("stock", filter=Q(stock__status=status.PROPOSED)),
            accepted_count=Count("stock", filter=Q(stock__status=status.ACCEPTED)),
            retired_count=Count("stock", filter=Q(stock__status=status.RETIRED)),
        ).order_by("name")
    )
    for location in locations:
        due = location.latest_review_due_on
        location.is_due = due is None or due <= today
    return locations
