"""A Terminal 3 pickup's times, with the clock frozen: a departure in the past is said to be in
the past (no pickup time is suggested for a flight that has left), and every suggested time is
inside the outlet's opening hours (05.00–22.00 here), never "03.29"."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from catalog.models import LocationStock
from orders.models import Order
from tests.factories import ProductFactory
from tests.orders.helpers import checkout_form, outlets

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def wib(day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=JAKARTA)


def typed(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def cart(client):
    airport, _ = outlets()
    product = ProductFactory(stock=10)
    LocationStock.objects.create(location=airport, product=product, status="accepted", quantity=5)
    with translation.override("en"):
        client.post(reverse("orders:add"), {"product": product.pk, "quantity": 1})
    return client


def place(client, now, *, pickup, departure) -> str:
    data = checkout_form(
        fulfilment="pickup_airport",
        address="",
        flight_number="GA 123",
        departure_at=typed(departure),
        pickup_at=typed(pickup),
        payment_method="at_outlet",
    )
    with time_machine.travel(now, tick=False), translation.override("en"):
        response = client.post(reverse("orders:checkout"), data)
    return response.content.decode()


def test_a_departure_in_the_past_is_said_to_be_in_the_past_with_no_pickup_suggested(cart):
    # 00.29 in Jakarta; the flight left yesterday evening.
    html = place(cart, wib(27, 0, 29), pickup=wib(26, 18), departure=wib(26, 20))
    assert (
        "The departure you gave (26-11-2026 20.00) is in the past: that flight has already "
        "left. Check the date and time on your ticket." in html
    )
    assert "hours to prepare;" not in html
    assert "03.29" not in html and "03.30" not in html
    assert not Order.objects.exists()


def test_at_night_the_earliest_pickup_suggested_is_when_the_outlet_opens(cart):
    # 00.29: three hours to prepare would be 03.29, but the outlet opens at 05.00.
    html = place(cart, wib(27, 0, 29), pickup=wib(27, 1), departure=wib(27, 10))
    assert "The outlet needs 3 hours to prepare; choose 27-11-2026 05.00 or later." in html
    assert "The outlet is open 05.00–22.00; choose a pickup time in those hours." in html
    assert "03.29" not in html


def test_a_pickup_time_in_the_past_is_said_to_be_in_the_past(cart):
    html = place(cart, wib(27, 0, 29), pickup=wib(26, 21), departure=wib(27, 10))
    assert "The pickup time you gave is in the past; choose 27-11-2026 05.00 or later." in html


def test_late_in_the_evening_the_suggestion_is_the_next_mornings_opening(cart):
    html = place(cart, wib(27, 20), pickup=wib(27, 21), departure=wib(28, 9))
    assert "The outlet needs 3 hours to prepare; choose 28-11-2026 05.00 or later." in html
    assert "23.00" not in html


def test_in_opening_hours_the_suggestion_is_rounded_up_to_a_quarter_hour(cart):
    html = place(cart, wib(27, 10, 2), pickup=wib(27, 12), departure=wib(27, 18))
    assert "The outlet needs 3 hours to prepare; choose 27-11-2026 13.15 or later." in html


def test_a_flight_too_soon_for_the_outlet_to_prepare_says_so_without_a_time(cart):
    html = place(cart, wib(27, 10), pickup=wib(27, 10, 30), departure=wib(27, 12))
    assert (
        "The outlet cannot have your order ready before this flight: it needs 3 hours to "
        "prepare and is open 05.00–22.00." in html
    )
    assert "or later" not in html


def test_the_latest_pickup_suggested_is_inside_opening_hours(cart):
    # Departing 00.30: 90 minutes before is 23.00, after closing; the last pickup is 22.00.
    html = place(cart, wib(27, 10), pickup=wib(27, 23, 30), departure=wib(28, 0, 30))
    assert "Collect at least 90 minutes before departure (by 22.00)." in html
    assert "(by 23.00)" not in html
