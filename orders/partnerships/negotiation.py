"""Counter-offers on a quote (``QuoteRound``): the buyer counters an open quote, the vendor
accepts, counters or declines; the buyer answers the vendor's counter the same way. One open
round per quote at a time; each round and answer is a RequestEvent and the other side is
e-mailed. A round accepted by either side makes the quote accepted with its terms, exactly as
``services.accept_quote``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.models import Vendor

from .models import PartnershipRequest, Quote, QuoteRound
from .services import _log, _notify, accept_chosen, accept_quote, set_round_status

RoundStatus = QuoteRound.Status
TERMS = ("unit_price", "quantity", "frequency", "first_delivery")
ANSWERS = ("accept", "counter", "decline")


def check_terms(terms: dict) -> None:
    """Refuse terms no one could deliver: a price or quantity of zero or less, an unknown
    frequency, a first delivery before today (Jakarta)."""
    if not isinstance(terms.get("unit_price"), int) or terms["unit_price"] <= 0:
        raise ValidationError(_("The unit price must be more than zero."))
    if not isinstance(terms.get("quantity"), int) or terms["quantity"] <= 0:
        raise ValidationError(_("The quantity must be at least one."))
    if terms.get("frequency") not in PartnershipRequest.Frequency.values:
        raise ValidationError(_("Choose how often the goods are delivered."))
    first = terms.get("first_delivery")
    if first is None or first < timezone.localdate():
        raise ValidationError(_("The first delivery cannot be in the past."))


def _locked_quote(partnership, quote_id) -> tuple:
    """(request, quote), the request locked; refused unless both are still open to talk."""
    request = PartnershipRequest.objects.select_for_update().get(pk=partnership.pk)
    quote = request.quotes.select_related("vendor").filter(pk=quote_id).first()
    if quote is None:
        raise ValidationError(_("This quote cannot be countered."))
    if not PartnershipRequest.TRANSITIONS.allows(request.status, request.Status.ACCEPTED):
        raise ValidationError(_("This request is closed; its quotes cannot be negotiated."))
    if quote.status != Quote.Status.OPEN:
        raise ValidationError(_("This quote is no longer open; it cannot be negotiated."))
    return request, quote


def _new_round(quote, *, from_buyer: bool, terms: dict, message: str) -> QuoteRound:
    number = (quote.rounds.aggregate(last=Max("number"))["last"] or 0) + 1
    return QuoteRound.objects.create(
        quote=quote,
        number=number,
        from_buyer=from_buyer,
        message=(message or "").strip()[:2000],
        **{name: terms[name] for name in TERMS},
    )


def _take_terms(quote, quote_round) -> None:
    for name in TERMS:
        setattr(quote, name, getattr(quote_round, name))
    quote.save(update_fields=list(TERMS))


def _shown(quote, quote_round) -> dict:
    return {
        "vendor": quote.vendor.name,
        "unit_price": quote_round.unit_price,
        "quantity": quote_round.quantity,
    }


def _open_round(quote):
    return quote.rounds.filter(status=RoundStatus.OPEN).first()


@transaction.atomic
def buyer_counter(partnership, quote_id, message: str = "", **terms) -> QuoteRound:
    """The buyer proposes other terms on an open quote. An open counter of the vendor's is
    answered by it (countered); one of the buyer's own still waiting is refused."""
    check_terms(terms)
    request, quote = _locked_quote(partnership, quote_id)
    waiting = _open_round(quote)
    if waiting is not None and waiting.from_buyer:
        raise ValidationError(
            _("Your counter-offer to %(vendor)s is waiting for an answer.")
            % {"vendor": quote.vendor.name}
        )
    if waiting is not None:
        set_round_status(waiting, RoundStatus.COUNTERED)
    quote_round = _new_round(quote, from_buyer=True, terms=terms, message=message)
    _log(request, "buyer_countered", _shown(quote, quote_round))
    _notify(request.pk, "counter_to_vendor", quote.vendor_id)
    return quote_round


@transaction.atomic
def buyer_answer(partnership, round_id, answer: str) -> QuoteRound:
    """The buyer accepts or declines the vendor's open counter (countering goes through
    ``buyer_counter``)."""
    request = PartnershipRequest.objects.select_for_update().get(pk=partnership.pk)
    quote_round = (
        QuoteRound.objects.select_related("quote__vendor")
        .filter(pk=round_id, quote__request=request, from_buyer=False)
        .first()
    )
    if quote_round is None or answer not in ("accept", "decline"):
        raise ValidationError(_("This counter-offer cannot be answered."))
    if quote_round.status != RoundStatus.OPEN:
        raise ValidationError(_("This counter-offer was answered already."))
    quote = quote_round.quote
    if answer == "accept":
        accept_quote(request, quote.pk)
        quote_round.refresh_from_db()
        return quote_round
    _locked_quote(request, quote.pk)
    set_round_status(quote_round, RoundStatus.DECLINED)
    _log(request, "buyer_declined_round", {"vendor": quote.vendor.name})
    _notify(request.pk, "round_declined_to_vendor", quote.vendor_id)
    return quote_round


def _vendor_round(partnership, vendor, user, round_id) -> tuple:
    """(request, quote, round): the buyer's open round on ``vendor``'s quote, for ``user``
    of that vendor; PermissionDenied for anyone else."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    quote_round = (
        QuoteRound.objects.select_related("quote")
        .filter(pk=round_id, quote__request_id=partnership.pk, from_buyer=True)
        .first()
    )
    if quote_round is None or quote_round.quote.vendor_id != vendor.pk:
        raise PermissionDenied
    request, quote = _locked_quote(partnership, quote_round.quote_id)
    quote_round = QuoteRound.objects.select_for_update().get(pk=quote_round.pk)
    if quote_round.status != RoundStatus.OPEN:
        raise ValidationError(_("This counter-offer was answered already."))
    return request, quote, quote_round


@transaction.atomic
def vendor_answer(
    partnership, vendor, user, round_id, answer: str, message: str = "", **terms
) -> QuoteRound:
    """The vendor answers the buyer's open counter: accept (the quote is accepted with its
    terms), counter (a round of the vendor's, whose terms the quote takes) or decline (the
    quote's terms stand)."""
    if answer not in ANSWERS:
        raise ValidationError(_("Choose an answer."))
    if answer == "counter":
        check_terms(terms)
    request, quote, quote_round = _vendor_round(partnership, vendor, user, round_id)
    name = {"vendor": quote.vendor.name}
    if answer == "accept":
        set_round_status(quote_round, RoundStatus.ACCEPTED)
        _take_terms(quote, quote_round)
        _log(request, "vendor_accepted_round", name, actor=user)
        accept_chosen(request, quote)
        _notify(request.pk, "round_accepted_to_buyer", vendor.pk)
        return quote_round
    if answer == "decline":
        set_round_status(quote_round, RoundStatus.DECLINED)
        _log(request, "vendor_declined_round", name, actor=user)
        _notify(request.pk, "round_declined_to_buyer", vendor.pk)
        return quote_round
    set_round_status(quote_round, RoundStatus.COUNTERED)
    counter = _new_round(quote, from_buyer=False, terms=terms, message=message)
    _take_terms(quote, counter)
    _log(request, "vendor_countered", _shown(quote, counter), actor=user)
    _notify(request.pk, "counter_to_buyer", vendor.pk)
    return counter
