"""Paying a supply contract's invoice — by bank transfer to the vendor (the vendor marks it
received) or by card through Stripe Checkout (the webhook marks it paid) — the vendor's
ledger entries of a paid invoice, and the reminders of overdue invoices."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.time import JAKARTA
from orders import payments
from orders.models import LedgerEntry

from .invoice_tasks import send_invoice_email
from .invoicing import today
from .models import ContractEvent, Invoice

REMIND_EVERY_DAYS = 7


def _refuse_unless_payable(invoice: Invoice) -> None:
    if invoice.status == Invoice.Status.PAID:
        raise ValidationError(_("This invoice is already paid."), code="already_paid")
    Invoice.TRANSITIONS.check(invoice, Invoice.Status.PAID)


def _mark_paid(invoice: Invoice, *, via: str, reference: str, paid_at, user=None) -> Invoice:
    """Inside the caller's transaction, ``invoice`` locked: PAID, the ledger entries, the
    event, and the vendor's e-mail after the commit."""
    _refuse_unless_payable(invoice)
    invoice.status = Invoice.Status.PAID
    invoice.paid_via = via
    invoice.paid_at = paid_at
    invoice.payment_reference = reference[:120]
    invoice.save(update_fields=["status", "paid_via", "paid_at", "payment_reference"])
    entry = {"vendor_id": invoice.vendor_id, "invoice": invoice, "created_by": user}
    LedgerEntry.objects.create(
        kind=LedgerEntry.Kind.INVOICE, amount=invoice.total, reference=invoice.number, **entry
    )
    if via == Invoice.PaidVia.TRANSFER:
        # The buyer paid the vendor's own account: the platform owes nothing of it.
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.INVOICE_DIRECT,
            amount=-invoice.total,
            reference=invoice.number,
            **entry,
        )
    ContractEvent.objects.create(
        contract_id=invoice.contract_id,
        actor=user,
        kind="invoice_paid",
        params={"number": invoice.number, "via": via},
    )
    transaction.on_commit(lambda: send_invoice_email.enqueue(invoice.pk, "paid"))
    return invoice


def mark_transfer_received(
    invoice: Invoice, *, reference: str, paid_on: datetime.date, user=None
) -> Invoice:
    """The vendor says the buyer's transfer arrived (its reference and date): PAID via
    transfer. Refused for an invoice already paid or cancelled, a date in the future or
    before the invoice was issued, or no reference."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError(_("Give the transfer's reference."), code="reference")
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        _refuse_unless_payable(invoice)
        if paid_on > today():
            raise ValidationError(_("The transfer's date cannot be in the future."))
        if paid_on < invoice.issued_on:
            raise ValidationError(_("The transfer's date is before the invoice was issued."))
        paid_at = datetime.datetime.combine(paid_on, datetime.time(12), tzinfo=JAKARTA)
        if paid_on == today():
            paid_at = timezone.now()
        return _mark_paid(
            invoice, via=Invoice.PaidVia.TRANSFER, reference=reference, paid_at=paid_at, user=user
        )


def start_card_payment(invoice: Invoice, *, success_url: str, cancel_url: str, http_client=None):
    """A Stripe Checkout Session for the invoice's total; returns the session (its ``url`` is
    where the buyer pays). ValidationError when it is paid already; PaymentUnavailable
    when Stripe cannot be reached."""
    _refuse_unless_payable(invoice)
    session = payments.create_invoice_checkout_session(
        invoice, success_url=success_url, cancel_url=cancel_url, http_client=http_client
    )
    Invoice.objects.filter(pk=invoice.pk).update(stripe_session_id=session["id"])
    return session


def invoice_checkout_event(kind: str, session: dict) -> str:
    """A Checkout Session event of an invoice (its metadata names it), inside the webhook's
    transaction. A second payment of a paid invoice is ignored (and said so)."""
    if kind not in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        return "ignored"
    if kind == "checkout.session.completed" and session.get("payment_status") != "paid":
        return "awaiting async payment"
    invoice_id = str((session.get("metadata") or {}).get("invoice_id", ""))
    invoice = (
        Invoice.objects.select_for_update().filter(pk=invoice_id).first()
        if invoice_id.isdigit()
        else None
    )
    if invoice is None:
        return "no such invoice"
    amount = payments.from_stripe_amount(session.get("amount_total") or 0)
    if amount != invoice.total or (session.get("currency") or "").lower() != payments.CURRENCY:
        return "invoice amount mismatch"
    if invoice.status != Invoice.Status.ISSUED:
        return f"invoice already {invoice.status}"
    intent = session.get("payment_intent") or session.get("id") or ""
    if isinstance(intent, dict):
        intent = intent.get("id", "")
    _mark_paid(invoice, via=Invoice.PaidVia.CARD, reference=intent, paid_at=timezone.now())
    return "invoice paid"


def overdue_invoices():
    """Every unpaid invoice past its due date (Jakarta), the oldest due first."""
    return (
        Invoice.objects.filter(status=Invoice.Status.ISSUED, due_on__lt=today())
        .select_related("vendor", "contract")
        .order_by("due_on", "pk")
    )


def send_overdue_reminders() -> int:
    """E-mail the buyer of each overdue unpaid invoice, at most once every seven days (Jakarta
    dates); returns how many were reminded."""
    day = today()
    since = day - datetime.timedelta(days=REMIND_EVERY_DAYS)
    due = overdue_invoices().filter(
        Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=since)
    )
    reminded = 0
    for invoice in due:
        with transaction.atomic():
            updated = (
                Invoice.objects.filter(pk=invoice.pk, status=Invoice.Status.ISSUED)
                .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=since))
                .update(last_reminded_on=day)
            )
            if not updated:
                continue
            ContractEvent.objects.create(
                contract_id=invoice.contract_id,
                kind="invoice_reminded",
                params={"number": invoice.number},
            )
            transaction.on_commit(lambda pk=invoice.pk: send_invoice_email.enqueue(pk, "overdue"))
        reminded += 1
    return reminded
