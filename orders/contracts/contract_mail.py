"""Mail about supply contracts and their deliveries, sent from the task queue: to the buyer
(with the contract's private link) and to the vendor's members."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from core.mail import retry_later, site_url

from .models import SupplyContract


@task()
def send_contract_email(contract_id: int, what: str, to_buyer: bool, attempt: int = 0) -> int:
    """Tell one side of a contract what happened (``what``: an event kind)."""
    try:
        return _contract_email(contract_id, what, to_buyer)
    except OSError:
        retry_later(send_contract_email, attempt, contract_id, what, to_buyer)
        raise


def _contract_email(contract_id: int, what: str, to_buyer: bool) -> int:
    from django.conf import settings

    contract = SupplyContract.objects.select_related("vendor", "request").get(pk=contract_id)
    event = contract.events.filter(kind=what).last()
    if to_buyer:
        recipients, language = [contract.buyer_email], contract.request.language
    else:
        vendor = contract.vendor
        recipients = sorted(
            {m.user.email for m in vendor.memberships.select_related("user") if m.user.email}
            | ({vendor.email} if vendor.email else set())
        )
        language = settings.LANGUAGE_CODE
    if not recipients:
        return 0
    context = {
        "contract": contract,
        "event": event,
        "to_buyer": to_buyer,
        "site_url": site_url(),
    }
    with translation.override(language):
        subject = render_to_string("contracts/contracts/email_subject.txt", context).strip()
        body = render_to_string("contracts/contracts/email.txt", context)
    return send_mail(subject, body, None, recipients)
