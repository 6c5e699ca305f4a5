"""Invoices of supply contracts: issued for what was received, numbered per vendor without
gaps, PKP tax (PMK 131/2024) or its absence stated, due dates from the payment terms, paid
once by transfer, the ledger, the monthly invoices and the reminders of overdue ones."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from orders.contracts import invoicing
from orders.contracts.invoice_payments import mark_transfer_received, send_overdue_reminders
from orders.contracts.models import ContractEvent, Invoice, SupplyContract
from orders.models import LedgerEntry
from tests.orders.contracts.helpers_invoices import (
    BUYER_NPWP,
    make_contract,
    receive,
    vendor_with_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    """Messages read as the site's default language shows them, whatever ran before."""
    with translation.override("id"):
        yield


UTC = datetime.UTC


def at(*args):
    """A frozen moment, given in UTC."""
    return time_machine.travel(datetime.datetime(*args, tzinfo=UTC), tick=False)


def test_a_delivery_received_is_invoiced_for_the_quantities_received(
    django_capture_on_commit_callbacks,
):
    vendor, _user = vendor_with_member(npwp="0987654321098765", is_pkp=False)
    contract = make_contract(
        vendor, lines=[("Keripik 100 g", "pcs", 100, 2500), ("Rengginang", "pack", 20, 12000)]
    )
    with at(2026, 3, 2, 3, 0), django_capture_on_commit_callbacks(execute=True):
        delivery = receive(contract, received=[90, 20])
        invoice = invoicing.delivery_received(delivery)
    assert [(line.description, line.quantity, line.amount) for line in invoice.lines.all()] == [
        ("Keripik 100 g", 90, 225000),
        ("Rengginang", 20, 240000),
    ]
    assert invoice.subtotal == invoice.total == 465000
    assert (invoice.tax_base, invoice.vat) == (0, 0)
    assert invoice.buyer_npwp == BUYER_NPWP
    assert invoice.buyer_legal_name == "PT Cisadane Asri Hotel"
    assert invoice.vendor_npwp == "0987654321098765"
    assert invoice.number == f"INV/{vendor.pk}/2026/0001"
    assert invoice.issued_on == datetime.date(2026, 3, 2)
    assert invoice.due_on == datetime.date(2026, 4, 1)  # 30 days
    assert [m.to for m in mail.outbox] == [["pengadaan@hotel.example"]]
    assert invoice.number in mail.outbox[0].subject
    assert f"/kemitraan/kontrak/{contract.token}/tagihan/{invoice.pk}/" in mail.outbox[0].body
    assert ContractEvent.objects.filter(contract=contract, kind="invoice_issued").exists()
    # Called again (a retry), nothing more is issued.
    assert invoicing.delivery_received(delivery) is None
    assert Invoice.objects.count() == 1


def test_a_pkp_charges_ppn_12_percent_on_eleven_twelfths():
    vendor, _user = vendor_with_member(npwp="0987654321098765", is_pkp=True)
    contract = make_contract(vendor, terms=14, lines=[("Keripik", "pcs", 100, 2500)])
    with at(2026, 1, 31, 20, 0):  # 1 February in Jakarta
        invoice = invoicing.delivery_received(receive(contract))
    # DPP 250.000 × 11/12 = 229.167 (rounded); PPN 12 % = 27.500; total 277.500.
    assert (invoice.subtotal, invoice.tax_base, invoice.vat, invoice.total) == (
        250000,
        229167,
        27500,
        277500,
    )
    assert invoice.vendor_is_pkp
    assert invoice.issued_on == datetime.date(2026, 2, 1)
    assert invoice.due_on == datetime.date(2026, 2, 15)


@pytest.mark.parametrize(
    ("subtotal", "tax_base", "vat"), [(1, 1, 0), (12, 11, 1), (1000000, 916667, 110000)]
)
def test_tax_amounts_round_half_up(subtotal, tax_base, vat):
    assert invoicing.tax_amounts(subtotal, True) == {
        "subtotal": subtotal,
        "tax_base": tax_base,
        "vat": vat,
        "total": subtotal + vat,
    }


def test_a_monthly_contract_is_not_invoiced_per_delivery():
    vendor, _user = vendor_with_member()
    contract = make_contract(vendor, invoicing=SupplyContract.Invoicing.MONTHLY)
    assert invoicing.delivery_received(receive(contract)) is None
    assert not Invoice.objects.exists()


def test_numbers_run_per_vendor_and_year_without_gaps():
    vendor, _user = vendor_with_member()
    other, _other_user = vendor_with_member()
    contract, other_contract = make_contract(vendor), make_contract(other)
    with at(2026, 12, 30, 3, 0):
        first = invoicing.delivery_received(receive(contract, 1))
        second = invoicing.delivery_received(receive(contract, 2))
        others = invoicing.delivery_received(receive(other_contract, 1))
    with at(2027, 1, 2, 3, 0):
        next_year = invoicing.delivery_received(receive(contract, 3))
    assert first.number == f"INV/{vendor.pk}/2026/0001"
    assert second.number == f"INV/{vendor.pk}/2026/0002"
    assert others.number == f"INV/{other.pk}/2026/0001"
    assert next_year.number == f"INV/{vendor.pk}/2027/0001"


def test_monthly_invoices_cover_the_jakarta_month_once(django_capture_on_commit_callbacks):
    vendor, _user = vendor_with_member()
    contract = make_contract(
        vendor, invoicing=SupplyContract.Invoicing.MONTHLY, lines=[("Keripik", "pcs", 10, 1000)]
    )
    # 31 Jan 18:00 UTC is 1 February in Jakarta: February's, not January's.
    receive(contract, 1, at=datetime.datetime(2026, 1, 10, 3, tzinfo=UTC))
    receive(contract, 2, received=[7], at=datetime.datetime(2026, 1, 31, 16, tzinfo=UTC))
    receive(contract, 3, at=datetime.datetime(2026, 1, 31, 18, tzinfo=UTC))
    with at(2026, 2, 1, 1, 0), django_capture_on_commit_callbacks(execute=True):
        assert invoicing.issue_monthly_invoices() == 1
        assert invoicing.issue_monthly_invoices() == 0
    invoice = Invoice.objects.get()
    assert invoice.period == datetime.date(2026, 1, 1)
    assert invoice.delivery is None
    assert [(line.quantity, line.amount) for line in invoice.lines.all()] == [(17, 17000)]
    assert invoice.total == 17000
    assert invoice.due_on == datetime.date(2026, 3, 3)
    with at(2026, 3, 1, 1, 0):
        assert invoicing.issue_monthly_invoices() == 1
    assert Invoice.objects.get(period=datetime.date(2026, 2, 1)).total == 10000


def test_transfer_received_pays_once_and_writes_the_ledger(django_capture_on_commit_callbacks):
    vendor, user = vendor_with_member(email="toko@example.com")
    contract = make_contract(vendor)
    with at(2026, 3, 2, 3, 0):
        invoice = invoicing.delivery_received(receive(contract))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            mark_transfer_received(
                invoice, reference="BCA 123", paid_on=datetime.date(2026, 3, 2), user=user
            )
        invoice.refresh_from_db()
        assert (invoice.status, invoice.paid_via) == ("paid", "transfer")
        assert sorted(mail.outbox[0].to) == sorted({"toko@example.com", user.email})
        with pytest.raises(ValidationError, match="sudah lunas"):
            mark_transfer_received(invoice, reference="BCA 124", paid_on=datetime.date(2026, 3, 2))
    entries = LedgerEntry.objects.filter(invoice=invoice).order_by("pk")
    assert [(e.kind, e.amount) for e in entries] == [
        ("invoice", 250000),
        ("invoice_direct", -250000),
    ]
    assert ContractEvent.objects.filter(kind="invoice_paid").count() == 1


@pytest.mark.parametrize(
    ("reference", "paid_on", "message"),
    [
        ("", datetime.date(2026, 3, 2), "referensi"),
        ("BCA 1", datetime.date(2026, 3, 3), "masa depan"),
        ("BCA 1", datetime.date(2026, 3, 1), "sebelum tagihan"),
    ],
)
def test_a_transfer_without_reference_or_with_a_wrong_date_is_refused(reference, paid_on, message):
    vendor, _user = vendor_with_member()
    with at(2026, 3, 2, 3, 0):
        invoice = invoicing.delivery_received(receive(make_contract(vendor)))
        with pytest.raises(ValidationError, match=message):
            mark_transfer_received(invoice, reference=reference, paid_on=paid_on)
    invoice.refresh_from_db()
    assert invoice.status == "issued"
    assert not LedgerEntry.objects.exists()


def test_overdue_invoices_are_reminded_at_most_weekly(django_capture_on_commit_callbacks):
    vendor, _user = vendor_with_member()
    with at(2026, 3, 2, 3, 0):
        invoice = invoicing.delivery_received(receive(make_contract(vendor, terms=14)))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with at(2026, 3, 16, 3, 0):  # due today: not overdue yet
            assert send_overdue_reminders() == 0
        with at(2026, 3, 16, 17, 30):  # 17 March in Jakarta
            assert send_overdue_reminders() == 1
            assert send_overdue_reminders() == 0
        with at(2026, 3, 23, 3, 0):
            assert send_overdue_reminders() == 0
        with at(2026, 3, 23, 17, 30):  # 24 March in Jakarta: seven days on
            assert send_overdue_reminders() == 1
    assert len(mail.outbox) == 2
    assert all(m.to == ["pengadaan@hotel.example"] for m in mail.outbox)
    assert invoice.number in mail.outbox[0].subject
    invoice.refresh_from_db()
    assert invoice.last_reminded_on == datetime.date(2026, 3, 24)
    with at(2026, 4, 30, 3, 0):
        mark_transfer_received(invoice, reference="x", paid_on=datetime.date(2026, 4, 30))
        assert send_overdue_reminders() == 0


def test_the_cron_commands_issue_and_remind(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    vendor, _user = vendor_with_member()
    contract = make_contract(
        vendor,
        invoicing=SupplyContract.Invoicing.MONTHLY,
        terms=14,
        lines=[("Keripik", "pcs", 10, 1000)],
    )
    receive(contract, 1, at=datetime.datetime(2026, 1, 10, 3, tzinfo=UTC))
    with at(2026, 2, 1, 1, 0), django_capture_on_commit_callbacks(execute=True):
        call_command("issue_monthly_invoices", stdout=open("/dev/null", "w"))
    assert Invoice.objects.get().due_on == datetime.date(2026, 2, 15)
    mail.outbox.clear()
    with at(2026, 2, 20, 1, 0), django_capture_on_commit_callbacks(execute=True):
        call_command("send_invoice_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
