"""Paid invoices in the vendor's ledger and statement, apart from retail and counter sales;
the statement's query count does not grow with them. Overdue invoices listed for staff."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders import settlement
from orders.contracts import invoicing
from orders.contracts.invoice_payments import invoice_checkout_event, mark_transfer_received
from orders.models import LedgerEntry
from tests.factories import StaffFactory, UserFactory
from tests.orders.contracts.helpers_invoices import make_contract, receive, vendor_with_member

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=UTC), tick=False)


def paid_invoices(vendor, count=2):
    """``count`` invoices of ``vendor`` in March 2026: the first paid by transfer, the others by
    card."""
    contract = make_contract(vendor)
    invoices = []
    with at(2026, 3, 2, 3, 0):
        for sequence in range(1, count + 1):
            invoices.append(invoicing.delivery_received(receive(contract, sequence)))
        mark_transfer_received(invoices[0], reference="BCA 9", paid_on=datetime.date(2026, 3, 2))
        for invoice in invoices[1:]:
            session = {
                "metadata": {"invoice_id": str(invoice.pk)},
                "amount_total": invoice.total * 100,
                "currency": "idr",
                "payment_status": "paid",
                "payment_intent": f"pi_{invoice.pk}",
            }
            assert invoice_checkout_event("checkout.session.completed", session) == "invoice paid"
    return invoices


def test_the_statement_shows_partnership_invoices_apart(client, django_assert_num_queries):
    vendor, user = vendor_with_member()
    paid_invoices(vendor)
    LedgerEntry.objects.create(
        vendor=vendor,
        kind=LedgerEntry.Kind.SALE,
        amount=40000,
        reference="ETL-1",
        created_at=datetime.datetime(2026, 3, 3, 3, tzinfo=UTC),
    )
    with django_assert_num_queries(2):
        statement = settlement.monthly_statement(vendor, 2026, 3)
    assert statement["invoices"] == 500000  # both invoices, Rp 250.000 each
    assert statement["invoices_direct"] == -250000  # the transfer went to the vendor
    assert statement["sales"] == 40000
    assert statement["closing"] == 290000  # the card invoice and the sale are owed
    assert len(statement["invoice_lines"]) == 3
    assert [entry.reference for entry in statement["online_lines"]] == ["ETL-1"]
    client.force_login(user)
    with at(2026, 3, 20, 3, 0):
        text = client.get("/dasbor/keuangan/?bulan=2026-03").content.decode()
    assert 'data-figure="invoices_total"' in text
    assert text.count("data-invoice-entry=") == 3


def test_the_statement_page_costs_the_same_with_more_invoices(
    client, django_assert_max_num_queries
):
    vendor, user = vendor_with_member()
    paid_invoices(vendor, 2)
    client.force_login(user)
    url = "/dasbor/keuangan/?bulan=2026-03"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        first = client.get(url)
    assert first.status_code == 200, first
    queries = len(few)
    other, other_user = vendor_with_member()
    paid_invoices(other, 6)
    client.force_login(other_user)
    client.get(url)
    with django_assert_max_num_queries(queries):
        client.get(url)


def test_staff_see_overdue_invoices_in_the_admin(client):
    vendor, _user = vendor_with_member()
    contract = make_contract(vendor, terms=14)
    with at(2026, 3, 2, 3, 0):
        overdue = invoicing.delivery_received(receive(contract, 1))
    with at(2026, 3, 20, 3, 0):
        not_due = invoicing.delivery_received(receive(contract, 2))
    client.force_login(StaffFactory())
    with at(2026, 3, 25, 3, 0):
        menu = client.get("/admin/").content.decode()
        response = client.get("/admin/tagihan-terlambat/")
    assert "/admin/tagihan-terlambat/" in menu
    text = response.content.decode()
    assert response.status_code == 200
    assert overdue.number in text and not_due.number not in text


def test_only_staff_see_the_overdue_list(client):
    client.force_login(UserFactory())
    response = client.get("/admin/tagihan-terlambat/")
    assert response.status_code in (302, 403)
