"""The invoices' e-mails, sent by the task queue (the daily jobs are in ``invoice_jobs``)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url

from .models import Invoice


@task()
def send_invoice_email(invoice_id: int, what: str, attempt: int = 0) -> int:
    """'issued' and 'overdue' → the buyer, with the invoice's private link; 'paid' → the
    vendor. Tried again later while the mail server is unreachable."""
    try:
        return _invoice_email(invoice_id, what)
    except OSError:
        retry_later(send_invoice_email, attempt, invoice_id, what)
        raise


def invoice_url(invoice: Invoice) -> str:
    return reverse(
        "contracts:invoice_detail",
        kwargs={"token": invoice.contract.token, "invoice": invoice.pk},
    )


def _invoice_email(invoice_id: int, what: str) -> int:
    invoice = Invoice.objects.select_related("contract", "vendor").get(pk=invoice_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invoice": invoice,
            "link": site_url() + invoice_url(invoice),
        }
        subject = render_to_string(f"contracts/invoices/email/{what}_subject.txt", context)
        body = render_to_string(f"contracts/invoices/email/{what}.txt", context)
    if what == "paid":
        recipients = {
            m.user.email for m in invoice.vendor.memberships.select_related("user") if m.user.email
        }
        if invoice.vendor.email:
            recipients.add(invoice.vendor.email)
    else:
        recipients = {invoice.contract.buyer_email}
    if not recipients:
        return 0
    return send_mail(subject.strip(), body, None, sorted(recipients))
