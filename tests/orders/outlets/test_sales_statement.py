"""The vendor's monthly statement shows counter sales (its share, less the outlet's margin)
apart from online sales, in totals and lines, without more queries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from orders import settlement
from orders.models import LedgerEntry
from orders.outlets.sales import sell, void
from tests.factories import MembershipFactory, VendorFactory

from .sales_helpers import MORNING, outlet, shelf_item, staff, supervisor

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(MORNING, tick=False):
        yield


def _figure(html, name):
    start = html.index(f'data-figure="{name}">') + len(f'data-figure="{name}">')
    return html[start : html.index("<", start)]


def _vendor_with_sales(count=1):
    vendor = VendorFactory(name="Kopi Legok")
    rppkum = outlet(margin=10)
    clerk = staff(rppkum)
    kopi = shelf_item(rppkum, quantity=50, price=25000, vendor=vendor)
    sales = [sell(rppkum, clerk, [(kopi, 2)], "cash") for _ in range(count)]
    LedgerEntry.objects.create(vendor=vendor, kind=Kind.SALE, amount=30000, reference="ET-ONLINE")
    return vendor, rppkum, sales


def _statement(client, vendor):
    client.force_login(MembershipFactory(vendor=vendor).user)
    with translation.override("en"):
        url = reverse("fulfilment:statement")
    return client.get(url, {"bulan": "2026-11"}).content.decode()


def test_the_statement_shows_counter_sales_apart_from_online_sales(client):
    vendor, rppkum, (sale, voided) = _vendor_with_sales(2)
    void(voided, supervisor(rppkum), "Salah barang")
    data = settlement.monthly_statement(vendor, 2026, 11)
    assert data["sales"] == 30000
    assert data["counter_sales"] == 90000 and data["counter_voids"] == -45000
    assert data["closing"] == 75000
    html = _statement(client, vendor)
    assert _figure(html, "sales") == "Rp\u00a030.000"
    assert _figure(html, "counter_sales") == "Rp\u00a090.000"
    assert _figure(html, "counter_total") == "Rp\u00a045.000"
    assert html.count("data-online") == 1 and html.count("data-counter=") == 3
    assert f"{sale.number} " in html and "ET-ONLINE" in html


def test_counter_sales_do_not_add_queries(client, django_assert_max_num_queries):
    vendor, _, _ = _vendor_with_sales(1)
    with django_assert_max_num_queries(2):
        settlement.monthly_statement(vendor, 2026, 11)
    client.force_login(MembershipFactory(vendor=vendor).user)
    url = reverse("fulfilment:statement")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    rppkum = outlet(margin=10)
    more = shelf_item(rppkum, quantity=50, vendor=vendor)
    for _ in range(4):
        sell(rppkum, staff(rppkum), [(more, 1)], "qris")
    client.get(url)  # the first page after a public change renders the cached footer again
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
