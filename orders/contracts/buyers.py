"""The buyer's magic link: a buyer who lost the original e-mails types their address and,
when any request or contract has it, gets a signed link that expires (no password) to a page
listing all their requests, contracts and invoices. The answer never says whether the address
is known (no enumeration); asking is rate limited like the request form."""

import hashlib
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.mail import retry_later, site_url
from core.throttle import add_one, count
from orders.partnerships.models import PartnershipRequest

from .models import Invoice, SupplyContract

SALT = "contracts.buyer-link"
MAX_AGE = timedelta(days=7)
# Asking for a link: per address and per e-mail, short windows as the request form's.
LIMITS = {"ip": (5, 10 * 60), "email": (3, 10 * 60)}


class RateLimited(ValidationError):
    pass


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def normalize(email: str) -> str:
    return (email or "").strip().lower()


def _bucket(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"buyer-link:{kind}:{digest}"


def is_known(email: str) -> bool:
    email = normalize(email)
    return (
        PartnershipRequest.objects.filter(email__iexact=email).exists()
        or SupplyContract.objects.filter(buyer_email__iexact=email).exists()
    )


def make_link(email: str) -> str:
    """The path of the buyer's page for ``email``, signed with its own salt."""
    signed = signing.dumps(normalize(email), salt=SALT, compress=True)
    return reverse("contracts:buyer_home", kwargs={"signed": signed})


def read_link(signed: str) -> str:
    """The e-mail a link was made for; LinkExpired after MAX_AGE, LinkInvalid if tampered."""
    try:
        return signing.loads(signed, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


def ask_for_link(email: str, *, ip: str = "", language: str = "id") -> None:
    """Send the link to ``email`` if it is a buyer's; the caller answers the same either
    way. RateLimited when this address or e-mail asked too often lately."""
    email = normalize(email)
    buckets = [("ip", ip or "unknown"), ("email", email)]
    for kind, value in buckets:
        if count(_bucket(kind, value)) >= LIMITS[kind][0]:
            raise RateLimited(
                _("Too many requests from you in a short time. Please try again in ten minutes.")
            )
    for kind, value in buckets:
        add_one(_bucket(kind, value), LIMITS[kind][1])
    if is_known(email):
        transaction.on_commit(lambda: send_buyer_link.enqueue(email, language))


@task()
def send_buyer_link(email: str, language: str = "id", attempt: int = 0) -> int:
    """E-mail the buyer's signed link; tried again later while the mail server is down."""
    try:
        with translation.override(language):
            context = {
                "link": site_url() + make_link(email),
                "days": MAX_AGE.days,
                "site_url": site_url(),
            }
            subject = render_to_string("contracts/buyers/link_subject.txt", context).strip()
            body = render_to_string("contracts/buyers/link_email.txt", context)
        return send_mail(subject, body, None, [email])
    except OSError:
        retry_later(send_buyer_link, attempt, email, language)
        raise


def buyer_entries(email: str) -> list[dict]:
    """Every request, contract and invoice of ``email``, newest first, as rows of the
    buyer's page. Three queries, whatever their number."""
    email = normalize(email)
    requests = PartnershipRequest.objects.filter(email__iexact=email).only(
        "token", "number", "organisation", "status", "created_at"
    )
    contracts = (
        SupplyContract.objects.filter(buyer_email__iexact=email)
        .select_related("vendor")
        .only("token", "number", "status", "created_at", "vendor__name", "buyer_legal_name")
    )
    invoices = (
        Invoice.objects.filter(contract__buyer_email__iexact=email)
        .select_related("contract", "vendor")
        .only(
            "number",
            "status",
            "total",
            "due_on",
            "created_at",
            "contract__token",
            "contract__number",
            "vendor__name",
        )
    )
    rows = [_request_row(item) for item in requests]
    rows += [_contract_row(item) for item in contracts]
    rows += [_invoice_row(item) for item in invoices]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows


def _request_row(item) -> dict:
    return {
        "kind": "request",
        "number": item.number,
        "title": item.organisation,
        "status": item.get_status_display(),
        "status_key": item.status,
        "at": item.created_at,
        "url": item.get_absolute_url(),
    }


def _contract_url(contract) -> str:
    # The contract's page (contracts:buyer_detail) belongs to the contracts area; a row
    # without it still lists the contract.
    try:
        return contract.get_absolute_url()
    except NoReverseMatch:
        return ""


def _contract_row(item) -> dict:
    return {
        "kind": "contract",
        "number": item.number,
        "title": item.vendor.name,
        "status": item.get_status_display(),
        "status_key": item.status,
        "at": item.created_at,
        "url": _contract_url(item),
    }


def _invoice_row(item) -> dict:
    return {
        "kind": "invoice",
        "number": item.number,
        "title": item.vendor.name,
        "status": item.get_status_display(),
        "status_key": item.status,
        "overdue": item.is_overdue,
        "total": item.total,
        "due_on": item.due_on,
        "at": item.created_at,
        "url": _contract_url(item.contract),
    }
