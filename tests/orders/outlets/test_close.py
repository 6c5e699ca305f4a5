"""The day's close: the summary by payment kind and by vendor, voids and pickups collected;
closed once by a supervisor, e-mailed to the outlet's supervisor e-mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from orders.models import Order
from orders.outlets.close import summary
from orders.outlets.models import DailyClose
from orders.outlets.sales import sell, void
from tests.factories import VendorFactory
from tests.orders.helpers import two_vendor_order

from .sales_helpers import MORNING, outlet, shelf_item, staff, supervisor

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(MORNING, tick=False):
        yield


def _day_of_sales():
    rppkum = outlet(margin=10)
    clerk, boss = staff(rppkum), supervisor(rppkum)
    kopi = shelf_item(rppkum, price=25000, vendor=VendorFactory(name="Kopi Legok"))
    dodol = shelf_item(rppkum, price=40000, vendor=VendorFactory(name="Dodol Mauk"))
    sell(rppkum, clerk, [(kopi, 2), (dodol, 1)], "cash")
    sell(rppkum, clerk, [(dodol, 1)], "qris")
    voided = sell(rppkum, clerk, [(kopi, 1)], "cash")
    void(voided, boss, "Salah barang")
    with time_machine.travel(MORNING - datetime.timedelta(days=1), tick=False):
        sell(rppkum, clerk, [(kopi, 1)], "card")  # yesterday: not counted
    order = two_vendor_order()
    Order.objects.filter(pk=order.pk).update(
        fulfilment=Order.Fulfilment.PICKUP_RPPKUM, pickup_location=rppkum, collected_at=MORNING
    )
    return rppkum, boss, voided, order


def test_the_summary_counts_the_days_sales_by_payment_and_vendor_voids_and_pickups():
    rppkum, _, voided, order = _day_of_sales()
    data = summary(rppkum, DAY)
    payments = {row["payment"]: (row["count"], row["total"]) for row in data["payments"]}
    assert payments == {"cash": (1, 90000), "qris": (1, 40000), "card": (0, 0)}
    assert data["total"] == 130000 and data["sales"] == 2
    assert data["vendors"] == [
        {"vendor": "Dodol Mauk", "amount": 80000, "margin": 8000, "share": 72000},
        {"vendor": "Kopi Legok", "amount": 50000, "margin": 5000, "share": 45000},
    ]
    assert data["voids"] == [{"number": voided.number, "total": 25000, "reason": "Salah barang"}]
    assert data["pickups"] == [order.number]


def test_a_supervisor_closes_the_day_once_and_the_summary_is_emailed(
    client, django_capture_on_commit_callbacks
):
    rppkum, boss, _, _ = _day_of_sales()
    url = reverse("outlets:close", args=[rppkum.slug])
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert "Rp\u00a0130.000" in page and "Dodol Mauk" in page and "Salah barang" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    closed = DailyClose.objects.get(location=rppkum, day=DAY)
    assert closed.summary["total"] == 130000 and closed.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["spv@example.com"]]
    assert "Kopi Legok" in mail.outbox[0].body and "Rp\u00a0130.000" in mail.outbox[0].body
    page = client.post(url, follow=True).content.decode()
    assert "Hari ini sudah ditutup" in page
    assert DailyClose.objects.count() == 1 and len(mail.outbox) == 1


def test_a_clerk_or_another_outlets_supervisor_cannot_see_or_close_the_day(client):
    rppkum, _, _, _ = _day_of_sales()
    url = reverse("outlets:close", args=[rppkum.slug])
    client.force_login(staff(rppkum))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    from tests.orders.helpers import outlets

    client.force_login(supervisor(outlets()[0]))
    assert client.get(url).status_code == 404
    assert not DailyClose.objects.exists()


def test_the_close_page_query_count_does_not_grow_with_the_sales(client, django_assert_num_queries):
    rppkum, boss, _, _ = _day_of_sales()
    client.force_login(boss)
    url = reverse("outlets:close", args=[rppkum.slug])
    client.get(url)
    with django_assert_num_queries(CLOSE_QUERIES):
        client.get(url)
    extra = shelf_item(rppkum, vendor=VendorFactory(name="Emping"))
    sell(rppkum, boss, [(extra, 1)], "card")
    client.get(url)  # the first page after a public change renders the cached footer again
    with django_assert_num_queries(CLOSE_QUERIES):
        client.get(url)


CLOSE_QUERIES = 11
