from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import VerificationEvent


@task()
def send_verification_email(event_id: int) -> int:
    """Tell the vendor's members, in Indonesian, what staff decided and why."""
    event = VerificationEvent.objects.select_related("vendor", "certificate").get(pk=event_id)
    recipients = sorted(
        {m.user.email for m in event.vendor.memberships.select_related("user") if m.user.email}
        | ({event.vendor.email} if event.vendor.email else set())
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "vendor": event.vendor,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
        }
        subject = render_to_string("vendors/email/verification_subject.txt", context).strip()
        body = render_to_string("vendors/email/verification.txt", context)
    return send_mail(subject, body, None, recipients)
