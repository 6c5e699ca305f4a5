"""Two clerks (and more) selling the same shelf items at once never oversell, never
deadlock, and never share a receipt number (PostgreSQL only)."""

import threading

import pytest
from django.db import connection, connections

from catalog.models import LocationStock
from orders.outlets.models import CounterSale
from orders.outlets.sales import SaleRefused, sell

from .sales_helpers import outlet, shelf_item, staff

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL concurrency"),
    pytest.mark.django_db(transaction=True),
]


def _race(location, clerks, baskets):
    start = threading.Barrier(len(baskets))
    outcomes = []

    def run(clerk, basket):
        try:
            start.wait()
            sell(location, clerk, basket, "cash")
            outcomes.append("sold")
        except SaleRefused:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - any other failure is the finding
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(clerks[i % len(clerks)], basket))
        for i, basket in enumerate(baskets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_clerks_racing_for_the_last_five_never_oversell():
    rppkum = outlet()
    clerks = [staff(rppkum), staff(rppkum)]
    kopi = shelf_item(rppkum, quantity=5)
    outcomes = _race(rppkum, clerks, [[(kopi, 1)] for _ in range(12)])
    assert outcomes.count("sold") == 5 and outcomes.count("refused") == 7
    assert LocationStock.objects.get(pk=kopi.pk).quantity == 0
    numbers = list(CounterSale.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 5


def test_baskets_in_opposite_orders_do_not_deadlock():
    rppkum = outlet()
    clerks = [staff(rppkum), staff(rppkum)]
    a, b = shelf_item(rppkum, quantity=10), shelf_item(rppkum, quantity=10)
    baskets = [[(a, 1), (b, 1)] if i % 2 else [(b, 1), (a, 1)] for i in range(12)]
    outcomes = _race(rppkum, clerks, baskets)
    assert outcomes.count("sold") == 10 and outcomes.count("refused") == 2
    assert LocationStock.objects.get(pk=a.pk).quantity == 0
