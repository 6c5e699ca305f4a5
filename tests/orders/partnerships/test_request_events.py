"""A request's status changes go through its transition table, and its events are stored as a
kind and parameters: they read in the reader's language, whatever language wrote them. Old
events written as English text get their kinds from a data migration."""

import html
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from orders.partnerships import services as partnerships
from orders.partnerships.models import PartnershipRequest, Quote, RequestEvent
from tests.factories import StaffFactory
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    quote_terms,
    request_data,
    seller,
)

pytestmark = pytest.mark.django_db

Status = PartnershipRequest.Status


@pytest.fixture
def snacks():
    return category_tree()[1]


@pytest.fixture
def staff():
    return StaffFactory(email="officer@example.com")


def page(client, url) -> str:
    return html.unescape(client.get(url).content.decode())


def history(client, url) -> str:
    """The buyer page's history list only: the status texts elsewhere read alike."""
    text = page(client, url)
    return text[text.index('id="history-title"') : text.index("</ol>", text.index("timeline"))]


def test_events_written_in_english_read_indonesian_on_the_indonesian_page(client, staff, snacks):
    sari = seller("Bu Sari", snacks)
    with translation.override("en"):
        request = partnerships.submit_request(request_data(category=snacks, language="en"))
        partnerships.start_review(request, staff)
        partnerships.match_vendors(request, [sari[0]], staff)
        partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
        partnerships.decline_all(request)

    indonesian = history(client, f"/kemitraan/{request.token}/")
    for text in (
        "Permintaan dikirim",
        "Petugas sedang meninjau permintaan",
        "Dipasangkan dengan Bu Sari",
        "Penawaran dari Bu Sari",
        "Pembeli menolak semua penawaran",
    ):
        assert text in indonesian
    assert "Request sent" not in indonesian and "Matched with" not in indonesian

    english = history(client, f"/en/kemitraan/{request.token}/")
    for text in (
        "Request sent",
        "Staff are reviewing the request",
        "Matched with Bu Sari",
        "Quote from Bu Sari",
        "The buyer declined all quotes",
    ):
        assert text in english
    assert "Permintaan dikirim" not in english


def test_events_written_in_indonesian_read_english_under_en(client, staff, snacks):
    sari = seller("Bu Sari", snacks)
    budi = seller("Pak Budi", snacks)
    with translation.override("id"):
        request = partnerships.submit_request(request_data(category=snacks, language="id"))
        partnerships.match_vendors(request, [sari[0]], staff)
        partnerships.match_vendors(request, [budi[0]], staff)
        quote = partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
        partnerships.accept_quote(request, quote.pk)
        partnerships.close_request(request, staff, "Sudah dapat pemasok")

    english = history(client, f"/en/kemitraan/{request.token}/")
    assert "Also matched with Pak Budi" in english
    assert "Accepted the quote from Bu Sari" in english
    assert "Closed by staff: Sudah dapat pemasok" in english
    indonesian = history(client, f"/kemitraan/{request.token}/")
    assert "Juga dipasangkan dengan Pak Budi" in indonesian
    assert "Menerima penawaran dari Bu Sari" in indonesian
    assert "Ditutup oleh petugas: Sudah dapat pemasok" in indonesian


def test_events_store_kinds_and_params_not_text(staff, snacks):
    sari = seller("Bu Sari", snacks)
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.match_vendors(request, [sari[0]], staff)
    partnerships.close_request(request, staff)
    rows = list(request.events.values_list("kind", "params", "message", "old_status", "new_status"))
    assert rows == [
        ("sent", {}, "", "", Status.NEW),
        ("matched", {"names": "Bu Sari"}, "", Status.NEW, Status.MATCHED),
        ("closed", {}, "", Status.MATCHED, Status.CLOSED),
    ]
    with translation.override("en"):
        assert request.events.last().text == "Closed by staff"
        assert request.events.last().new_label == "Closed"


@pytest.mark.parametrize(
    "action, message",
    [
        (
            lambda r, staff, v: partnerships.start_review(r, staff),
            "Only a new request can be put in review.",
        ),
        (
            lambda r, staff, v: partnerships.match_vendors(r, [v], staff),
            "This request is no longer open.",
        ),
        (lambda r, staff, v: partnerships.accept_quote(r, 1), "There is no open quote to accept."),
        (lambda r, staff, v: partnerships.decline_all(r), "This request is already closed."),
        (
            lambda r, staff, v: partnerships.close_request(r, staff),
            "This request is already closed.",
        ),
    ],
)
def test_a_disallowed_transition_is_refused_with_its_message_and_writes_no_event(
    staff, snacks, action, message
):
    sari = seller("Bu Sari", snacks)
    request = partnerships.submit_request(request_data(category=snacks))
    partnerships.close_request(request, staff)
    before = list(RequestEvent.objects.values_list("pk", flat=True))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        action(request, staff, sari[0])
    assert refused.value.messages == [message]
    assert list(RequestEvent.objects.values_list("pk", flat=True)) == before
    assert PartnershipRequest.objects.get(pk=request.pk).status == Status.CLOSED


def test_the_tables_name_every_status_and_refuse_in_their_own_words(staff, snacks):
    assert set(PartnershipRequest.TRANSITIONS.table) == set(Status)
    assert set(Quote.TRANSITIONS.table) == set(Quote.Status)
    request = partnerships.submit_request(request_data(category=snacks))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        partnerships.set_request_status(request, Status.ACCEPTED, kind="accepted")
    assert refused.value.messages == ["Not possible: new cannot become accepted."]
    assert request.events.count() == 1
    sari = seller("Bu Sari", snacks)
    partnerships.match_vendors(request, [sari[0]], staff)
    quote = partnerships.submit_quote(request, sari[0], sari[1], **quote_terms())
    partnerships.accept_quote(request, quote.pk)
    quote.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        partnerships.set_quote_status(quote, Quote.Status.NOT_CHOSEN)
    assert refused.value.messages == ["Not possible: accepted cannot become not chosen."]


# The data migration -----------------------------------------------------------------------

OLD_TEXTS = [
    ("Request sent", "", "sent", {}, "Permintaan dikirim"),
    (
        "Staff are reviewing the request",
        "in_review",
        "review",
        {},
        "Petugas sedang meninjau permintaan",
    ),
    (
        "Matched with Bu Sari, Pak Budi",
        "matched",
        "matched",
        {"names": "Bu Sari, Pak Budi"},
        "Dipasangkan dengan Bu Sari, Pak Budi",
    ),
    (
        "Also matched with Ibu Rina",
        "",
        "also_matched",
        {"names": "Ibu Rina"},
        "Juga dipasangkan dengan Ibu Rina",
    ),
    ("Quote from Bu Sari", "quoted", "quoted", {"vendor": "Bu Sari"}, "Penawaran dari Bu Sari"),
    (
        "Accepted the quote from Pak Budi",
        "accepted",
        "accepted",
        {"vendor": "Pak Budi"},
        "Menerima penawaran dari Pak Budi",
    ),
    (
        "The buyer declined all quotes",
        "declined",
        "declined",
        {},
        "Pembeli menolak semua penawaran",
    ),
    ("Closed by staff", "closed", "closed", {}, "Ditutup oleh petugas"),
    (
        "Sudah dapat pemasok",
        "closed",
        "closed",
        {"note": "Sudah dapat pemasok"},
        "Ditutup oleh petugas: Sudah dapat pemasok",
    ),
    ("Something staff typed long ago", "", "", {}, "Something staff typed long ago"),
]


def test_the_data_migration_recognises_the_old_texts(snacks):
    request = partnerships.submit_request(request_data(category=snacks))
    old = [
        RequestEvent.objects.create(request=request, message=message, new_status=status)
        for message, status, *_rest in OLD_TEXTS
    ]
    migration = importlib.import_module(
        "orders.partnerships.migrations.0003_event_kinds_from_messages"
    )
    migration.recognise(apps, None)
    for event, (message, _status, kind, params, indonesian) in zip(old, OLD_TEXTS, strict=True):
        event = RequestEvent.objects.get(pk=event.pk)
        assert (event.kind, event.params, event.message) == (kind, params, message)
        with translation.override("id"):
            assert event.text == indonesian
        with translation.override("en"):
            expected = f"Closed by staff: {message}" if params.get("note") else message
            assert event.text == expected
    migration.forget(apps, None)
    assert set(
        RequestEvent.objects.filter(pk__in=[e.pk for e in old]).values_list("kind", flat=True)
    ) == {""}
