"""Partnership requests from business buyers: submit, review, match, quote, accept. The
state changes of the B2B flow; each writes a RequestEvent and tells whoever acts next."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import LocationStock, Product
from core.permissions import require_staff
from core.references import create_with_reference
from core.states import TransitionNotAllowed
from core.throttle import add_one, count
from vendors.models import HalalCertificate, Vendor

from .models import (
    PartnershipRequest,
    Quote,
    QuoteRound,
    RequestEvent,
    RequestMatch,
    RequestMessage,
)
from .tasks import send_partnership_email

Status = PartnershipRequest.Status

# Spam limits: short windows, so a flood never blocks a real buyer for long.
LIMITS = {"ip": (5, 10 * 60), "email": (3, 10 * 60)}
MAX_MESSAGES_PER_HOUR = 30


class RateLimited(ValidationError):
    pass


def _bucket(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"b2b-limit:{kind}:{digest}"


def check_rate_limit(ip: str, email: str) -> None:
    """Raise RateLimited when this address or e-mail has sent too many requests lately.
    Counts only accepted submissions; windows reset after ten minutes."""
    for kind, value in (("ip", ip or "unknown"), ("email", email or "")):
        limit, _window = LIMITS[kind]
        if value and count(_bucket(kind, value)) >= limit:
            raise RateLimited(
                _("Too many requests from you in a short time. Please try again in ten minutes.")
            )


def _count_submission(ip: str, email: str) -> None:
    for kind, value in (("ip", ip or "unknown"), ("email", email or "")):
        _limit, window = LIMITS[kind]
        add_one(_bucket(kind, value), window)


def _log(request, kind, params=None, *, old="", new="", actor=None):
    RequestEvent.objects.create(
        request=request, kind=kind, params=params or {}, old_status=old, new_status=new, actor=actor
    )


def _notify(request_id: int, what: str, vendor_id: int | None = None):
    transaction.on_commit(lambda: send_partnership_email.enqueue(request_id, what, vendor_id))


@transaction.atomic
def submit_request(data: dict, *, products=(), ip: str = "") -> PartnershipRequest:
    """A buyer's request, addressed to one vendor (who sees it at once) or to the platform."""
    check_rate_limit(ip, data.get("email", ""))
    vendor = data.get("vendor")
    if vendor is not None and not vendor.is_public:
        raise ValidationError(_("This business cannot take requests right now."))
    products = [p for p in products if p.is_public]
    if vendor is not None:
        products = [p for p in products if p.vendor_id == vendor.pk]
    request = create_with_reference(
        lambda number: PartnershipRequest.objects.create(number=number, **data), "KM", 4
    )
    request.products.set(products)
    _log(request, "sent", new=Status.NEW)
    if vendor is not None:
        RequestMatch.objects.create(request=request, vendor=vendor)
        _notify(request.pk, "new_for_vendor", vendor.pk)
    else:
        _notify(request.pk, "new_for_staff")
    _notify(request.pk, "received")
    _count_submission(ip, data.get("email", ""))
    return request


def check_request_status(request, new, refusal=None) -> str:
    """Refuse a status change the table does not allow, in the service's own words if given."""
    try:
        return PartnershipRequest.TRANSITIONS.check(request, new)
    except TransitionNotAllowed:
        if refusal is None:
            raise
        raise TransitionNotAllowed(refusal, code="transition") from None


def set_request_status(request, new, *, kind, params=None, actor=None, refusal=None):
    """The one way a request's status changes: checked against the table, saved, logged."""
    old = check_request_status(request, new, refusal)
    request.status = new
    request.save(update_fields=["status"])
    _log(request, kind, params, old=old, new=new, actor=actor)


def set_quote_status(quote, new) -> None:
    Quote.TRANSITIONS.check(quote, new)
    quote.status = new
    quote.save(update_fields=["status"])


def _quotes_may_become(new) -> list[str]:
    """The quote statuses the table lets become ``new``, for changing many quotes at once."""
    return [old for old in Quote.Status if Quote.TRANSITIONS.allows(old, new)]


@transaction.atomic
def start_review(request, staff) -> PartnershipRequest:
    require_staff(staff)
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    set_request_status(
        request,
        Status.IN_REVIEW,
        kind="review",
        actor=staff,
        refusal=_("Only a new request can be put in review."),
    )
    return request


def suggest_vendors(request, limit: int = 10) -> list[Vendor]:
    """Vendors likely to serve the request: same category, verified (NIB, halal), able to
    supply the quantity (their products' minimum orders), present at an outlet. One query."""
    category = request.category
    product_ids = list(request.products.values_list("pk", flat=True))
    categories = set()
    if category is not None:
        categories = {category.pk, *category.children.values_list("pk", flat=True)}
    categories |= set(
        Product.objects.filter(pk__in=product_ids).values_list("category_id", flat=True)
    )
    public = Product.objects.public()
    in_category = public.filter(vendor=OuterRef("pk"), category_id__in=categories or [-1])
    halal = HalalCertificate.objects.valid_on().filter(vendor=OuterRef("pk"))
    at_outlet = LocationStock.objects.on_shelf().filter(product__vendor=OuterRef("pk"))
    suits_quantity = public.filter(vendor=OuterRef("pk"), min_order__lte=request.quantity)
    already = RequestMatch.objects.filter(request=request).values("vendor_id")
    vendors = (
        Vendor.objects.public()
        .exclude(pk__in=already)
        .annotate(
            fits_category=Exists(in_category),
            has_halal=Exists(halal),
            at_outlet=Exists(at_outlet),
            fits_quantity=Exists(suits_quantity),
            product_count=Count("products", filter=Q(products__status="published")),
        )
        .filter(fits_category=True)
        .select_related("kecamatan")
    )
    scored = sorted(
        vendors,
        key=lambda v: (
            -(2 * v.has_halal + v.at_outlet + v.fits_quantity),
            -v.product_count,
            v.name,
        ),
    )
    return scored[:limit]


@transaction.atomic
def match_vendors(request, vendors, staff) -> PartnershipRequest:
    """Staff show a platform-addressed request to one or more vendors."""
    require_staff(staff)
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("This request is no longer open."))
    added = []
    for vendor in vendors:
        if not vendor.is_public:
            raise ValidationError(
                _("%(name)s is not an active, verified vendor.") % {"name": vendor}
            )
        _match, created = RequestMatch.objects.get_or_create(
            request=request, vendor=vendor, defaults={"matched_by": staff}
        )
        if created:
            added.append(vendor)
            _notify(request.pk, "new_for_vendor", vendor.pk)
    if not added:
        raise ValidationError(_("Choose at least one vendor that is not matched yet."))
    names = {"names": ", ".join(v.name for v in added)}
    if PartnershipRequest.TRANSITIONS.allows(request.status, Status.MATCHED):
        set_request_status(request, Status.MATCHED, kind="matched", params=names, actor=staff)
    else:  # matched or quoted already: more vendors, same status
        _log(request, "also_matched", names, actor=staff)
    return request


def requests_for_vendor(vendor):
    """The one rule for what a vendor sees: requests addressed or matched to it."""
    return PartnershipRequest.objects.filter(matches__vendor=vendor).distinct()


@transaction.atomic
def submit_quote(request, vendor, user, **terms) -> Quote:
    """A matched vendor's offer; a later quote from the same vendor replaces its open one."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    if not RequestMatch.objects.filter(request=request, vendor=vendor).exists():
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("This request is closed; no more quotes are taken."))
    if terms["valid_until"] < timezone.localdate():
        raise ValidationError(_("A quote must be valid until today or later."))
    Quote.objects.filter(
        request=request, vendor=vendor, status__in=_quotes_may_become(Quote.Status.DECLINED)
    ).update(status=Quote.Status.DECLINED)
    quote = Quote.objects.create(request=request, vendor=vendor, **terms)
    if request.first_quote_at is None:
        request.first_quote_at = timezone.now()
        request.save(update_fields=["first_quote_at"])
    quoted = {"vendor": vendor.name}
    if request.status != Status.QUOTED:
        set_request_status(request, Status.QUOTED, kind="quoted", params=quoted, actor=user)
    else:  # one more quote: the status stays
        _log(request, "quoted", quoted, actor=user)
    _notify(request.pk, "quoted", vendor.pk)
    return quote


@transaction.atomic
def accept_quote(request, quote_id) -> Quote:
    """The buyer (holder of the private link) accepts one quote; the others are told. An open
    counter-offer of the buyer's on it is withdrawn; the vendor's is accepted (its terms are
    the quote's already)."""
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    check_request_status(request, Status.ACCEPTED, _("There is no open quote to accept."))
    quote = request.quotes.filter(pk=quote_id, status=Quote.Status.OPEN).first()
    if quote is None:
        raise ValidationError(_("This quote cannot be accepted."))
    vendor_round = quote.rounds.filter(status=QuoteRound.Status.OPEN, from_buyer=False).first()
    if quote.is_expired and vendor_round is None:
        raise ValidationError(_("This quote has expired; ask the vendor for a new one."))
    for open_round in quote.rounds.filter(status=QuoteRound.Status.OPEN):
        mine = open_round.from_buyer
        set_round_status(
            open_round, QuoteRound.Status.WITHDRAWN if mine else QuoteRound.Status.ACCEPTED
        )
        kind = "round_withdrawn" if mine else "buyer_accepted_round"
        _log(request, kind, {"vendor": quote.vendor.name})
    return accept_chosen(request, quote)


def set_round_status(quote_round, new) -> None:
    """The one way a counter-offer round's status changes: checked, saved with the time."""
    QuoteRound.TRANSITIONS.check(quote_round, new)
    quote_round.status = new
    quote_round.answered_at = timezone.now()
    quote_round.save(update_fields=["status", "answered_at"])


def accept_chosen(request, quote) -> Quote:
    """The quote (its terms as they now stand) is accepted, the request with it; the vendor
    and the vendors not chosen are told. Inside the caller's transaction, request locked."""
    set_quote_status(quote, Quote.Status.ACCEPTED)
    others = list(request.quotes.filter(status=Quote.Status.OPEN).exclude(pk=quote.pk))
    request.quotes.filter(status__in=_quotes_may_become(Quote.Status.NOT_CHOSEN)).exclude(
        pk=quote.pk
    ).update(status=Quote.Status.NOT_CHOSEN)
    set_request_status(
        request, Status.ACCEPTED, kind="accepted", params={"vendor": quote.vendor.name}
    )
    _notify(request.pk, "accepted", quote.vendor_id)
    notified = {quote.vendor_id}
    for other in others:
        if other.vendor_id not in notified:
            notified.add(other.vendor_id)
            _notify(request.pk, "not_chosen", other.vendor_id)
    for match in request.matches.exclude(vendor_id__in=notified):
        _notify(request.pk, "not_chosen", match.vendor_id)
    return quote


@transaction.atomic
def decline_all(request) -> PartnershipRequest:
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    refusal = _("This request is already closed.")
    check_request_status(request, Status.DECLINED, refusal)
    request.quotes.filter(status__in=_quotes_may_become(Quote.Status.NOT_CHOSEN)).update(
        status=Quote.Status.NOT_CHOSEN
    )
    set_request_status(request, Status.DECLINED, kind="declined", refusal=refusal)
    for match in request.matches.all():
        _notify(request.pk, "not_chosen", match.vendor_id)
    return request


@transaction.atomic
def close_request(request, staff, note: str = "") -> PartnershipRequest:
    require_staff(staff)
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    set_request_status(
        request,
        Status.CLOSED,
        kind="closed",
        params={"note": note} if note else None,
        actor=staff,
        refusal=_("This request is already closed."),
    )
    return request


def post_message(request, vendor, body: str, *, from_buyer: bool, user=None) -> RequestMessage:
    """A message in the thread between the buyer and one matched vendor."""
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a message first."))
    if len(body) > 2000:
        raise ValidationError(_("A message can be at most 2000 characters."))
    if not RequestMatch.objects.filter(request=request, vendor=vendor).exists():
        raise PermissionDenied
    if not from_buyer and not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    key = f"b2b-messages:{request.pk}:{vendor.pk}:{from_buyer}"
    if count(key) >= MAX_MESSAGES_PER_HOUR:
        raise RateLimited(_("Too many messages in an hour; please wait a little."))
    add_one(key, 3600)
    message = RequestMessage.objects.create(
        request=request, vendor=vendor, from_buyer=from_buyer, body=body
    )
    _notify(request.pk, "message_to_vendor" if from_buyer else "message_to_buyer", vendor.pk)
    return message
