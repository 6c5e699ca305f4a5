"""Mail about facilitation requests, sent from the task queue, never in the request."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url

from .models import FacilitationEvent


@task()
def send_facilitation_email(event_id: int, attempt: int = 0) -> int:
    """Tell the business's members, in Indonesian, where their request stands and what
    they need to do. Tried again later while the mail server is down."""
    try:
        return _facilitation_email(event_id)
    except OSError:
        retry_later(send_facilitation_email, attempt, event_id)
        raise


def _facilitation_email(event_id: int) -> int:
    event = FacilitationEvent.objects.select_related("request__vendor", "request__officer").get(
        pk=event_id
    )
    vendor = event.request.vendor
    recipients = sorted(
        {m.user.email for m in vendor.memberships.select_related("user") if m.user.email}
        | ({vendor.email} if vendor.email else set())
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "request": event.request,
            "vendor": vendor,
            "site_url": site_url(),
        }
        subject = render_to_string("vendors/facilitation/email/subject.txt", context).strip()
        body = render_to_string("vendors/facilitation/email/body.txt", context)
    return send_mail(subject, body, None, recipients)
