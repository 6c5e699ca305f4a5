"""The e-mails about an order, sent by the task queue (never in the request): the tasks
themselves and what they write. Nothing here changes an order; services enqueue these."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url

from .models import Order
from .transfers import collecting_account


@task()
def send_order_emails(order_id: int, what: str, attempt: int = 0) -> int:
    """Mail for an order event: 'paid' → confirmation to the buyer and a new-order notice to
    each vendor; 'ready' → ready-for-pickup to the buyer; 'placed' → the private link for
    an order to be paid at the outlet, and to each vendor the notice to bring it there;
    'transfer' → the account, amount and deadline of an order paid by bank transfer;
    'receipt_rejected' → why staff rejected its receipt. Runs in the task queue, never in the
    request; tried again later while the mail server is unreachable or refuses (OSError,
    SMTPException)."""
    try:
        return _order_emails(order_id, what)
    except OSError:
        retry_later(send_order_emails, attempt, order_id, what)
        raise


def _order_emails(order_id: int, what: str) -> int:
    order = Order.objects.prefetch_related("parts__lines", "parts__vendor__memberships__user").get(
        pk=order_id
    )
    sent = 0
    context = {"order": order, "site_url": site_url()}
    if order.payment_method == Order.Payment.TRANSFER:
        context["account"] = collecting_account()
    with translation.override(order.language):
        subject = render_to_string(f"orders/email/{what}_subject.txt", context).strip()
        body = render_to_string(f"orders/email/{what}.txt", context)
    sent += send_mail(subject, body, None, [order.email])
    # Each vendor hears of a new order once: a card order when it is paid; a pickup paid at
    # the outlet when it is placed (its stock is reserved: the vendor brings it now).
    pay_at_outlet = order.payment_method == Order.Payment.AT_OUTLET
    if (what == "paid" and not pay_at_outlet) or (what == "placed" and pay_at_outlet):
        with translation.override(settings.LANGUAGE_CODE):
            for part in order.parts.all():
                recipients = {m.user.email for m in part.vendor.memberships.all() if m.user.email}
                if part.vendor.email:
                    recipients.add(part.vendor.email)
                if not recipients:
                    continue
                vendor_context = {**context, "part": part}
                subject = render_to_string("orders/email/vendor_subject.txt", vendor_context)
                body = render_to_string("orders/email/vendor.txt", vendor_context)
                sent += send_mail(subject.strip(), body, None, sorted(recipients))
    return sent


@task()
def send_uncollected_notices(order_id: int, part_ids: list[int], attempt: int = 0) -> int:
    """To each vendor whose part of a pickup paid at the outlet was prepared or brought to
    the counter when the order lapsed unpaid: the buyer did not come, fetch the goods back."""
    try:
        return _uncollected_notices(order_id, part_ids)
    except OSError:
        retry_later(send_uncollected_notices, attempt, order_id, part_ids)
        raise


def _uncollected_notices(order_id: int, part_ids: list[int]) -> int:
    order = Order.objects.select_related("pickup_location").get(pk=order_id)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for part in order.parts.filter(pk__in=part_ids).prefetch_related(
            "lines", "vendor__memberships__user"
        ):
            recipients = {m.user.email for m in part.vendor.memberships.all() if m.user.email}
            if part.vendor.email:
                recipients.add(part.vendor.email)
            if not recipients:
                continue
            context = {"order": order, "part": part, "site_url": site_url()}
            subject = render_to_string("orders/email/uncollected_subject.txt", context)
            body = render_to_string("orders/email/uncollected.txt", context)
            sent += send_mail(subject.strip(), body, None, sorted(recipients))
    return sent
