"""Mail about member businesses, sent from the task queue, never in the request: the side
that did not act (the cooperative, or the business) is told what changed."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url
from vendors.models import Vendor

from .models import CooperativeEvent


@task()
def send_membership_email(event_id: int, vendor_id: int, attempt: int = 0) -> int:
    """Tell the people who run ``vendor_id``, in Indonesian, about the membership event.
    Tried again later while the mail server is down."""
    try:
        return _membership_email(event_id, vendor_id)
    except OSError:
        retry_later(send_membership_email, attempt, event_id, vendor_id)
        raise


def _membership_email(event_id: int, vendor_id: int) -> int:
    event = CooperativeEvent.objects.select_related("cooperative__vendor").get(pk=event_id)
    vendor = Vendor.objects.get(pk=vendor_id)
    recipients = sorted(
        {m.user.email for m in vendor.memberships.select_related("user") if m.user.email}
        | ({vendor.email} if vendor.email else set())
    )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "vendor": vendor,
            "cooperative": event.cooperative.vendor,
            "for_cooperative": vendor.pk == event.cooperative.vendor_id,
            "site_url": site_url(),
        }
        subject = render_to_string("cooperatives/membership/email/subject.txt", context).strip()
        body = render_to_string("cooperatives/membership/email/body.txt", context)
    return send_mail(subject, body, None, recipients)
