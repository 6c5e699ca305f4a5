"""Counter-offers and samples, the services: the buyer counters a quote, the vendor accepts,
counters or declines, the buyer answers the vendor's counter; each refusal leaves everything
as it was and says why (read in English, the msgids). Time is frozen: the first delivery is
compared with Jakarta's today."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from orders.partnerships import negotiation, samples
from orders.partnerships import services as partnerships
from orders.partnerships.models import PartnershipRequest, Quote, QuoteRound, RequestEvent
from tests.factories import StaffFactory
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    quote_terms,
    request_data,
    seller,
)

pytestmark = pytest.mark.django_db

Status = PartnershipRequest.Status
Round = QuoteRound.Status
# 01.30 in Jakarta on 15 May: already the 15th there, still the 14th in UTC.
NOW = datetime.datetime(2026, 5, 14, 18, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 5, 15)


@pytest.fixture(autouse=True)
def frozen():
    """Frozen time; the services' refusals read in English (the msgids)."""
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def world():
    """A platform request matched with Sari and Budi, both of whom quoted."""
    snacks = category_tree()[1]
    sari, budi = seller("Bu Sari", snacks), seller("Pak Budi", snacks)
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.match_vendors(request, [sari[0], budi[0]], StaffFactory())
    sari_quote = partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
    budi_quote = partnerships.submit_quote(request, budi[0], budi[1], **quote_terms())
    return request, sari, budi, sari_quote, budi_quote


def terms(**overrides) -> dict:
    data = {
        "unit_price": 2200,
        "quantity": 800,
        "frequency": "weekly",
        "first_delivery": TODAY + datetime.timedelta(days=7),
    }
    data.update(overrides)
    return data


def kinds(request) -> list[str]:
    return list(RequestEvent.objects.filter(request=request).values_list("kind", flat=True))


def snapshot(request) -> tuple:
    return (
        PartnershipRequest.objects.get(pk=request.pk).status,
        list(Quote.objects.order_by("pk").values_list("status", "unit_price", "quantity")),
        list(QuoteRound.objects.order_by("pk").values_list("status", "unit_price")),
        RequestEvent.objects.count(),
    )


def test_the_buyer_counters_and_the_vendor_is_told(world, django_capture_on_commit_callbacks):
    request, sari, _budi, sari_quote, _ = world
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_ = negotiation.buyer_counter(request, sari_quote.pk, message="Bisa?", **terms())
    assert (round_.number, round_.from_buyer, round_.status) == (1, True, Round.OPEN)
    assert (round_.unit_price, round_.quantity, round_.message) == (2200, 800, "Bisa?")
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert (quote.unit_price, quote.quantity) == (2500, None)  # not agreed yet
    assert kinds(request)[-1] == "buyer_countered"
    event = RequestEvent.objects.filter(kind="buyer_countered").get()
    assert "Rp\u00a02.200" in event.text and "800" in event.text
    assert [m.to for m in mail.outbox] == [[sari[1].email]]
    assert request.number in mail.outbox[0].subject


def test_only_one_open_round_per_quote(world):
    request, _sari, _budi, sari_quote, _ = world
    negotiation.buyer_counter(request, sari_quote.pk, **terms())
    before = snapshot(request)
    with pytest.raises(ValidationError, match="waiting for an answer"):
        negotiation.buyer_counter(request, sari_quote.pk, **terms(unit_price=2100))
    assert snapshot(request) == before


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"unit_price": 0}, "unit price must be more than zero"),
        ({"unit_price": -5}, "unit price must be more than zero"),
        ({"quantity": 0}, "quantity must be at least one"),
        ({"quantity": -3}, "quantity must be at least one"),
        ({"first_delivery": TODAY - datetime.timedelta(days=1)}, "cannot be in the past"),
        ({"frequency": "daily"}, "how often"),
    ],
)
def test_impossible_terms_are_refused_and_nothing_changes(world, bad, reason):
    request, _sari, _budi, sari_quote, _ = world
    before = snapshot(request)
    with pytest.raises(ValidationError, match=reason):
        negotiation.buyer_counter(request, sari_quote.pk, **terms(**bad))
    assert snapshot(request) == before


def test_today_in_jakarta_is_a_valid_first_delivery(world):
    request, _sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms(first_delivery=TODAY))
    assert round_.first_delivery == TODAY


def test_the_vendor_accepts_the_counter_like_an_accepted_quote(
    world, django_capture_on_commit_callbacks
):
    request, sari, budi, sari_quote, budi_quote = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        negotiation.vendor_answer(request, sari[0], sari[1], round_.pk, "accept")
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert quote.status == Quote.Status.ACCEPTED
    assert (quote.unit_price, quote.quantity, quote.frequency) == (2200, 800, "weekly")
    assert quote.first_delivery == TODAY + datetime.timedelta(days=7)
    assert Quote.objects.get(pk=budi_quote.pk).status == Quote.Status.NOT_CHOSEN
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.ACCEPTED
    assert QuoteRound.objects.get(pk=round_.pk).status == Round.ACCEPTED
    assert kinds(request)[-2:] == ["vendor_accepted_round", "accepted"]
    recipients = {address for m in mail.outbox for address in m.to}
    assert {"pengadaan@hotel.example", budi[1].email} <= recipients  # buyer and not chosen


def test_the_vendor_counters_and_the_quote_takes_its_terms(
    world, django_capture_on_commit_callbacks
):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counter = negotiation.vendor_answer(
            request,
            sari[0],
            sari[1],
            round_.pk,
            "counter",
            message="Min 1000",
            **terms(unit_price=2350, quantity=1000),
        )
    assert QuoteRound.objects.get(pk=round_.pk).status == Round.COUNTERED
    assert (counter.number, counter.from_buyer, counter.status) == (2, False, Round.OPEN)
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert (quote.status, quote.unit_price, quote.quantity) == ("open", 2350, 1000)
    assert kinds(request)[-1] == "vendor_countered"
    assert [m.to for m in mail.outbox] == [["pengadaan@hotel.example"]]

    # The buyer counters again: the vendor's round is countered, a third round opens.
    third = negotiation.buyer_counter(request, sari_quote.pk, **terms(unit_price=2300))
    assert QuoteRound.objects.get(pk=counter.pk).status == Round.COUNTERED
    assert (third.number, third.status) == (3, Round.OPEN)


def test_the_vendor_declines_and_the_earlier_terms_stand(world):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    negotiation.vendor_answer(request, sari[0], sari[1], round_.pk, "decline")
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert (quote.status, quote.unit_price, quote.quantity) == ("open", 2500, None)
    assert QuoteRound.objects.get(pk=round_.pk).status == Round.DECLINED
    assert kinds(request)[-1] == "vendor_declined_round"
    # The buyer may counter again, or accept the quote as it stands.
    negotiation.buyer_counter(request, sari_quote.pk, **terms(unit_price=2400))
    partnerships.accept_quote(request, sari_quote.pk)
    assert Quote.objects.get(pk=sari_quote.pk).unit_price == 2500


def test_a_round_is_answered_once(world):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    negotiation.vendor_answer(request, sari[0], sari[1], round_.pk, "decline")
    before = snapshot(request)
    for answer in ("accept", "decline", "counter"):
        with pytest.raises(ValidationError, match="answered already"):
            negotiation.vendor_answer(request, sari[0], sari[1], round_.pk, answer, **terms())
    assert snapshot(request) == before


def test_another_vendor_cannot_answer_the_round(world):
    request, sari, budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    before = snapshot(request)
    with pytest.raises(PermissionDenied):
        negotiation.vendor_answer(request, budi[0], budi[1], round_.pk, "accept")
    with pytest.raises(PermissionDenied):  # Budi's user naming Sari's business
        negotiation.vendor_answer(request, sari[0], budi[1], round_.pk, "accept")
    assert snapshot(request) == before


def test_the_buyer_accepts_the_vendors_counter(world):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    counter = negotiation.vendor_answer(
        request, sari[0], sari[1], round_.pk, "counter", **terms(unit_price=2350)
    )
    negotiation.buyer_answer(request, counter.pk, "accept")
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert (quote.status, quote.unit_price) == ("accepted", 2350)
    assert QuoteRound.objects.get(pk=counter.pk).status == Round.ACCEPTED
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.ACCEPTED
    assert kinds(request)[-2:] == ["buyer_accepted_round", "accepted"]


def test_the_buyer_declines_the_vendors_counter(world, django_capture_on_commit_callbacks):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    counter = negotiation.vendor_answer(
        request, sari[0], sari[1], round_.pk, "counter", **terms(unit_price=2350)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        negotiation.buyer_answer(request, counter.pk, "decline")
    assert QuoteRound.objects.get(pk=counter.pk).status == Round.DECLINED
    assert Quote.objects.get(pk=sari_quote.pk).status == Quote.Status.OPEN
    assert [m.to for m in mail.outbox] == [[sari[1].email]]
    with pytest.raises(ValidationError, match="answered already"):
        negotiation.buyer_answer(request, counter.pk, "accept")


def test_accepting_the_quote_outright_withdraws_the_buyers_open_round(world):
    request, _sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    partnerships.accept_quote(request, sari_quote.pk)
    assert QuoteRound.objects.get(pk=round_.pk).status == Round.WITHDRAWN
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert (quote.status, quote.unit_price) == ("accepted", 2500)  # the quote's own terms
    assert "round_withdrawn" in kinds(request)


def test_no_counter_on_an_accepted_request_or_a_quote_not_open(world):
    request, sari, _budi, sari_quote, budi_quote = world
    round_ = negotiation.buyer_counter(request, budi_quote.pk, **terms())
    partnerships.accept_quote(request, sari_quote.pk)
    before = snapshot(request)
    with pytest.raises(ValidationError, match="closed"):
        negotiation.buyer_counter(request, sari_quote.pk, **terms())
    with pytest.raises(ValidationError):
        negotiation.buyer_counter(request, budi_quote.pk, **terms())
    budi = budi_quote.vendor
    with pytest.raises(ValidationError):
        negotiation.vendor_answer(request, budi, budi.memberships.get().user, round_.pk, "accept")
    assert snapshot(request) == before


def test_no_counter_on_a_replaced_quote(world):
    request, sari, _budi, sari_quote, _ = world
    partnerships.submit_quote(request, sari[0], sari[1], **quote_terms(unit_price=2400))
    with pytest.raises(ValidationError, match="no longer open"):
        negotiation.buyer_counter(request, sari_quote.pk, **terms())


def test_a_closed_request_cannot_be_countered(world):
    request, _sari, _budi, sari_quote, _ = world
    partnerships.decline_all(request)
    with pytest.raises(ValidationError, match="closed"):
        negotiation.buyer_counter(request, sari_quote.pk, **terms())


# Samples ------------------------------------------------------------------------------------


def test_a_sample_is_asked_then_sent_each_once(world, django_capture_on_commit_callbacks):
    request, sari, _budi, _, _ = world
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        match = samples.ask_for_sample(request, sari[0].pk, "Dua bungkus, rasa balado")
    assert match.sample_requested_at is not None
    assert match.sample_request_note == "Dua bungkus, rasa balado"
    assert [m.to for m in mail.outbox] == [[sari[1].email]]
    with pytest.raises(ValidationError, match="already asked"):
        samples.ask_for_sample(request, sari[0].pk, "lagi")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        match = samples.mark_sample_sent(request, sari[0], sari[1], "JNE resi 0123")
    assert match.sample_sent_note == "JNE resi 0123"
    assert [m.to for m in mail.outbox] == [["pengadaan@hotel.example"]]
    with pytest.raises(ValidationError, match="already marked"):
        samples.mark_sample_sent(request, sari[0], sari[1], "")
    assert kinds(request)[-2:] == ["sample_asked", "sample_sent"]


def test_a_sample_not_asked_for_cannot_be_sent_nor_by_another_vendor(world):
    request, sari, budi, _, _ = world
    with pytest.raises(ValidationError, match="has not asked"):
        samples.mark_sample_sent(request, sari[0], sari[1], "")
    samples.ask_for_sample(request, sari[0].pk, "")
    with pytest.raises(PermissionDenied):
        samples.mark_sample_sent(request, sari[0], budi[1], "")
    with pytest.raises(PermissionDenied):  # a vendor not matched with the request
        samples.ask_for_sample(request, 10**9, "")


def test_the_figures_value_an_accepted_counter_at_its_agreed_quantity(world):
    from orders.partnerships.selectors import partnership_figures

    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    negotiation.vendor_answer(request, sari[0], sari[1], round_.pk, "accept")
    figures = partnership_figures()
    assert figures["accepted_value"] == 2200 * 800  # not the 600 first asked
