"""Counter-offers and samples, the pages: the buyer counters on the private page, the vendor
accepts, counters or declines on its request page, samples are asked and marked sent; the
pages keep a fixed number of queries however many rounds. English paths (/en/…)."""

import datetime
import html

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.partnerships import negotiation, samples
from orders.partnerships import services as partnerships
from orders.partnerships.models import PartnershipRequest, Quote, QuoteRound, RequestMatch
from tests.factories import StaffFactory
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    quote_terms,
    request_data,
    seller,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 14, 3, 0, tzinfo=datetime.UTC)  # 10.00 in Jakarta
TODAY = datetime.date(2026, 5, 14)
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    snacks = category_tree()[1]
    sari, budi = seller("Bu Sari", snacks), seller("Pak Budi", snacks)
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.match_vendors(request, [sari[0], budi[0]], StaffFactory())
    sari_quote = partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
    budi_quote = partnerships.submit_quote(request, budi[0], budi[1], **quote_terms())
    return request, sari, budi, sari_quote, budi_quote


def text(response) -> str:
    return html.unescape(response.content.decode())


def private_url(request) -> str:
    return f"/en/kemitraan/{request.token}/"


def vendor_url(request) -> str:
    return f"/en/dasbor/kemitraan/{request.number}/"


def counter_post(quote, **overrides) -> dict:
    prefix = f"q{quote.pk}"
    data = {
        "action": "counter",
        "quote": quote.pk,
        f"{prefix}-unit_price": "2200",
        f"{prefix}-quantity": "800",
        f"{prefix}-frequency": "weekly",
        f"{prefix}-first_delivery": NEXT_WEEK.isoformat(),
        f"{prefix}-message": "Bisa kurang sedikit?",
    }
    data.update({f"{prefix}-{k}": v for k, v in overrides.items()})
    return data


def terms(**overrides) -> dict:
    data = {"unit_price": 2200, "quantity": 800, "frequency": "weekly"}
    data["first_delivery"] = NEXT_WEEK
    data.update(overrides)
    return data


def test_the_quote_form_takes_the_terms_with_the_requests_as_defaults(client, world):
    request, sari, _budi, _, _ = world
    client.force_login(sari[1])
    page = text(client.get(vendor_url(request)))
    assert 'name="quantity" value="600"' in page  # the quantity the buyer asked for
    assert '<option value="monthly" selected>' in page
    assert "Payment terms" in page and "30 days" in page
    data = {
        "action": "quote",
        "unit_price": "2400",
        "min_order": "100",
        "lead_time_days": "3",
        "delivery_terms": "Diantar",
        "valid_until": NEXT_WEEK.isoformat(),
        "quantity": "500",
        "frequency": "weekly",
        "first_delivery": NEXT_WEEK.isoformat(),
        "payment_terms_days": "14",
    }
    assert client.post(vendor_url(request), data).status_code == 302
    quote = Quote.objects.filter(vendor=sari[0], status="open").get()
    assert (quote.quantity, quote.frequency, quote.payment_terms_days) == (500, "weekly", 14)
    assert quote.first_delivery == NEXT_WEEK
    data["first_delivery"] = "2026-05-01"
    page = text(client.post(vendor_url(request), data))
    assert "The first delivery cannot be in the past." in page


def test_the_buyer_counters_on_the_private_page(client, world):
    request, _sari, _budi, sari_quote, _ = world
    page = text(client.get(private_url(request)))
    assert "Make a counter-offer" in page and "30 days" in page
    response = client.post(private_url(request), counter_post(sari_quote))
    assert response.status_code == 302
    round_ = QuoteRound.objects.get()
    assert (round_.unit_price, round_.quantity, round_.from_buyer) == (2200, 800, True)
    page = text(client.get(response.url))
    assert "Your counter-offer is sent to Bu Sari." in page
    assert "Your counter-offer is waiting for an answer from Bu Sari." in page
    assert f'data-round="{round_.pk}" data-round-status="open"' in page
    assert "Bisa kurang sedikit?" in page


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("unit_price", "0", "greater than or equal to 1"),
        ("quantity", "-5", "greater than or equal to 1"),
        ("first_delivery", "2026-05-13", "cannot be in the past"),
    ],
)
def test_a_wrong_counter_is_refused_and_what_was_typed_is_kept(client, world, field, value, error):
    request, _sari, _budi, sari_quote, _ = world
    response = client.post(private_url(request), counter_post(sari_quote, **{field: value}))
    assert response.status_code == 200
    page = text(response)
    assert error in page
    assert "Bisa kurang sedikit?" in page  # the message as typed
    assert f'value="{value}"' in page
    assert not QuoteRound.objects.exists()


def test_the_vendor_accepts_the_counter_on_its_page(client, world):
    request, sari, _budi, sari_quote, budi_quote = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    client.force_login(sari[1])
    page = text(client.get(vendor_url(request)))
    assert f'data-waiting-round="{round_.pk}"' in page
    assert "Accept the counter-offer" in page
    response = client.post(
        vendor_url(request), {"action": "answer", "round": round_.pk, "answer": "accept"}
    )
    assert response.status_code == 302
    quote = Quote.objects.get(pk=sari_quote.pk)
    assert (quote.status, quote.unit_price, quote.quantity) == ("accepted", 2200, 800)
    assert Quote.objects.get(pk=budi_quote.pk).status == "not_chosen"
    assert "the quote is accepted" in text(client.get(response.url))
    buyer_page = text(client.get(private_url(request)))
    assert "Rp\u00a02.200" in buyer_page and "800 pcs" in buyer_page


def test_the_vendor_counters_and_a_wrong_counter_keeps_what_was_typed(client, world):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    client.force_login(sari[1])
    data = {
        "action": "answer",
        "answer": "counter",
        "round": round_.pk,
        "answer-unit_price": "0",
        "answer-quantity": "1000",
        "answer-frequency": "weekly",
        "answer-first_delivery": NEXT_WEEK.isoformat(),
        "answer-message": "Minimal seribu",
    }
    page = text(client.post(vendor_url(request), data))
    assert "greater than or equal to 1" in page and "Minimal seribu" in page
    assert QuoteRound.objects.get().status == "open"
    data["answer-unit_price"] = "2350"
    assert client.post(vendor_url(request), data).status_code == 302
    assert QuoteRound.objects.get(pk=round_.pk).status == "countered"
    assert Quote.objects.get(pk=sari_quote.pk).unit_price == 2350
    # The buyer sees the vendor's counter and may decline it.
    page = text(client.get(private_url(request)))
    assert "Bu Sari countered your offer" in page
    counter = QuoteRound.objects.get(from_buyer=False)
    client.post(
        private_url(request), {"action": "answer_round", "round": counter.pk, "answer": "decline"}
    )
    assert QuoteRound.objects.get(pk=counter.pk).status == "declined"


def test_the_vendor_declines_and_answering_twice_is_refused(client, world):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    client.force_login(sari[1])
    answer = {"action": "answer", "round": round_.pk, "answer": "decline"}
    response = client.post(vendor_url(request), answer)
    assert QuoteRound.objects.get().status == "declined"
    assert "your quote stands" in text(client.get(response.url))
    response = client.post(vendor_url(request), {**answer, "answer": "accept"})
    assert "answered already" in text(client.get(response.url))
    assert Quote.objects.get(pk=sari_quote.pk).status == "open"


def test_vendor_b_cannot_answer_vendor_as_round(client, world):
    request, sari, budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    client.force_login(budi[1])
    for answer in ("accept", "decline", "counter"):
        response = client.post(
            vendor_url(request), {"action": "answer", "round": round_.pk, "answer": answer}
        )
        assert response.status_code == 404
    assert QuoteRound.objects.get().status == "open"
    assert f'data-waiting-round="{round_.pk}"' not in text(client.get(vendor_url(request)))


def test_a_sample_is_asked_on_the_buyer_page_and_marked_sent_by_the_vendor(client, world):
    request, sari, budi, _, _ = world
    page = text(client.get(private_url(request)))
    assert page.count('name="action" value="sample"') == 2  # one per matched vendor
    post = {"action": "sample", "vendor": sari[0].pk, f"s{sari[0].pk}-note": "Rasa balado"}
    response = client.post(private_url(request), post)
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert "Bu Sari is asked for a sample." in page
    assert 'data-sample-state="asked"' in page
    response = client.post(private_url(request), post)
    assert "You already asked Bu Sari for a sample" in text(client.get(response.url))

    client.force_login(budi[1])  # Budi was not asked: no sample section, marking refused
    assert 'id="sample"' not in text(client.get(vendor_url(request)))
    client.post(vendor_url(request), {"action": "sample_sent", "sent-note": "x"})
    assert RequestMatch.objects.get(vendor=budi[0]).sample_sent_at is None

    client.force_login(sari[1])
    page = text(client.get(vendor_url(request)))
    assert "Rasa balado" in page and "Mark sample sent" in page
    client.post(vendor_url(request), {"action": "sample_sent", "sent-note": "JNE 0123"})
    assert RequestMatch.objects.get(vendor=sari[0]).sample_sent_note == "JNE 0123"
    page = text(client.get(private_url(request)))
    assert 'data-sample-state="sent"' in page and "JNE 0123" in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_take_the_same_queries_however_many_quotes_and_rounds(client, world):
    request, sari, budi, _sari_quote, budi_quote = world
    # Before: one quote on each page (Budi's replaced, so hidden from the buyer), no rounds.
    Quote.objects.filter(pk=budi_quote.pk).update(status="declined")
    client.force_login(sari[1])
    client.get(vendor_url(request))  # the first page after signing in reads the session once more
    vendor_before = _queries(client, vendor_url(request))
    client.logout()
    buyer_before = _queries(client, private_url(request))

    # After: two quotes on each page (Sari's second replaces her first), three rounds on each.
    Quote.objects.filter(pk=budi_quote.pk).update(status="open")
    sari_quote = partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
    for quote, (vendor, user) in ((sari_quote, sari[:2]), (budi_quote, budi[:2])):
        first = negotiation.buyer_counter(request, quote.pk, **terms())
        negotiation.vendor_answer(request, vendor, user, first.pk, "counter", **terms())
        negotiation.buyer_counter(request, quote.pk, **terms(unit_price=2300))
    samples.ask_for_sample(request, sari[0].pk, "")
    samples.mark_sample_sent(request, sari[0], sari[1], "")
    assert QuoteRound.objects.count() == 6

    page = text(client.get(private_url(request)))
    assert page.count("data-round=") == 6
    assert _queries(client, private_url(request)) == buyer_before
    client.force_login(sari[1])
    assert text(client.get(vendor_url(request))).count("data-round=") == 3
    assert _queries(client, vendor_url(request)) == vendor_before


def test_the_request_is_still_accepted_status_after_the_buyer_accepts_a_counter(client, world):
    request, sari, _budi, sari_quote, _ = world
    round_ = negotiation.buyer_counter(request, sari_quote.pk, **terms())
    negotiation.vendor_answer(
        request, sari[0], sari[1], round_.pk, "counter", **terms(unit_price=2350)
    )
    client.post(private_url(request), {"action": "accept", "quote": sari_quote.pk})
    assert PartnershipRequest.objects.get(pk=request.pk).status == "accepted"
    assert Quote.objects.get(pk=sari_quote.pk).unit_price == 2350
