"""Invoice numbers under concurrency (PostgreSQL): buyers confirming deliveries of one vendor at
the same moment get numbers one after the other, none twice, none skipped; a monthly run
started twice issues one invoice per contract and month."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection, connections, transaction

from orders.contracts import invoicing
from orders.contracts.models import Invoice, SupplyContract
from tests.orders.contracts.helpers_invoices import make_contract, receive, vendor_with_member

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL concurrency"),
    pytest.mark.django_db(transaction=True),
]
MOMENT = datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC)


def race(work, items):
    start = threading.Barrier(len(items))
    errors = []

    def run(item):
        try:
            start.wait()
            work(item)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_concurrent_receipts_are_numbered_without_gaps_or_twins():
    vendor, _user = vendor_with_member()
    contracts = [make_contract(vendor) for _ in range(4)]
    deliveries = [receive(contract, sequence) for contract in contracts for sequence in (1, 2)]

    def confirm(delivery):
        with time_machine.travel(MOMENT, tick=False), transaction.atomic():
            invoicing.delivery_received(delivery)

    race(confirm, deliveries)
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"INV/{vendor.pk}/2026/{n:04d}" for n in range(1, 9)]


def test_a_monthly_run_started_twice_issues_once():
    vendor, _user = vendor_with_member()
    contract = make_contract(vendor, invoicing=SupplyContract.Invoicing.MONTHLY)
    receive(contract, 1, at=datetime.datetime(2026, 1, 10, 3, tzinfo=datetime.UTC))

    def run(_index):
        with time_machine.travel(datetime.datetime(2026, 2, 1, 1, tzinfo=datetime.UTC), tick=False):
            invoicing.issue_monthly_invoices()

    race(run, [1, 2, 3])
    assert Invoice.objects.filter(contract=contract).count() == 1
