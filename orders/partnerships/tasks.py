"""Mail about partnership requests, sent from the task queue, never in the request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url
from vendors.models import Vendor

from .models import PartnershipRequest

# Counter-offers and samples (``negotiation``, ``samples``): who is told of what.
NEGOTIATION_TO_BUYER = (
    "counter_to_buyer",
    "round_accepted_to_buyer",
    "round_declined_to_buyer",
    "sample_sent",
)
NEGOTIATION_TO_VENDOR = ("counter_to_vendor", "round_declined_to_vendor", "sample_asked")


@task()
def send_partnership_email(
    request_id: int, what: str, vendor_id: int | None = None, attempt: int = 0
) -> int:
    """Tell whoever acts next on a partnership request: the buyer (received, quoted,
    message), the vendor (new request, accepted, not chosen, message) or staff (new). Tried
    again later while the mail server is down, as ``send_order_emails``."""
    try:
        return _partnership_email(request_id, what, vendor_id)
    except OSError:
        retry_later(send_partnership_email, attempt, request_id, what, vendor_id)
        raise


def _partnership_email(request_id: int, what: str, vendor_id: int | None) -> int:
    request = PartnershipRequest.objects.get(pk=request_id)
    vendor = Vendor.objects.filter(pk=vendor_id).first() if vendor_id else None
    context = {"request": request, "vendor": vendor, "what": what, "site_url": site_url()}
    if what in ("received", "quoted", "message_to_buyer", *NEGOTIATION_TO_BUYER):
        recipients, language = [request.email], request.language
    elif what == "new_for_staff":
        recipients = list(
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        language = settings.LANGUAGE_CODE
    else:
        recipients = sorted(
            {m.user.email for m in vendor.memberships.select_related("user") if m.user.email}
            | ({vendor.email} if vendor.email else set())
        )
        language = settings.LANGUAGE_CODE
    if not recipients:
        return 0
    folder = "orders/email/partnership"
    if what in NEGOTIATION_TO_BUYER or what in NEGOTIATION_TO_VENDOR:
        folder = "orders/partnerships/email/negotiation"
    with translation.override(language):
        subject = render_to_string(f"{folder}_subject.txt", context).strip()
        body = render_to_string(f"{folder}.txt", context)
    return send_mail(subject, body, None, recipients)
