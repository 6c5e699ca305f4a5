"""Orders in the Wagtail admin: the listing and detail page, refunds through Stripe, payouts
and balances, the pickups, outlet staff and the figures on the dashboard. Staff only."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from orders import payments
from orders.figures import order_figures
from orders.models import LedgerEntry, Order, OrderPart, OutletAssignment
from orders.services.payment import mark_paid
from tests.factories import UserFactory, VendorFactory
from tests.orders.helpers import outlets, two_vendor_order
from tests.orders.test_fulfilment import airport_order, pay

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
Kind = LedgerEntry.Kind

INDEX = reverse("orders_admin:index")
PICKUPS = reverse("orders_pickups:index")
BALANCES = reverse("orders_balances:index")


def inspect_url(order):
    return reverse("orders_admin:inspect", args=[order.pk])


def refund_url(order):
    return reverse("orders_admin:refund", args=[order.pk])


def payout_url(vendor):
    return reverse("orders_balances:payout", args=[vendor.pk])


def paid_by_card(order, intent="pi_test_123"):
    mark_paid(order, amount=order.total, currency="idr", source="test", reference=intent)
    order.refresh_from_db()
    return order


def messages_of(response) -> list[str]:
    # Wagtail's admin messages carry room for buttons after the text.
    return [str(message).strip() for message in response.context["messages"]]


@pytest.fixture
def staff(admin_user):
    # Admin pages in English, so the assertions read like what the officer sees.
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_user


@pytest.fixture
def staff_client(admin_client, staff):
    return admin_client


@pytest.fixture
def stripe_refunds(monkeypatch):
    """Stands in for Stripe: records each refund asked for."""
    calls = []

    def refund(payment_intent_id, amount_rupiah, *, key, http_client=None):
        calls.append({"intent": payment_intent_id, "amount": amount_rupiah, "key": key})
        return {"id": f"re_{len(calls)}", "status": "succeeded"}

    monkeypatch.setattr("orders.payments.refund", refund)
    return calls


# Listing and detail --------------------------------------------------------------------------


def test_the_listing_shows_orders_and_filters_by_status(staff_client):
    paid = paid_by_card(two_vendor_order())
    waiting = two_vendor_order()

    html = staff_client.get(INDEX).content.decode()
    assert paid.number in html and waiting.number in html
    assert "Rina" in html
    assert f"Rp\u00a0{paid.total:,}".replace(",", ".") in html
    assert "Delivery to an address" in html and "Card (Stripe)" in html

    filtered = staff_client.get(INDEX, {"status": "paid"}).content.decode()
    assert paid.number in filtered and waiting.number not in filtered

    by_number = staff_client.get(INDEX, {"q": waiting.number}).content.decode()
    assert waiting.number in by_number and paid.number not in by_number


def test_the_listing_runs_a_fixed_number_of_queries(staff_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(INDEX).status_code == 200
        return len(queries)

    two_vendor_order()
    count()
    few = count()
    for _ in range(6):
        paid_by_card(two_vendor_order())
    assert count() == few


def test_the_detail_page_shows_parts_lines_and_the_event_log(staff_client):
    order = paid_by_card(two_vendor_order())

    html = staff_client.get(inspect_url(order)).content.decode()

    for part in order.parts.select_related("vendor"):
        assert part.vendor.name in html
        assert part.lines.get().product_name in html
    assert "Order placed; stock reserved" in html
    assert "Paid (test)" in html
    assert 'id="order-event-log"' in html
    assert 'name="what"' in html  # the refund form
    assert "pi_test_123" in html


def test_the_staff_order_lines_have_distinct_column_headings(staff_client, staff):
    # In Indonesian both "Quantity" and "Amount" read "Jumlah".
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "id"
    profile.save()
    order = paid_by_card(two_vendor_order())
    html = staff_client.get(inspect_url(order)).content.decode()
    tables = [t for t in html.split("<table") if "Harga satuan" in t]
    assert tables
    for table in tables:
        headings = re.findall(r'<th scope="col">\s*(.*?)\s*</th>', table)
        assert headings == ["Produk", "Harga satuan", "Jml.", "Subtotal"]


def test_orders_cannot_be_added_edited_or_deleted_here(staff_client):
    order = paid_by_card(two_vendor_order())
    edit = reverse("orders_admin:edit", args=[order.pk])

    assert staff_client.get(edit).status_code != 200
    staff_client.post(edit, {"name": "Someone else", "total": "1", "status": "refunded"})
    assert staff_client.get(reverse("orders_admin:add")).status_code != 200
    assert staff_client.post(reverse("orders_admin:delete", args=[order.pk])).status_code != 200

    order.refresh_from_db()
    assert (order.name, order.status) == ("Rina", Order.Status.PAID)
    inspect = staff_client.get(inspect_url(order)).content.decode()
    assert edit not in inspect
    assert 'name="total"' not in inspect and 'name="status"' not in inspect


# Refunds ------------------------------------------------------------------------------------


def test_refunding_a_whole_order_refunds_every_part_through_stripe(staff_client, stripe_refunds):
    order = paid_by_card(two_vendor_order())
    parts = list(order.parts.order_by("pk"))

    response = staff_client.post(refund_url(order), {"what": "order", "confirm": "on"}, follow=True)

    assert [(call["intent"], call["amount"]) for call in stripe_refunds] == [
        ("pi_test_123", order.total)
    ]
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert order.refunded_amount == order.total
    assert set(order.parts.values_list("status", flat=True)) == {OrderPart.Status.REFUNDED}
    refunds = LedgerEntry.objects.filter(kind=Kind.REFUND)
    assert sorted(refunds.values_list("vendor_id", "amount")) == sorted(
        (part.vendor_id, -part.total) for part in parts
    )
    for part in parts:
        balance = sum(
            LedgerEntry.objects.filter(vendor=part.vendor).values_list("amount", flat=True)
        )
        assert balance == 0
    total = f"Rp\u00a0{order.total:,}".replace(",", ".")
    assert f"{total} refunded for order {order.number}." in messages_of(response)


def test_refunding_one_vendors_part_refunds_that_part_only(staff_client, stripe_refunds, staff):
    order = paid_by_card(two_vendor_order())
    first, second = order.parts.order_by("pk")

    staff_client.post(refund_url(order), {"what": str(first.pk), "confirm": "on"})

    assert [call["amount"] for call in stripe_refunds] == [first.total]
    order.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.refunded_amount == first.total
    assert (first.status, first.refunded_amount) == (OrderPart.Status.REFUNDED, first.total)
    assert second.status == OrderPart.Status.PROCESSING
    refund = LedgerEntry.objects.get(kind=Kind.REFUND)
    assert (refund.vendor_id, refund.amount, refund.created_by) == (
        first.vendor_id,
        -first.total,
        staff,
    )

    # What is left: the other part only.
    html = staff_client.get(inspect_url(order)).content.decode()
    assert f'value="{first.pk}"' not in html and f'value="{second.pk}"' in html
    staff_client.post(refund_url(order), {"what": "order", "confirm": "on"})
    assert [call["amount"] for call in stripe_refunds] == [first.total, second.total]
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert order.refunded_amount == order.total


def test_when_stripe_refuses_nothing_changes_and_staff_read_why(staff_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise payments.PaymentUnavailable("Charge already refunded.")

    monkeypatch.setattr("orders.payments.refund", refuse)
    order = paid_by_card(two_vendor_order())

    response = staff_client.post(refund_url(order), {"what": "order", "confirm": "on"}, follow=True)

    assert (
        "Stripe did not refund; nothing was changed. Stripe said: Charge already refunded."
        in messages_of(response)
    )
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (Order.Status.PAID, 0)
    assert not LedgerEntry.objects.filter(kind=Kind.REFUND).exists()


def test_a_refund_must_be_confirmed(staff_client, stripe_refunds):
    order = paid_by_card(two_vendor_order())

    response = staff_client.post(refund_url(order), {"what": "order"}, follow=True)

    assert "Tick the box to confirm the refund." in messages_of(response)
    assert stripe_refunds == []


def test_an_unpaid_order_cannot_be_refunded(staff_client, stripe_refunds):
    order = two_vendor_order()

    assert "Only a paid order with something left to refund can be refunded." in (
        staff_client.get(inspect_url(order)).content.decode()
    )
    response = staff_client.post(refund_url(order), {"what": "order", "confirm": "on"}, follow=True)

    assert "Only a paid order can be refunded." in messages_of(response)
    assert stripe_refunds == []


def test_an_order_paid_at_the_outlet_is_refunded_without_stripe(staff_client, stripe_refunds):
    order = pay(airport_order(VendorFactory(), payment=Order.Payment.AT_OUTLET))

    staff_client.post(refund_url(order), {"what": "order", "confirm": "on"})

    assert stripe_refunds == []
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert LedgerEntry.objects.get(kind=Kind.REFUND).amount == -order.total


def test_the_refund_takes_post_only(staff_client):
    order = paid_by_card(two_vendor_order())
    assert staff_client.get(refund_url(order)).status_code == 405


# Balances and payouts ------------------------------------------------------------------------


def test_staff_record_a_payout_and_the_balance_goes_down(staff_client, staff):
    order = paid_by_card(two_vendor_order())
    part = order.parts.select_related("vendor").order_by("pk").first()
    vendor = part.vendor

    page = staff_client.get(payout_url(vendor)).content.decode()
    assert f"Rp\u00a0{part.total:,}".replace(",", ".") in page

    response = staff_client.post(
        payout_url(vendor), {"amount": "50.000", "reference": " BCA 0312-778 "}, follow=True
    )

    assert response.redirect_chain[-1][0] == BALANCES
    payout = LedgerEntry.objects.get(kind=Kind.PAYOUT)
    assert (payout.vendor, payout.amount, payout.reference, payout.created_by) == (
        vendor,
        -50000,
        "BCA 0312-778",
        staff,
    )
    assert f"Payout of Rp\u00a050.000 to {vendor.name} recorded." in messages_of(response)
    html = response.content.decode()
    row = re.search(rf'<tr data-vendor="{vendor.pk}">.*?</tr>', html, re.S).group(0)
    remaining = f"Rp\u00a0{part.total - 50000:,}".replace(",", ".")
    assert f"<td data-balance>{remaining}</td>" in row


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("50,000", "Write whole Rupiah, for example 1500000 or 1.500.000."),
        ("0", "Write an amount above zero."),
        ("9.999.999", "That is more than the platform owes this vendor"),
        ("", "This field is required."),
    ],
)
def test_a_payout_must_be_whole_rupiah_within_the_balance(staff_client, amount, message):
    order = paid_by_card(two_vendor_order())
    vendor = order.parts.first().vendor

    response = staff_client.post(payout_url(vendor), {"amount": amount, "reference": "BCA 1"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LedgerEntry.objects.filter(kind=Kind.PAYOUT).exists()


def test_a_payout_needs_a_reference(staff_client):
    vendor = paid_by_card(two_vendor_order()).parts.first().vendor
    response = staff_client.post(payout_url(vendor), {"amount": "1000", "reference": "  "})
    assert "This field is required." in response.content.decode()
    assert not LedgerEntry.objects.filter(kind=Kind.PAYOUT).exists()


def test_the_balances_list_sums_each_vendors_ledger_in_a_fixed_number_of_queries(staff_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(BALANCES)
        return len(queries), response.content.decode()

    order = paid_by_card(two_vendor_order())
    count()
    few, html = count()
    for part in order.parts.select_related("vendor"):
        assert part.vendor.name in html
    for _ in range(5):
        paid_by_card(two_vendor_order())
    many, html = count()

    assert many == few
    assert html.count("<tr data-vendor=") == 12
    total = sum(LedgerEntry.objects.values_list("amount", flat=True))
    assert f"data-total-owed>Rp\u00a0{total:,}".replace(",", ".") in html


# Pickups and outlet staff -------------------------------------------------------------------


def test_the_pickups_page_lists_today_and_tomorrow_at_each_outlet(staff_client):
    today = pay(airport_order(VendorFactory(), hour=9, flight="GA 404"))
    tomorrow = airport_order(VendorFactory(), days=1, payment=Order.Payment.AT_OUTLET)
    later = pay(airport_order(VendorFactory(), days=3))

    html = staff_client.get(PICKUPS).content.decode()

    section = re.search(r'data-outlet="sentral-oleh-oleh-t3".*?</section>', html, re.S).group(0)
    assert today.number in section and tomorrow.number in section
    assert section.index(today.number) < section.index(tomorrow.number)
    assert "GA404" in section
    assert later.number not in html
    assert 'data-outlet="rppkum-legok"' in html


def test_the_pickups_page_runs_a_fixed_number_of_queries(staff_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(PICKUPS).status_code == 200
        return len(queries)

    pay(airport_order(VendorFactory(), hour=9))
    count()
    few = count()
    for hour in (10, 11, 12):
        pay(airport_order(VendorFactory(), VendorFactory(), hour=hour))
    assert count() == few


def test_staff_assign_someone_to_an_outlet_by_username(staff_client, client):
    airport, _ = outlets()
    kasir = UserFactory(username="kasir-t3")

    response = staff_client.post(
        reverse("outlet_staff:add"), {"user": "kasir-t3", "location": airport.pk}
    )

    assert response.status_code == 302
    assignment = OutletAssignment.objects.get()
    assert (assignment.user, assignment.location) == (kasir, airport)
    edit = staff_client.get(reverse("outlet_staff:edit", args=[assignment.pk])).content.decode()
    assert 'value="kasir-t3"' in edit
    unknown = staff_client.post(
        reverse("outlet_staff:add"), {"user": "nobody", "location": airport.pk}
    )
    assert "No active account has this username." in unknown.content.decode()

    client.force_login(kasir)
    counter = reverse("fulfilment:outlet", args=[airport.slug])
    assert client.get(counter).status_code == 200

    staff_client.post(reverse("outlet_staff:delete", args=[assignment.pk]))
    assert not OutletAssignment.objects.exists()
    assert client.get(counter).status_code == 404


# Dashboard figures ---------------------------------------------------------------------------


def make_order(number, status, total, paid_at=None, refunded=0, **fields):
    defaults = {
        "payment_method": Order.Payment.CARD,
        "fulfilment": Order.Fulfilment.DELIVERY,
        "name": "Rina",
        "email": "rina@example.com",
        "whatsapp": "6281234567890",
    }
    defaults.update(fields)
    return Order.objects.create(
        number=number,
        status=status,
        subtotal=total,
        total=total,
        refunded_amount=refunded,
        paid_at=paid_at,
        **defaults,
    )


def test_order_figures_count_weeks_and_months_in_jakarta(django_assert_num_queries):
    airport, _ = outlets()
    pickup = {"fulfilment": Order.Fulfilment.PICKUP_AIRPORT, "pickup_location": airport}
    at = datetime.datetime
    utc = datetime.UTC
    S = Order.Status
    # Monday 10 March 2025, 00:30 in Jakarta (still Sunday in UTC): this week, an open pickup.
    make_order("A", S.PAID, 100_000, at(2025, 3, 9, 17, 30, tzinfo=utc), **pickup)
    # Sunday 9 March, 23:30 in Jakarta: the week before.
    make_order("B", S.PAID, 40_000, at(2025, 3, 9, 23, 30, tzinfo=JAKARTA))
    # 28 February: the week of 24 February, but not this month.
    make_order("C", S.COMPLETED, 70_000, at(2025, 2, 28, 23, 0, tzinfo=JAKARTA))
    # 1 March 00:10 (17:10 UTC on 28 February): this month and the week of 24 February;
    # 20.000 of it refunded.
    make_order("D", S.PAID, 50_000, at(2025, 2, 28, 17, 10, tzinfo=utc), refunded=20_000)
    # Refunded in full: counts as nothing.
    make_order("H", S.REFUNDED, 10_000, at(2025, 3, 5, 9, tzinfo=JAKARTA), refunded=10_000)
    # Before the twelve weeks.
    make_order("E", S.COMPLETED, 999_000, at(2024, 12, 22, 12, tzinfo=JAKARTA))
    # Waiting to be paid at the outlet: an open pickup, no sale.
    make_order("F", S.PENDING_PAYMENT, 30_000, payment_method=Order.Payment.AT_OUTLET, **pickup)
    make_order("G", S.CANCELLED, 30_000)

    with django_assert_num_queries(2):
        figures = order_figures(now=at(2025, 3, 12, 10, tzinfo=JAKARTA))

    assert figures["total"] == 8
    assert {row["value"]: row["count"] for row in figures["by_status"]} == {
        "pending_payment": 1,
        "paid": 3,
        "completed": 2,
        "cancelled": 1,
        "refunded": 1,
    }
    assert figures["month_sales"] == 100_000 + 40_000 + 30_000
    assert figures["month_orders"] == 4
    assert figures["open_pickups"] == 2
    weeks = figures["weeks"]
    assert len(weeks) == 12
    assert weeks[0]["monday"] == datetime.date(2024, 12, 23)
    assert weeks[-1]["monday"] == datetime.date(2025, 3, 10)
    assert all(week["monday"].weekday() == 0 for week in weeks)
    sales = {week["monday"]: week["sales"] for week in weeks}
    assert sales[datetime.date(2025, 3, 10)] == 100_000
    assert sales[datetime.date(2025, 3, 3)] == 40_000
    assert sales[datetime.date(2025, 2, 24)] == 100_000
    assert sum(sales.values()) == 240_000


def test_the_dashboard_panel_shows_the_figures_and_a_chart(staff_client):
    order = paid_by_card(two_vendor_order(price_a=30_000, price_b=40_000))
    pickup = airport_order(VendorFactory(), days=1, payment=Order.Payment.AT_OUTLET)
    assert pickup.status == Order.Status.PENDING_PAYMENT

    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()

    total = f"Rp\u00a0{order.total:,}".replace(",", ".")
    assert f'data-figure="month-sales">{total}<' in html
    assert 'data-figure="open-pickups">1<' in html
    assert 'data-figure="status-paid">1<' in html
    assert 'data-figure="status-pending_payment">1<' in html
    table = re.search(r'data-chart-table="order-figures-weeks".*?</table>', html, re.S).group(0)
    assert table.count("<tr>") == 12
    assert table.rstrip().split("<tr>")[-1].count(total) == 1  # this week, last
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html


# Who may look -------------------------------------------------------------------------------


def test_people_who_are_not_staff_cannot_reach_the_order_admin(client, stripe_refunds):
    order = paid_by_card(two_vendor_order())
    vendor = order.parts.first().vendor
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="orders", codename="view_order"),
    )
    client.force_login(user)

    for url in (INDEX, inspect_url(order), PICKUPS, BALANCES, payout_url(vendor)):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(refund_url(order), {"what": "order", "confirm": "on"}).status_code == 403
    assert client.post(payout_url(vendor), {"amount": "1000", "reference": "x"}).status_code == 403
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "order-figures" not in home
    assert BALANCES not in home

    assert stripe_refunds == []
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert not LedgerEntry.objects.filter(kind=Kind.PAYOUT).exists()


def test_signed_out_visitors_are_sent_to_the_admin_login(client):
    order = two_vendor_order()
    for url in (INDEX, inspect_url(order), PICKUPS, BALANCES):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))
