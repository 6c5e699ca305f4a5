"""Vendors fulfil their part of orders on /dasbor/pesanan/; outlet staff hand pickups over on
/outlet/<location>/. What the vendor and the counter would notice.

Pages are requested on the English paths (/en/…), so the assertions read the msgids."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from orders.emails import send_order_emails
from orders.models import LedgerEntry, Order, OrderPart, OutletAssignment
from orders.services.checkout import place_order
from orders.services.fulfilment import advance_part, confirm_outlet_payment
from orders.services.payment import mark_paid
from orders.services.reservations import cancel_unpaid, expire_reservations
from tests.factories import (
    MembershipFactory,
    ProductFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)
from tests.orders.helpers import cart_with, delivery_checkout, outlets

pytestmark = pytest.mark.django_db

Status = OrderPart.Status


# Helpers ----------------------------------------------------------------------------------


def en(name, *args, **query):
    with translation.override("en"):
        url = reverse(name, args=args)
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def jakarta(days=0, hour=12, minute=0) -> datetime.datetime:
    zone = timezone.get_default_timezone()
    day = timezone.localdate(timezone=zone) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def products_of(*vendors, price=25000):
    return [ProductFactory(vendor=vendor, price=price, stock=10) for vendor in vendors]


def delivery_order(*vendors, quantity=2):
    products = products_of(*vendors)
    return place_order(
        cart_with(*[(product, quantity) for product in products]), delivery_checkout()
    )


def rppkum_order(*vendors, quantity=1):
    outlets()
    products = products_of(*vendors)
    return place_order(
        cart_with(*[(product, quantity) for product in products]),
        delivery_checkout(fulfilment=Order.Fulfilment.PICKUP_RPPKUM, address=""),
    )


def airport_order(*vendors, days=0, hour=12, payment=Order.Payment.CARD, flight="GA 123"):
    """A Terminal 3 pickup due ``days`` from today at ``hour`` (Jakarta), placed in time."""
    outlets()
    products = [
        ProductFactory(vendor=vendor, price=30000, stock=10, bringable_to_airport=True)
        for vendor in vendors or [VendorFactory()]
    ]
    pickup = jakarta(days, hour)
    checkout = delivery_checkout(
        fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
        payment_method=payment,
        address="",
        pickup_at=pickup,
        departure_at=pickup + datetime.timedelta(hours=3),
        flight_number=flight,
    )
    return place_order(
        cart_with(*[(product, 1) for product in products]),
        checkout,
        now=pickup - datetime.timedelta(hours=4),
    )


def pay(order):
    mark_paid(order, amount=order.total, currency="idr", source="test")
    order.refresh_from_db()
    return order


def member_of(vendor):
    return MembershipFactory(vendor=vendor).user


def part_of(order, vendor):
    return order.parts.get(vendor=vendor)


@pytest.fixture
def vendor():
    return VendorFactory(name="Keripik Bu Sari")


@pytest.fixture
def vendor_client(client, vendor):
    client.force_login(member_of(vendor))
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The dashboard section -----------------------------------------------------------------------


def test_the_dashboard_lists_the_vendors_paid_parts_with_their_fulfilment_and_lines(
    vendor_client, vendor
):
    other = VendorFactory(name="Dodol Pak Ali")
    order = pay(airport_order(vendor, other, days=1, hour=10, flight="ID 6870"))
    unpaid = delivery_order(vendor)
    vendor_line = part_of(order, vendor).lines.get()
    other_line = part_of(order, other).lines.get()

    html = vendor_client.get(en("vendors:dashboard")).content.decode()

    assert 'id="dash-orders-title"' in html
    assert order.number in html
    assert "Sentral Oleh-Oleh T3" in html
    assert "ID6870" in html
    assert f"1 × {vendor_line.product_name}" in html
    assert other_line.product_name not in html
    assert unpaid.number not in html  # not paid: nothing to do yet
    assert "rina@example.com" not in html  # the contact is on the part's own page


def test_the_dashboard_shows_a_delivery_address_and_a_link_to_all_orders(vendor_client, vendor):
    order = pay(delivery_order(vendor))

    html = vendor_client.get(en("vendors:dashboard")).content.decode()

    assert order.number in html
    assert "Jl. Melati 1, Tangerang" in html
    assert en("fulfilment:parts") in html


# Moving a part along -------------------------------------------------------------------------


def test_a_vendor_moves_a_pickup_part_to_ready_then_completed_and_the_buyer_is_told(
    vendor_client, vendor, django_capture_on_commit_callbacks
):
    order = pay(rppkum_order(vendor))
    part = part_of(order, vendor)
    url = en("fulfilment:part", part.pk)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = vendor_client.post(url, {"status": "ready"}, follow=True)

    part.refresh_from_db()
    assert part.status == Status.READY
    assert "Marked delivered to the outlet. The buyer gets an e-mail." in messages_of(response)
    assert [message.to for message in mail.outbox] == [["rina@example.com"]]
    assert order.number in mail.outbox[0].subject
    assert order.token in mail.outbox[0].body  # the buyer's private link

    vendor_client.post(url, {"status": "completed"})

    part.refresh_from_db()
    order.refresh_from_db()
    assert part.status == Status.COMPLETED
    assert order.status == Order.Status.COMPLETED
    event = order.events.get(part=part, new_status=Status.READY)
    assert event.actor.memberships.get().vendor == vendor


def test_a_vendor_ships_a_delivery_part_with_a_tracking_note(vendor_client, vendor):
    order = pay(delivery_order(vendor))
    part = part_of(order, vendor)
    url = en("fulfilment:part", part.pk)

    response = vendor_client.post(
        url, {"status": "shipped", "tracking_note": " JNE REG 0123456789 "}, follow=True
    )

    part.refresh_from_db()
    assert part.status == Status.SHIPPED
    assert part.tracking_note == "JNE REG 0123456789"
    assert "Marked shipped." in messages_of(response)
    assert "JNE REG 0123456789" in response.content.decode()

    vendor_client.post(url, {"status": "completed"})
    part.refresh_from_db()
    assert part.status == Status.COMPLETED


def test_shipping_without_a_tracking_note_is_asked_again(vendor_client, vendor):
    part = part_of(pay(delivery_order(vendor)), vendor)

    response = vendor_client.post(
        en("fulfilment:part", part.pk), {"status": "shipped", "tracking_note": "  "}
    )

    assert response.status_code == 200
    assert "Say how it was sent" in response.content.decode()
    part.refresh_from_db()
    assert part.status == Status.PROCESSING


@pytest.mark.parametrize(
    ("make", "posted", "message"),
    [
        (
            "pickup",
            {"status": "shipped", "tracking_note": "JNE"},
            "This order is collected at an outlet, not shipped.",
        ),
        ("pickup", {"status": "completed"}, "A part that is processing cannot become completed."),
        ("delivery", {"status": "ready"}, "This order is delivered; mark it shipped instead."),
        ("delivery", {"status": "processing"}, "This step is not possible for this order."),
    ],
)
def test_wrong_steps_are_refused_with_the_reason(vendor_client, vendor, make, posted, message):
    order = pay(rppkum_order(vendor) if make == "pickup" else delivery_order(vendor))
    part = part_of(order, vendor)

    response = vendor_client.post(en("fulfilment:part", part.pk), posted, follow=True)

    assert message in messages_of(response)
    part.refresh_from_db()
    assert part.status == Status.PROCESSING


def test_an_unpaid_part_cannot_be_moved(vendor_client, vendor):
    part = part_of(delivery_order(vendor), vendor)

    response = vendor_client.post(
        en("fulfilment:part", part.pk), {"status": "shipped", "tracking_note": "JNE"}, follow=True
    )

    assert "A part that is waiting for payment cannot become shipped." in messages_of(response)
    assert "Waiting for the buyer's payment. Do not send anything yet." in response.content.decode()
    part.refresh_from_db()
    assert part.status == Status.AWAITING_PAYMENT


def test_another_vendors_part_answers_404_and_cannot_be_moved(client, vendor):
    other = VendorFactory(name="Dodol Pak Ali")
    order = pay(delivery_order(vendor, other))
    theirs = part_of(order, other)
    client.force_login(member_of(vendor))
    url = en("fulfilment:part", theirs.pk)

    assert client.get(url).status_code == 404
    assert client.get(en("fulfilment:part", 999999)).status_code == 404
    response = client.post(url, {"status": "shipped", "tracking_note": "JNE 1"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.PROCESSING
    assert theirs.tracking_note == ""


def test_the_buyers_contact_is_shown_on_the_vendors_own_paid_part_only(vendor_client, vendor):
    paid = part_of(pay(delivery_order(vendor)), vendor)
    unpaid = part_of(delivery_order(vendor), vendor)

    paid_page = vendor_client.get(en("fulfilment:part", paid.pk)).content.decode()
    unpaid_page = vendor_client.get(en("fulfilment:part", unpaid.pk)).content.decode()

    assert "mailto:rina@example.com" in paid_page
    assert "https://wa.me/6281234567890" in paid_page
    assert "rina@example.com" not in unpaid_page
    assert "6281234567890" not in unpaid_page


def test_the_part_page_shows_the_flight_and_the_lines_with_prices(vendor_client, vendor):
    order = pay(airport_order(vendor, days=1, hour=9, flight="QZ 7510"))
    part = part_of(order, vendor)

    html = vendor_client.get(en("fulfilment:part", part.pk)).content.decode()

    assert "QZ7510" in html
    assert "Rp\u00a030.000" in html
    assert "Mark delivered to the outlet" in html
    assert "Mark shipped" not in html


# A pickup paid at the outlet ------------------------------------------------------------------

# 08.00 in Jakarta on Tuesday 24 November 2026: a pickup at 12.00 that day, placed at 08.00.
TUESDAY_MORNING = datetime.datetime(2026, 11, 24, 1, 0, tzinfo=datetime.UTC)


@pytest.fixture
def tuesday_morning():
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        yield


def test_a_pay_at_outlet_pickup_is_reserved_stock_for_the_vendor_to_bring(vendor):
    order = airport_order(vendor, payment=Order.Payment.AT_OUTLET)
    part = part_of(order, vendor)

    assert order.status == Order.Status.PENDING_PAYMENT
    assert part.status == Status.PROCESSING
    assert order.bring_to_outlet_by == order.pickup_at
    assert order.events.filter(part=part, new_status=Status.PROCESSING).exists()


@pytest.mark.parametrize(
    ("payment", "start", "step", "refusal"),
    [
        # Pay at the outlet: the vendor brings it; only the counter completes it, once paid.
        (Order.Payment.AT_OUTLET, Status.PROCESSING, Status.READY, None),
        (
            Order.Payment.AT_OUTLET,
            Status.READY,
            Status.COMPLETED,
            "The buyer has not paid yet: it is completed when collected and paid at the counter.",
        ),
        (
            Order.Payment.AT_OUTLET,
            Status.PROCESSING,
            Status.SHIPPED,
            "This order is collected at an outlet, not shipped.",
        ),
        (
            Order.Payment.AT_OUTLET,
            Status.PROCESSING,
            Status.PROCESSING,
            "This step is not possible for this order.",
        ),
        # By card: nothing moves before the payment.
        (
            Order.Payment.CARD,
            Status.AWAITING_PAYMENT,
            Status.READY,
            "A part that is waiting for payment cannot become ready for pickup.",
        ),
    ],
)
def test_the_steps_a_vendor_may_take_on_an_unpaid_pickup(vendor, payment, start, step, refusal):
    order = airport_order(vendor, payment=payment)
    part = part_of(order, vendor)
    OrderPart.objects.filter(pk=part.pk).update(status=start)

    if refusal is None:
        advance_part(part, member_of(vendor), step)
        part.refresh_from_db()
        assert part.status == step
        assert order.events.filter(part=part, old_status=start, new_status=step).exists()
    else:
        with translation.override("en"), pytest.raises(ValidationError) as raised:
            advance_part(part, member_of(vendor), step)
        with translation.override("en"):  # the refusals above are the English text
            assert raised.value.messages == [refusal]
        part.refresh_from_db()
        assert part.status == start


def test_paying_at_the_counter_leaves_a_part_that_is_there_at_the_counter(vendor):
    order = airport_order(vendor, payment=Order.Payment.AT_OUTLET)
    advance_part(part_of(order, vendor), member_of(vendor), Status.READY)

    confirm_outlet_payment(order, StaffFactory())

    assert part_of(order, vendor).status == Status.READY


def test_the_vendors_to_do_list_shows_a_pay_at_outlet_pickup_with_its_deadline(
    tuesday_morning, vendor_client, vendor
):
    order = airport_order(vendor, payment=Order.Payment.AT_OUTLET)
    unpaid_card = airport_order(vendor)

    listed = vendor_client.get(en("fulfilment:parts")).content.decode()
    dashboard = vendor_client.get(en("vendors:dashboard")).content.decode()

    assert order.number in listed and unpaid_card.number not in listed
    row = listed[listed.index(order.number) :]
    assert "Bring to the outlet by 24 Nov 2026, 12.00 WIB" in row
    assert "The buyer pays at the counter." in row
    assert order.number in dashboard
    with translation.override("id"):
        indonesian = vendor_client.get(reverse("fulfilment:parts")).content.decode()
    assert "Antar ke outlet paling lambat 24 Nov 2026, 12.00 WIB" in indonesian


def test_the_vendor_marks_a_pay_at_outlet_pickup_delivered_and_the_counter_has_it(
    tuesday_morning, vendor_client, vendor, airport
):
    counter = Client()
    counter.force_login(OutletAssignment.objects.create(user=UserFactory(), location=airport).user)
    order = airport_order(vendor, payment=Order.Payment.AT_OUTLET)
    part = part_of(order, vendor)
    url = en("fulfilment:part", part.pk)

    page = vendor_client.get(url).content.decode()
    assert (
        "Bring the products to Sentral Oleh-Oleh T3 by "
        "<strong>Tuesday, 24 Nov 2026, 12.00 WIB</strong>." in page
    )
    assert "The buyer pays at the counter when collecting." in page
    assert "Waiting for the buyer's payment" not in page
    assert "rina@example.com" not in page  # not paid: no buyer's contact

    response = vendor_client.post(url, {"status": "ready"}, follow=True)

    assert "Marked delivered to the outlet. The buyer gets an e-mail." in messages_of(response)
    after = response.content.decode()
    assert "It is at the counter of Sentral Oleh-Oleh T3." in after
    assert "Mark completed" not in after
    part.refresh_from_db()
    assert part.status == Status.READY
    assert order.events.get(part=part, new_status=Status.READY).actor.memberships.get().vendor == (
        vendor
    )
    counter_page = counter.get(en("fulfilment:outlet", airport.slug)).content.decode()
    card = card_of(counter_page, order)
    assert "At the counter" in card and "Hand over and take Rp\u00a030.000…" in card


def test_the_vendor_is_told_to_bring_a_pay_at_outlet_pickup_not_to_wait(
    tuesday_morning, vendor, counter, airport
):
    MembershipFactory(vendor=vendor, user__email="sari@example.com")
    mail.outbox.clear()
    order = airport_order(vendor, payment=Order.Payment.AT_OUTLET)

    send_order_emails.enqueue(order.pk, "placed")  # as checkout does for this order

    to_vendor = [message for message in mail.outbox if "sari@example.com" in message.to]
    assert len(to_vendor) == 1
    body = to_vendor[0].body  # in Indonesian, the vendors' language
    assert "pesanan baru untuk diantar ke outlet" in body
    assert "Antar ke Sentral Oleh-Oleh T3 paling lambat 24 November 2026 12.00 WIB." in body
    assert "jangan menunggu pembayaran" in body
    assert "sudah dibayar" not in body  # not "a new paid order"

    delivered(order, vendor)
    mail.outbox.clear()
    counter.post(en("fulfilment:collect", airport.slug, order.number), CONFIRM)
    assert not [message for message in mail.outbox if "sari@example.com" in message.to]


def test_vendors_who_brought_an_uncollected_pickup_are_told_to_fetch_it(
    django_capture_on_commit_callbacks, vendor, airport
):
    other = VendorFactory()
    MembershipFactory(vendor=vendor, user__email="sari@example.com")
    MembershipFactory(vendor=other, user__email="dua@example.com")
    order = airport_order(vendor, other, payment=Order.Payment.AT_OUTLET)
    delivered(order, vendor)  # at the counter; the other part is still being prepared
    mail.outbox.clear()

    # The pickup day is over, the buyer never came: the reservation lapses.
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_reservations(now=order.reserved_until + datetime.timedelta(1)) == 1

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    for address in ("sari@example.com", "dua@example.com"):
        [notice] = [message for message in mail.outbox if address in message.to]
        assert f"Pesanan {order.number} tidak diambil" in notice.subject
        assert "ambil kembali dari kasir" in notice.body


def test_an_expired_card_order_tells_no_vendor_to_fetch_anything(
    django_capture_on_commit_callbacks, vendor
):
    MembershipFactory(vendor=vendor, user__email="sari@example.com")
    order = delivery_order(vendor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_reservations(now=order.reserved_until + datetime.timedelta(1)) == 1
    assert not [message for message in mail.outbox if "tidak diambil" in message.subject]


# The list ------------------------------------------------------------------------------------


def test_the_list_shows_what_needs_action_by_default_and_filters_by_status(vendor_client, vendor):
    open_order = pay(delivery_order(vendor))
    done_order = pay(delivery_order(vendor))
    done = part_of(done_order, vendor)
    OrderPart.objects.filter(pk=done.pk).update(status=Status.COMPLETED)
    unpaid_order = delivery_order(vendor)

    default = vendor_client.get(en("fulfilment:parts")).content.decode()
    completed = vendor_client.get(en("fulfilment:parts", status="completed")).content.decode()
    everything = vendor_client.get(en("fulfilment:parts", status="all")).content.decode()
    nonsense = vendor_client.get(en("fulfilment:parts", status="<b>x</b>")).content.decode()

    assert open_order.number in default and done_order.number not in default
    assert unpaid_order.number not in default
    assert done_order.number in completed and open_order.number not in completed
    for order in (open_order, done_order, unpaid_order):
        assert order.number in everything
    assert open_order.number in nonsense and done_order.number not in nonsense


def test_the_list_is_paginated(vendor_client, vendor, monkeypatch):
    monkeypatch.setattr("orders.fulfilment.views.PAGE_SIZE", 2)
    orders = [pay(delivery_order(vendor)) for _ in range(3)]

    first = vendor_client.get(en("fulfilment:parts")).content.decode()
    second = vendor_client.get(en("fulfilment:parts", page=2)).content.decode()

    assert "Page 1 of 2" in first
    shown = [order.number for order in orders if order.number in first]
    assert len(shown) == 2
    assert [order.number for order in orders if order.number in second] == [
        order.number for order in orders if order.number not in shown
    ]


def test_the_list_and_the_dashboard_run_a_fixed_number_of_queries(client, vendor):
    user = member_of(vendor)
    client.force_login(user)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    pay(delivery_order(vendor))
    count(en("fulfilment:parts"))  # the first request of a session does more
    few = count(en("fulfilment:parts")), count(en("vendors:dashboard"))
    for _ in range(4):
        order = pay(delivery_order(vendor, VendorFactory()))
        assert order.parts.count() == 2
    count(en("fulfilment:parts"))  # the first page after a change renders the footer again
    many = count(en("fulfilment:parts")), count(en("vendors:dashboard"))

    assert few == many


def test_signing_in_is_required_and_a_user_without_a_business_gets_404(client):
    url = en("fulfilment:parts")
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response.url

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(en("fulfilment:statement")).status_code == 404


# Outlet counter ------------------------------------------------------------------------------


@pytest.fixture
def airport():
    return outlets()[0]


@pytest.fixture
def counter(client, airport):
    """Someone who works at the Terminal 3 outlet, signed in."""
    user = UserFactory(username="kasir-t3")
    OutletAssignment.objects.create(user=user, location=airport)
    client.force_login(user)
    return client


def card_of(html, order):
    start = html.index(f'id="order-{order.number}"')
    ends = [html.find(marker, start) for marker in ('class="pickup-card', "</ol>")]
    return html[start : min(end for end in ends if end > 0)]


def test_outlet_staff_see_todays_and_tomorrows_pickups_in_time_order(counter, airport):
    late_today = pay(airport_order(hour=20, flight="GA 410"))
    early_today = pay(airport_order(hour=7, flight="QG 22"))
    tomorrow = airport_order(days=1, hour=9, payment=Order.Payment.AT_OUTLET)
    yesterday = pay(airport_order(days=-1, hour=12))
    after_tomorrow = pay(airport_order(days=2, hour=12))
    at_rppkum = pay(rppkum_order(VendorFactory()))
    Order.objects.filter(pk=at_rppkum.pk).update(pickup_at=jakarta(0, 10))
    cancelled = airport_order(hour=15)
    cancel_unpaid(cancelled, "reservation_expired")

    html = counter.get(en("fulfilment:outlet", airport.slug)).content.decode()

    assert html.index(early_today.number) < html.index(late_today.number)
    assert html.index(late_today.number) < html.index("Tomorrow") < html.index(tomorrow.number)
    for absent in (yesterday, after_tomorrow, at_rppkum, cancelled):
        assert absent.number not in html
    card = card_of(html, early_today)
    departure = timezone.localtime(early_today.departure_at)
    assert "QG22" in card and f"departs {departure:%H.%M}" in card
    assert "07.00" in card
    assert "Rina" in card
    assert "Rp\u00a030.000" in card
    assert "Card (Stripe)" in card and "Paid" in card
    assert "Processing" in card  # the vendor's part, not at the counter yet
    assert "Nothing at the counter yet: wait for the vendor." in card
    assert "Hand over" not in card
    waiting = card_of(html, tomorrow)
    assert "Pay at the outlet" in waiting and "Money received (Rp\u00a030.000)" in waiting


def test_the_counter_sees_how_many_parts_are_ready(counter, airport):
    vendor_a, vendor_b = VendorFactory(), VendorFactory()
    order = pay(airport_order(vendor_a, vendor_b, days=3))
    advance_part(part_of(order, vendor_a), member_of(vendor_a), Status.READY)

    html = counter.get(en("fulfilment:outlet", airport.slug)).content.decode()

    assert 'data-ready-count="1"' in html
    assert "1 vendor part is ready at the counter" in html


def delivered(order, vendor):
    """The vendor has brought its part to the outlet (the counter has it)."""
    advance_part(part_of(order, vendor), member_of(vendor), Status.READY)


CONFIRM = {"confirm": "on"}


def test_outlet_staff_hand_over_a_pickup_and_the_order_completes(counter, airport):
    vendor_a, vendor_b = VendorFactory(), VendorFactory()
    order = pay(airport_order(vendor_a, vendor_b))
    delivered(order, vendor_a)
    delivered(order, vendor_b)

    response = counter.post(
        en("fulfilment:collect", airport.slug, order.number), CONFIRM, follow=True
    )

    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert order.collected_at is not None
    assert set(order.parts.values_list("status", flat=True)) == {Status.COMPLETED}
    assert f"Order {order.number} is handed over and completed." in messages_of(response)
    assert order.events.filter(actor__username="kasir-t3").count() == 2


def test_the_counter_cannot_hand_over_a_part_that_is_not_at_the_counter(counter, airport):
    vendor = VendorFactory()
    order = pay(airport_order(vendor))
    url = en("fulfilment:collect", airport.slug, order.number)

    page = counter.get(url).content.decode()
    response = counter.post(url, CONFIRM, follow=True)

    assert "Nothing of this order is at the counter yet." in page
    assert "Confirm the handover" not in page
    assert (
        f"Nothing of order {order.number} is at the counter yet: nothing to hand over."
        in messages_of(response)
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.collected_at is None
    assert part_of(order, vendor).status == Status.PROCESSING


def test_a_partial_handover_completes_what_is_at_the_counter_and_leaves_the_rest_open(
    counter, airport
):
    here = VendorFactory(name="Keripik Bu Sari")
    late = VendorFactory(name="Dodol Pak Ali")
    order = pay(airport_order(here, late))
    delivered(order, here)
    url = en("fulfilment:collect", airport.slug, order.number)

    page = counter.get(url).content.decode()
    assert page.index("At the counter: hand these over") < page.index("Keripik Bu Sari")
    assert page.index("Not at the counter yet: they stay open") < page.index("Dodol Pak Ali")

    response = counter.post(url, CONFIRM, follow=True)

    order.refresh_from_db()
    assert part_of(order, here).status == Status.COMPLETED
    assert part_of(order, late).status == Status.PROCESSING
    assert order.status == Order.Status.PAID and order.collected_at is None
    assert f"Order {order.number} is handed over. Some vendors' parts are still open." in (
        messages_of(response)
    )
    partial = order.events.get(part__isnull=True, actor__username="kasir-t3")
    with translation.override("en"):
        assert partial.text.startswith("Partly collected at Sentral Oleh-Oleh T3: 1 of 2")
        assert "still open: Dodol Pak Ali" in partial.text
    html = counter.get(en("fulfilment:outlet", airport.slug)).content.decode()
    assert "Nothing at the counter yet: wait for the vendor." in card_of(html, order)

    delivered(order, late)  # the rest comes later and is handed over then
    counter.post(url, CONFIRM)
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED and order.collected_at is not None


def test_the_handover_asks_for_confirmation_first(counter, airport):
    vendor = VendorFactory()
    order = pay(airport_order(vendor))
    delivered(order, vendor)
    url = en("fulfilment:collect", airport.slug, order.number)
    html = counter.get(en("fulfilment:outlet", airport.slug)).content.decode()
    assert f'href="{url}"' in card_of(html, order)  # a link to the confirmation, no button

    page = counter.get(url)
    unticked = counter.post(url, {})

    assert page.status_code == 200
    assert 'type="checkbox" name="confirm"' in page.content.decode()
    assert "Rina has the products listed above in hand." in page.content.decode()
    assert unticked.status_code == 200
    assert "Tick the box to confirm the handover." in unticked.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert part_of(order, vendor).status == Status.READY


def test_a_pay_at_outlet_order_is_paid_at_the_handover(
    django_capture_on_commit_callbacks, counter, airport
):
    vendor_a, vendor_b = VendorFactory(), VendorFactory()
    order = airport_order(vendor_a, vendor_b, payment=Order.Payment.AT_OUTLET)
    delivered(order, vendor_a)
    url = en("fulfilment:collect", airport.slug, order.number)
    assert not LedgerEntry.objects.exists()

    html = counter.get(en("fulfilment:outlet", airport.slug)).content.decode()
    assert "Hand over and take Rp\u00a060.000…" in card_of(html, order)
    page = counter.get(url).content.decode()
    assert "Take the payment for the whole order: <strong>Rp\u00a060.000</strong>." in page
    assert "Rina has the products listed above in hand and paid Rp\u00a060.000." in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counter.post(url, CONFIRM)

    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.paid_at is not None
    [receipt] = [message for message in mail.outbox if order.email in message.to]
    assert "di kasir Sentral Oleh-Oleh T3" in receipt.body  # not "each maker now prepares"
    assert "menyiapkan bagiannya" not in receipt.body
    assert part_of(order, vendor_a).status == Status.COMPLETED
    assert part_of(order, vendor_b).status == Status.PROCESSING  # still to come
    sales = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE)
    assert sorted(sales.values_list("vendor_id", "amount")) == sorted(
        [(vendor_a.pk, 30000), (vendor_b.pk, 30000)]
    )

    delivered(order, vendor_b)
    counter.post(url, CONFIRM)  # no second payment
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert sales.count() == 2


def test_an_unpaid_card_order_cannot_be_handed_over(counter, airport):
    vendor = VendorFactory()
    order = airport_order(vendor)
    OrderPart.objects.filter(order=order).update(status=Status.READY)  # even if it were here

    page = counter.get(en("fulfilment:collect", airport.slug, order.number)).content.decode()
    assert "Only a paid order can be collected." in page and 'name="confirm"' not in page
    response = counter.post(
        en("fulfilment:collect", airport.slug, order.number), CONFIRM, follow=True
    )

    assert "Only a paid order can be collected." in messages_of(response)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert part_of(order, vendor).status == Status.READY


def test_outlet_staff_take_the_money_then_hand_over(counter, airport):
    vendor_a, vendor_b = VendorFactory(), VendorFactory()
    order = airport_order(vendor_a, vendor_b, payment=Order.Payment.AT_OUTLET)
    assert not LedgerEntry.objects.exists()

    response = counter.post(en("fulfilment:pay", airport.slug, order.number), follow=True)

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.paid_at is not None
    assert f"Payment received for order {order.number}. It can be handed over now." in (
        messages_of(response)
    )
    sales = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE)
    assert sorted(sales.values_list("vendor_id", "amount")) == sorted(
        [(vendor_a.pk, 30000), (vendor_b.pk, 30000)]
    )
    assert set(order.parts.values_list("status", flat=True)) == {Status.PROCESSING}

    again = counter.post(en("fulfilment:pay", airport.slug, order.number), follow=True)
    assert f"Order {order.number} is already paid." in messages_of(again)
    assert sales.count() == 2

    delivered(order, vendor_a)
    delivered(order, vendor_b)
    counter.post(en("fulfilment:collect", airport.slug, order.number), CONFIRM)
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED


def test_a_card_order_cannot_be_paid_at_the_counter(counter, airport):
    order = airport_order()

    response = counter.post(en("fulfilment:pay", airport.slug, order.number), follow=True)

    assert "This order is paid online (card or bank transfer), not at the counter." in messages_of(
        response
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_a_delivery_or_another_outlets_order_is_not_found_at_this_counter(counter, airport):
    delivery = pay(delivery_order(VendorFactory()))
    elsewhere = pay(rppkum_order(VendorFactory()))

    for order in (delivery, elsewhere):
        for action in ("fulfilment:collect", "fulfilment:pay"):
            assert counter.post(en(action, airport.slug, order.number), CONFIRM).status_code == 404
        order.refresh_from_db()
        assert order.status == Order.Status.PAID
    assert counter.post(en("fulfilment:collect", airport.slug, "ET-000000-XXXXX")).status_code == (
        404
    )


def test_the_actions_take_post_only(counter, airport):
    order = pay(airport_order())
    assert counter.get(en("fulfilment:pay", airport.slug, order.number)).status_code == 405
    assert counter.put(en("fulfilment:collect", airport.slug, order.number)).status_code == 405


def test_someone_who_does_not_work_there_gets_404(client, airport):
    rppkum = outlets()[1]
    order = pay(airport_order())
    OrderPart.objects.filter(order=order).update(status=Status.READY)  # at the counter
    elsewhere_staff = UserFactory()
    OutletAssignment.objects.create(user=elsewhere_staff, location=rppkum)
    page = en("fulfilment:outlet", airport.slug)

    for user in (UserFactory(), member_of(VendorFactory()), elsewhere_staff):
        client.force_login(user)
        assert client.get(page).status_code == 404
        collect = en("fulfilment:collect", airport.slug, order.number)
        assert client.get(collect).status_code == 404
        assert client.post(collect, CONFIRM).status_code == 404
    assert client.get(en("fulfilment:outlet", rppkum.slug)).status_code == 200
    assert client.get(en("fulfilment:outlet", "no-such-outlet")).status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.collected_at is None
    assert set(order.parts.values_list("status", flat=True)) == {Status.READY}


def test_the_counter_needs_a_sign_in_and_staff_may_look(client, airport):
    page = en("fulfilment:outlet", airport.slug)
    response = client.get(page)
    assert response.status_code == 302 and "next=" in response.url

    client.force_login(StaffFactory())
    assert client.get(page).status_code == 200


def test_the_counter_page_runs_a_fixed_number_of_queries(counter, airport):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert counter.get(en("fulfilment:outlet", airport.slug)).status_code == 200
        return len(queries)

    pay(airport_order(hour=10))
    count()  # the first request of a session does more
    few = count()
    for hour in (11, 12, 13):
        pay(airport_order(VendorFactory(), VendorFactory(), hour=hour))
    airport_order(days=1, payment=Order.Payment.AT_OUTLET)

    count()  # the first page after a change renders the cached footer again
    assert count() == few
