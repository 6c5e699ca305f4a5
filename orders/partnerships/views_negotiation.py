"""Counter-offers and samples on the partnership pages: the buyer's actions on the private
page, the vendor's on its request page, and what both pages show of them. Thin: every change
goes through ``negotiation`` or ``samples``; a refused form is shown again as typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views import errors_to_form, errors_to_messages

from . import negotiation, samples
from .forms import CounterForm, SampleForm
from .models import PartnershipRequest, Quote, QuoteRound

BUYER_ACTIONS = ("counter", "answer_round", "sample")
VENDOR_ACTIONS = ("answer", "sample_sent")


def posted_id(request, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _rounds(quote) -> list:
    """The quote's rounds (prefetched), oldest first, and the one waiting, if any."""
    rounds = sorted(quote.rounds.all(), key=lambda r: r.number)
    quote.round_list = rounds
    quote.open_round = next((r for r in rounds if r.status == QuoteRound.Status.OPEN), None)
    return rounds


def decorate_buyer_quotes(partnership, quotes, bound=None) -> None:
    """What the buyer may do on each quote: counter it (a form, the one refused kept as
    typed) and answer the vendor's counter."""
    talking = PartnershipRequest.TRANSITIONS.allows(partnership.status, "accepted")
    for quote in quotes:
        _rounds(quote)
        is_open = talking and quote.status == Quote.Status.OPEN
        waiting = quote.open_round
        quote.can_counter = is_open and not (waiting and waiting.from_buyer)
        quote.can_answer = is_open and waiting is not None and not waiting.from_buyer
        if quote.can_accept is False and quote.can_answer:
            quote.can_accept = True  # the vendor's counter is fresh: its terms may be taken
        if bound is not None and bound[0] == ("counter", quote.pk):
            quote.counter_form = bound[1]
        elif quote.can_counter:
            quote.counter_form = CounterForm(prefix=f"q{quote.pk}", quote=quote)


def sample_forms(threads, bound=None) -> None:
    for thread in threads:
        vendor_id = thread["vendor"].pk
        is_bound = bound is not None and bound[0] == ("sample", vendor_id)
        thread["sample_form"] = bound[1] if is_bound else SampleForm(prefix=f"s{vendor_id}")


def _buyer_counter(request, partnership, render_page):
    quote_id = posted_id(request, "quote")
    quote = partnership.quotes.select_related("vendor").filter(pk=quote_id).first()
    if quote is None:
        raise Http404
    form = CounterForm(request.POST, prefix=f"q{quote.pk}")
    if form.is_valid():
        try:
            negotiation.buyer_counter(partnership, quote.pk, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Your counter-offer is sent to %(vendor)s.") % {"vendor": quote.vendor.name},
            )
            return redirect(f"{partnership.get_absolute_url()}#quote-{quote.pk}")
    return render_page(bound=(("counter", quote.pk), form), status=200)


def _buyer_answer(request, partnership):
    round_id = posted_id(request, "round")
    answer = request.POST.get("answer", "")
    if round_id is None:
        raise Http404
    try:
        quote_round = negotiation.buyer_answer(partnership, round_id, answer)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        if quote_round.status == QuoteRound.Status.ACCEPTED:
            messages.success(request, _("You accepted the counter-offer. The business is told."))
        else:
            messages.success(request, _("You declined the counter-offer. The business is told."))
    return None


def _buyer_sample(request, partnership, render_page):
    vendor_id = posted_id(request, "vendor")
    if vendor_id is None:
        raise Http404
    form = SampleForm(request.POST, prefix=f"s{vendor_id}")
    if form.is_valid():
        try:
            match = samples.ask_for_sample(partnership, vendor_id, form.cleaned_data["note"])
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            errors_to_messages(request, error)
            return None
        messages.success(
            request,
            _("%(vendor)s is asked for a sample.") % {"vendor": match.vendor.name},
        )
        return redirect(f"{partnership.get_absolute_url()}#thread-{vendor_id}")
    return render_page(bound=(("sample", vendor_id), form), status=200)


def buyer_action(request, partnership, action, render_page):
    """One negotiation or sample POST of the buyer's page: a response, or None to go back."""
    if action == "counter":
        return _buyer_counter(request, partnership, render_page)
    if action == "answer_round":
        return _buyer_answer(request, partnership)
    return _buyer_sample(request, partnership, render_page)


# The vendor's request page -----------------------------------------------------------------


def vendor_context(partnership, vendor, own_quotes, answer_form=None) -> dict:
    """The rounds of the vendor's quotes, the buyer's counter waiting for an answer (with the
    form to counter it) and the sample the buyer asked for."""
    waiting = None
    for quote in own_quotes:
        _rounds(quote)
        if quote.open_round is not None and quote.open_round.from_buyer:
            if quote.status == Quote.Status.OPEN:
                waiting = quote.open_round
                waiting.quote = quote
    if waiting is not None and answer_form is None:
        answer_form = CounterForm(prefix="answer", quote=waiting.quote)
    match = partnership.matches.filter(vendor=vendor).first()
    return {
        "waiting_round": waiting if partnership.is_open else None,
        "answer_form": answer_form,
        "match": match,
        "sample_form": SampleForm(prefix="sent"),
    }


def _vendor_url(partnership) -> str:
    return reverse("partnerships:vendor_detail", args=[partnership.number])


def _vendor_answer(request, partnership, vendor):
    round_id = posted_id(request, "round")
    answer = request.POST.get("answer", "")
    theirs = QuoteRound.objects.filter(
        pk=round_id, quote__request=partnership, quote__vendor=vendor
    ).exists()
    if round_id is None or not theirs:
        raise Http404
    form = CounterForm(request.POST if answer == "counter" else None, prefix="answer")
    terms = {}
    if answer == "counter":
        if not form.is_valid():
            return form, None
        terms = form.cleaned_data
    try:
        negotiation.vendor_answer(partnership, vendor, request.user, round_id, answer, **terms)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        if answer == "counter":
            errors_to_form(form, error)
            return form, None
        errors_to_messages(request, error)
        return None, redirect(f"{_vendor_url(partnership)}#quotes")
    done = {
        "accept": _("You accepted the counter-offer: the quote is accepted. The buyer is told."),
        "counter": _("Your counter-offer is sent. The buyer is told by e-mail."),
        "decline": _("You declined the counter-offer; your quote stands. The buyer is told."),
    }
    messages.success(request, done[answer])
    return None, redirect(f"{_vendor_url(partnership)}#quotes")


def _vendor_sample_sent(request, partnership, vendor):
    form = SampleForm(request.POST, prefix="sent")
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        samples.mark_sample_sent(partnership, vendor, request.user, note)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The sample is marked as sent. The buyer is told."))
    return redirect(f"{_vendor_url(partnership)}#sample")


def vendor_action(request, partnership, vendor, action):
    """(answer form to show again or None, response or None)."""
    if action == "answer":
        return _vendor_answer(request, partnership, vendor)
    return None, _vendor_sample_sent(request, partnership, vendor)
