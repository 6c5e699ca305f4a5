from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from core.mail import site_url

from .models import Vendor, VerificationEvent


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


@task()
def send_welcome_email(user_id: int, vendor_id: int) -> int:
    """To an owner whose business a field officer registered: what was registered, and a
    link to choose a password and follow the business online. The token is made when the
    mail goes out."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    vendor = Vendor.objects.filter(pk=vendor_id).first()
    if user is None or vendor is None or not user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "vendor": vendor,
            "password_url": site_url() + path,
            "site_url": site_url(),
            "days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
        }
        subject = render_to_string("vendors/email/welcome_subject.txt", context).strip()
        body = render_to_string("vendors/email/welcome.txt", context)
    return send_mail(subject, body, None, [user.email])
