"""The e-mails about an order, sent by the task queue (never in the request): the tasks
themselves and what they write. Nothing here changes an order; services enqueue these."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Order
from .transfers import collecting_account

# When the mail server is down, try again after these pauses (about five hours in all).
RETRY_MINUTES = (1, 5, 15, 60, 240)


def _site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _retry_later(mail_task, attempt: int, *args) -> None:
    """The database queue marks a failed task failed and never runs it again: a mail server
    that was down for a minute would lose the mail. So enqueue it again after a pause (where
    the queue can defer work; the immediate backend of dev and tests cannot). The failed run
    stays in the task results with its error."""
    if attempt >= len(RETRY_MINUTES) or not mail_task.get_backend().supports_defer:
        return
    run_after = timezone.now() + datetime.timedelta(minutes=RETRY_MINUTES[attempt])
    mail_task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)


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
        _retry_later(send_order_emails, attempt, order_id, what)
        raise


def _order_emails(order_id: int, what: str) -> int:
    order = Order.objects.prefetch_related("parts__lines", "parts__vendor__memberships__user").get(
        pk=order_id
    )
    sent = 0
    context = {"order": order, "site_url": _site_url()}
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
        _retry_later(send_uncollected_notices, attempt, order_id, part_ids)
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
            context = {"order": order, "part": part, "site_url": _site_url()}
            subject = render_to_string("orders/email/uncollected_subject.txt", context)
            body = render_to_string("orders/email/uncollected.txt", context)
            sent += send_mail(subject.strip(), body, None, sorted(recipients))
    return sent
