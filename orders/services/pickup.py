"""Where and when an order is collected: the two outlets (Terminal 3 at the airport and the
RPPKUM showroom), and the rule for a pickup at Terminal 3 before a flight."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Location, Product

from ..models import Order, OrderSettings

AIRPORT = "sentral-oleh-oleh-t3"
RPPKUM = "rppkum-legok"

TIME = "%H.%M"
DAY_AND_TIME = "%d-%m-%Y %H.%M"


def airport_outlet() -> Location | None:
    return Location.objects.filter(slug=AIRPORT).first()


def pickup_location(fulfilment: str) -> Location | None:
    """The outlet an order with this way of receiving it is collected at (None: delivered)."""
    if fulfilment == Order.Fulfilment.PICKUP_AIRPORT:
        return airport_outlet()
    if fulfilment == Order.Fulfilment.PICKUP_RPPKUM:
        return Location.objects.filter(slug=RPPKUM).first()
    return None


def check_airport_pickup(checkout, products, now=None) -> list[str]:
    """The pickup must fall in the outlet's opening hours, late enough for the outlet to
    prepare, early enough before departure; and every product must be on that shelf or
    brought in time by its vendor. ``checkout``: the shopper's ``checkout.Checkout``."""
    now = now or timezone.now()
    outlet = airport_outlet()
    settings = OrderSettings.load()
    if outlet is None:
        return [_("The Terminal 3 outlet is not taking pickups right now.")]
    pickup, departure = checkout.pickup_at, checkout.departure_at
    if pickup is None or departure is None:
        return [_("Give your flight's departure and when you will collect.")]
    if departure <= now:
        # Nothing to suggest for a flight that has left: the date or time must be a typo.
        errors = [
            _(
                "The departure you gave (%(time)s) is in the past: that flight has already "
                "left. Check the date and time on your ticket."
            )
            % {"time": timezone.localtime(departure).strftime(DAY_AND_TIME)}
        ]
    else:
        errors = _pickup_time_errors(outlet, settings, pickup, departure, now)
    return errors + _shelf_errors(products)


def _pickup_time_errors(outlet: Location, settings, pickup, departure, now) -> list[str]:
    """What is wrong with the pickup time before a flight that has not left yet."""
    errors = []
    hours = {"open": outlet.opens_at.strftime(TIME), "close": outlet.closes_at.strftime(TIME)}
    if not outlet.opens_at <= timezone.localtime(pickup).time() <= outlet.closes_at:
        errors.append(
            _("The outlet is open %(open)s–%(close)s; choose a pickup time in those hours.") % hours
        )
    earliest = now + datetime.timedelta(hours=settings.airport_preparation_hours)
    latest = departure - datetime.timedelta(minutes=settings.airport_minutes_before_departure)
    first, last = _first_open_moment(outlet, earliest), _last_open_moment(outlet, latest)
    if first > last:
        errors.append(
            _(
                "The outlet cannot have your order ready before this flight: it needs "
                "%(hours)d hours to prepare and is open %(open)s–%(close)s. Choose "
                "another way to receive your order."
            )
            % {"hours": settings.airport_preparation_hours, **hours}
        )
        return errors
    if pickup < now:
        errors.append(
            _("The pickup time you gave is in the past; choose %(time)s or later.")
            % {"time": first.strftime(DAY_AND_TIME)}
        )
    elif pickup < earliest:
        errors.append(
            _("The outlet needs %(hours)d hours to prepare; choose %(time)s or later.")
            % {"hours": settings.airport_preparation_hours, "time": first.strftime(DAY_AND_TIME)}
        )
    if pickup > latest:
        errors.append(
            _("Collect at least %(minutes)d minutes before departure (by %(time)s).")
            % {"minutes": settings.airport_minutes_before_departure, "time": last.strftime(TIME)}
        )
    return errors


def _shelf_errors(products) -> list[str]:
    # Catalog's rule, the one the product page and the catalog's filter show.
    collectable = set(
        Product.objects.collectable_at_airport()
        .filter(pk__in=[product.pk for product in products])
        .values_list("pk", flat=True)
    )
    return [
        _("%(name)s is not on the Terminal 3 shelf and cannot be brought there in time.")
        % {"name": product.display_name}
        for product in products
        if product.pk not in collectable
    ]


def _first_open_moment(outlet: Location, moment) -> datetime.datetime:
    """The first pickup time at or after ``moment`` inside the outlet's opening hours, on a
    quarter of an hour (a time a shopper can type and still meet when they submit)."""
    local = timezone.localtime(moment)
    rounded = local.replace(second=0, microsecond=0)
    rounded += datetime.timedelta(minutes=(-rounded.minute) % 15)
    if rounded < local:
        rounded += datetime.timedelta(minutes=15)
    opens = datetime.datetime.combine(rounded.date(), outlet.opens_at, tzinfo=rounded.tzinfo)
    closes = datetime.datetime.combine(rounded.date(), outlet.closes_at, tzinfo=rounded.tzinfo)
    if rounded < opens:
        return opens
    if rounded > closes:
        return opens + datetime.timedelta(days=1)
    return rounded


def _last_open_moment(outlet: Location, moment) -> datetime.datetime:
    """The last pickup time at or before ``moment`` inside the outlet's opening hours."""
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    opens = datetime.datetime.combine(local.date(), outlet.opens_at, tzinfo=local.tzinfo)
    closes = datetime.datetime.combine(local.date(), outlet.closes_at, tzinfo=local.tzinfo)
    if local > closes:
        return closes
    if local < opens:
        return closes - datetime.timedelta(days=1)
    return local
