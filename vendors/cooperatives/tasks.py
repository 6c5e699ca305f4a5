"""Mail about a cooperative's record and RAT, run from the
task queue, never in the request."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url

from .models import CooperativeEvent


@task()
def send_cooperative_email(event_id: int, attempt: int = 0) -> int:
    """Tell the cooperative's admins, in Indonesian, what happened (a RAT verified or sent
    back, a reminder). Tried again later while the mail server is down."""
    try:
        return _cooperative_email(event_id)
    except OSError:
        retry_later(send_cooperative_email, attempt, event_id)
        raise


def _cooperative_email(event_id: int) -> int:
    event = CooperativeEvent.objects.select_related("cooperative__vendor").get(pk=event_id)
    vendor = event.cooperative.vendor
    recipients = sorted(
        {m.user.email for m in vendor.memberships.select_related("user") if m.user.email}
        | ({vendor.email} if vendor.email else set())
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"event": event, "vendor": vendor, "site_url": site_url()}
        subject = render_to_string("cooperatives/record/email/subject.txt", context).strip()
        body = render_to_string("cooperatives/record/email/body.txt", context)
    return send_mail(subject, body, None, recipients)
