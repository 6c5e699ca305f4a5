"""The world of the shelf tests: RPPKUM Legok and Terminal 3 with a clerk each, two vendors
with a product on the RPPKUM shelf, the clock at noon on 10 March 2026 (Jakarta)."""

import datetime

from catalog.models import LocationStock
from orders.models import OutletAssignment
from tests.factories import MembershipFactory, ProductFactory, UserFactory
from tests.orders.helpers import outlets

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=JAKARTA)
TODAY = NOW.date()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def shelf_item(location, vendor=None, *, quantity=0, minimum=0, name=None):
    product = ProductFactory(
        **({"vendor": vendor} if vendor else {}), **({"name": name} if name else {})
    )
    return LocationStock.objects.create(
        location=location,
        product=product,
        status=LocationStock.Status.ACCEPTED,
        quantity=quantity,
        minimum=minimum,
        shelf="A1",
    )


def clerk_of(location):
    user = UserFactory()
    OutletAssignment.objects.create(user=user, location=location)
    return user


def world():
    airport, rppkum = outlets()
    member_a = MembershipFactory()
    member_b = MembershipFactory()
    a = shelf_item(rppkum, member_a.vendor, name="Dodol Legok")
    b = shelf_item(rppkum, member_b.vendor, name="Kerupuk Kulit")
    return {
        "rppkum": rppkum,
        "airport": airport,
        "clerk": clerk_of(rppkum),
        "other_clerk": clerk_of(airport),
        "vendor_a": member_a.vendor,
        "vendor_b": member_b.vendor,
        "member_a": member_a.user,
        "member_b": member_b.user,
        "a": a,
        "b": b,
    }
