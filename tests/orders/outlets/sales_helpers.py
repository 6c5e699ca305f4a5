"""Shared set-up for the counter sales tests: an outlet, its staff and shelf items."""

import datetime

from catalog.models import LocationStock
from orders.models import OutletAssignment
from orders.outlets.models import OutletSettings, ShelfBatch
from tests.factories import ProductFactory, UserFactory, VendorFactory
from tests.orders.helpers import outlets

UTC = datetime.UTC
# 10:00 in Jakarta on 30 November 2026.
MORNING = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def outlet(margin=0):
    airport, rppkum = outlets()
    OutletSettings.objects.update_or_create(
        location=rppkum, defaults={"margin_percent": margin, "supervisor_email": "spv@example.com"}
    )
    return rppkum


def staff(location, role=OutletAssignment.Role.CLERK, **user):
    person = UserFactory(**user)
    OutletAssignment.objects.create(user=person, location=location, role=role)
    return person


def supervisor(location):
    return staff(location, role=OutletAssignment.Role.SUPERVISOR)


def shelf_item(location, quantity=10, price=25000, vendor=None, shelf="A1", **product):
    product = ProductFactory(vendor=vendor or VendorFactory(), price=price, stock=50, **product)
    return LocationStock.objects.create(
        location=location,
        product=product,
        status=LocationStock.Status.ACCEPTED,
        quantity=quantity,
        shelf=shelf,
    )


def batch(stock, remaining, best_before, received=None):
    return ShelfBatch.objects.create(
        stock=stock, received=received or remaining, remaining=remaining, best_before=best_before
    )
