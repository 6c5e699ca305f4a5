"""The restock request's mail to the vendor, sent from the task queue, never in the
request."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url

from .models import RestockRequest


@task()
def send_restock_email(request_id: int, attempt: int = 0) -> int:
    """Ask the vendor, in Indonesian, to restock; tried again later while the mail server is
    down."""
    try:
        return _restock_email(request_id)
    except OSError:
        retry_later(send_restock_email, attempt, request_id)
        raise


def _restock_email(request_id: int) -> int:
    request = RestockRequest.objects.select_related(
        "stock__product__vendor", "stock__location"
    ).get(pk=request_id)
    vendor = request.stock.product.vendor
    recipients = sorted(
        {m.user.email for m in vendor.memberships.select_related("user") if m.user.email}
        | ({vendor.email} if vendor.email else set())
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"request": request, "vendor": vendor, "site_url": site_url()}
        subject = render_to_string("outlets/shelf/email/restock_subject.txt", context).strip()
        body = render_to_string("outlets/shelf/email/restock_body.txt", context)
    return send_mail(subject, body, None, recipients)
