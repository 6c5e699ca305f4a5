"""The invoices' pages: the buyer's on the contract's private link (page, printable page,
PDF, pay by card through Stripe Checkout and the webhook), the vendor's list and "transfer
received"; each vendor sees only its own, the buyer only by the token."""

import datetime
import json

import pytest
import stripe
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from orders import payments
from orders.contracts import invoicing
from orders.contracts.invoice_payments import start_card_payment
from orders.contracts.models import Invoice
from orders.models import LedgerEntry, StripeEvent
from tests.orders.contracts.helpers_invoices import make_contract, receive, vendor_with_member
from tests.orders.test_payments import FakeStripe, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():
    """Messages read as the site's default language shows them, whatever ran before."""
    with translation.override("id"):
        yield


UTC = datetime.UTC


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=UTC), tick=False)


def issued(**vendor_fields):
    vendor, user = vendor_with_member(**vendor_fields)
    contract = make_contract(vendor)
    with at(2026, 3, 2, 3, 0):
        invoice = invoicing.delivery_received(receive(contract))
    return vendor, user, contract, invoice


def page_url(invoice, suffix=""):
    return f"/kemitraan/kontrak/{invoice.contract.token}/tagihan/{invoice.pk}/{suffix}"


def test_the_buyer_sees_the_invoice_with_the_vendors_account_by_the_private_link(client):
    _vendor, _user, _contract, invoice = issued(
        is_pkp=False,
        bank_name="BRI",
        bank_account_number="002101000123567",
        bank_account_holder="Siti Aminah",
    )
    response = client.get(page_url(invoice))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert invoice.number in text
    assert "0123456789012345" in text  # the buyer's NPWP
    assert "002101000123567" in text and "Siti Aminah" in text
    assert "Penjual bukan PKP; tidak memungut PPN" in text
    assert "Rp\xa0250.000" in text


def test_the_buyer_is_told_plainly_when_the_vendor_has_no_account(client):
    *_rest, invoice = issued()
    text = client.get(page_url(invoice)).content.decode()
    assert "data-no-bank-account" in text
    assert "data-bank-account" not in text


def test_printable_page_and_pdf(client):
    *_rest, invoice = issued(is_pkp=True, npwp="0987654321098765")
    printed = client.get(page_url(invoice, "cetak/"))
    assert printed.status_code == 200
    assert "Rp\xa027.500" in printed.content.decode()  # PPN 12 % of DPP 229.167
    pdf = client.get(page_url(invoice, "pdf/"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "private, no-store"


def test_another_contracts_token_or_a_wrong_token_finds_nothing(client):
    *_rest, invoice = issued()
    *_rest, other = issued()
    wrong = f"/kemitraan/kontrak/{other.contract.token}/tagihan/{invoice.pk}/"
    assert client.get(wrong).status_code == 404
    assert client.get(f"/kemitraan/kontrak/{'x' * 43}/tagihan/{invoice.pk}/").status_code == 404
    assert (
        client.get(page_url(invoice, "pdf/").replace(invoice.contract.token, "x" * 43)).status_code
        == 404
    )


def test_the_vendor_lists_its_own_invoices_overdue_marked(client, django_assert_max_num_queries):
    vendor, user, contract, first = issued()
    with at(2026, 3, 20, 3, 0):
        second = invoicing.delivery_received(receive(contract, 2))
    *_rest, others = issued()
    client.force_login(user)
    with at(2026, 4, 5, 3, 0):  # the first is due 1 April: overdue; the second 19 April
        response = client.get("/dasbor/tagihan/")
    text = response.content.decode()
    assert first.number in text and second.number in text
    assert others.number not in text
    assert text.count("data-overdue") == 1
    assert client.get(f"/dasbor/tagihan/{others.pk}/").status_code == 404
    assert client.get(f"/dasbor/tagihan/{others.pk}/pdf/").status_code == 404
    assert client.get(f"/dasbor/tagihan/{first.pk}/pdf/").content.startswith(b"%PDF")
    # The list costs the same queries however many invoices.
    with at(2026, 4, 5, 3, 0):
        for sequence in range(3, 8):
            invoicing.delivery_received(receive(contract, sequence))
        client.get("/dasbor/tagihan/")
        with CaptureQueriesContext(connection) as few:
            client.get("/dasbor/tagihan/")
    queries = len(few)
    with at(2026, 4, 5, 3, 0):
        for sequence in range(8, 14):
            invoicing.delivery_received(receive(contract, sequence))
        with django_assert_max_num_queries(queries):
            client.get("/dasbor/tagihan/")


def test_the_list_needs_a_login(client):
    assert client.get("/dasbor/tagihan/").status_code == 302


def test_transfer_received_from_the_dashboard_once(client, django_capture_on_commit_callbacks):
    vendor, user, _contract, invoice = issued()
    client.force_login(user)
    url = f"/dasbor/tagihan/{invoice.pk}/"
    with at(2026, 3, 5, 3, 0):
        refused = client.post(url, {"reference": "BCA 77", "paid_on": "2026-03-09"})
        assert "BCA 77" in refused.content.decode()  # what was typed is kept
        invoice.refresh_from_db()
        assert invoice.status == "issued"
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(url, {"reference": "BCA 77", "paid_on": "2026-03-04"})
        assert done.status_code == 302
        again = client.post(url, {"reference": "BCA 78", "paid_on": "2026-03-04"}, follow=True)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_via, invoice.payment_reference) == (
        "paid",
        "transfer",
        "BCA 77",
    )
    assert "Tandai lunas via transfer" not in again.content.decode()
    assert "Tagihan ini sudah lunas." in again.content.decode()
    assert LedgerEntry.objects.filter(invoice=invoice).count() == 2
    assert any(
        invoice.number in m.subject for m in mail.outbox if m.to != [invoice.contract.buyer_email]
    )


# Card: Checkout Session (Stripe-shaped fake client), webhook signed as Stripe signs ---------


def test_the_checkout_session_asks_for_the_invoice_total_in_idr(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    *_rest, invoice = issued(is_pkp=True)
    fake = FakeStripe()
    session = start_card_payment(
        invoice, success_url="https://x/ok", cancel_url="https://x/back", http_client=fake
    )
    assert session["url"].startswith("https://checkout.stripe.com/")
    sent = fake.requests[0][3]
    assert "line_items[0][price_data][unit_amount]=27750000" in sent  # Rp 277.500
    assert "line_items[0][price_data][currency]=idr" in sent
    assert f"metadata[invoice_id]={invoice.pk}" in sent
    invoice.refresh_from_db()
    assert invoice.stripe_session_id == "cs_test_123"


def test_pay_by_card_when_stripe_is_unreachable_says_so(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    *_rest, invoice = issued()
    response = client.post(page_url(invoice, "bayar-kartu/"), follow=True)
    assert "Pembayaran kartu sedang tidak tersedia" in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == "issued"


def _completed(invoice, event_id, intent="pi_test_1", amount=None):
    session = {
        "id": "cs_test_123",
        "object": "checkout.session",
        "client_reference_id": f"invoice-{invoice.pk}",
        "metadata": {"invoice_id": str(invoice.pk), "invoice_number": invoice.number},
        "amount_total": (invoice.total if amount is None else amount) * 100,
        "currency": "idr",
        "payment_status": "paid",
        "payment_intent": intent,
    }
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": "checkout.session.completed",
            "data": {"object": session},
        }
    ).encode()


def _post(client, body):
    return client.post(
        "/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, "whsec_test_secret"),
    )


def test_a_card_payment_at_localstripe_marks_the_invoice_paid_once(
    client, localstripe, django_capture_on_commit_callbacks
):
    *_rest, invoice = issued()
    intent = payments.client().v1.payment_intents.create(
        {
            "amount": payments.to_stripe_amount(invoice.total),
            "currency": "idr",
            "payment_method": "pm_card_visa",
            "confirm": True,
        }
    )
    assert intent.status == "succeeded"
    with django_capture_on_commit_callbacks(execute=True):
        first = _post(client, _completed(invoice, "evt_inv_1", intent.id))
    assert first.content == b"invoice paid"
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_via, invoice.payment_reference) == (
        "paid",
        "card",
        intent.id,
    )
    # Paid twice (a second session): ignored, nothing more in the ledger.
    second = _post(client, _completed(invoice, "evt_inv_2", "pi_other"))
    assert second.content == b"invoice already paid"
    assert [(e.kind, e.amount) for e in LedgerEntry.objects.filter(invoice=invoice)] == [
        ("invoice", invoice.total)
    ]
    assert StripeEvent.objects.count() == 2
    # The buyer's page no longer offers to pay; asking anyway is refused.
    page = client.get(page_url(invoice)).content.decode()
    assert "bayar-kartu" not in page
    refused = client.post(page_url(invoice, "bayar-kartu/"), follow=True)
    assert refused.redirect_chain[-1][0] == page_url(invoice)


def test_a_card_payment_for_the_wrong_amount_pays_nothing(client, webhook_secret):
    *_rest, invoice = issued()
    response = _post(client, _completed(invoice, "evt_inv_3", amount=invoice.total - 1))
    assert response.content == b"invoice amount mismatch"
    invoice.refresh_from_db()
    assert invoice.status == "issued"
    assert not LedgerEntry.objects.exists()


@pytest.fixture
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"


def test_stripe_errors_surface_as_payment_unavailable(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    *_rest, invoice = issued()
    with pytest.raises(payments.PaymentUnavailable):
        start_card_payment(
            invoice, success_url="a", cancel_url="b", http_client=FakeStripe(fail=True)
        )
    assert Invoice.objects.get().stripe_session_id == ""
    assert stripe  # the library the module talks through


def test_the_card_button_shows_only_where_card_payment_is_set_up(client, settings):
    *_rest, invoice = issued()
    settings.STRIPE_SECRET_KEY = ""
    assert "/bayar-kartu/" not in client.get(page_url(invoice)).content.decode()
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    assert "/bayar-kartu/" in client.get(page_url(invoice)).content.decode()
