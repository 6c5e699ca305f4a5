"""The buyer's magic link: asked for at /kemitraan/masuk/, sent only to known buyers but the
same answer either way, rate limited, expiring after seven days, refusing a changed link, and
showing only that buyer's requests, contracts and invoices."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from orders.contracts import buyers
from tests.orders.contracts.helpers_fig import contract, invoice, partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Post the form; the link is e-mailed once the request's transaction commits."""

    def post(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(ASK, {"email": email})

    return post


ASK = "/en/kemitraan/masuk/"
NOW = datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.UTC)
HOTEL = "pengadaan@hotel.example"


def sent_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(\S*/kemitraan/pembeli/\S+/)", message.body).group(1)


def answer_text(response) -> str:
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html[html.index("<main") :])


def test_a_known_buyer_gets_the_link_and_an_unknown_one_the_same_page(client, ask):
    partnership(email=HOTEL)
    known = ask("Pengadaan@Hotel.example ")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [HOTEL]
    unknown = ask("nobody@else.example")
    assert len(mail.outbox) == 1
    assert known.status_code == unknown.status_code == 200
    assert answer_text(known).replace("Pengadaan@Hotel.example ", "") == answer_text(
        unknown
    ).replace("nobody@else.example", "")
    assert "If this e-mail address is on a partnership request" in known.content.decode()
    assert known["Cache-Control"] == "private, no-store"
    assert "noindex" in known["X-Robots-Tag"]


def test_a_contract_buyer_email_is_known_too(client, ask):
    contract(email="beli@resto.example")
    ask("beli@resto.example")
    assert mail.outbox[0].to == ["beli@resto.example"]


def test_asking_too_often_is_refused(client, ask):
    partnership(email=HOTEL)
    for _ in range(3):
        assert ask(HOTEL).status_code == 200
    refused = ask(HOTEL)
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_the_link_lists_only_that_buyers_requests_contracts_and_invoices(client, ask):
    with time_machine.travel(NOW, tick=False):
        mine = contract(email=HOTEL)
        invoice(mine, "INV-1", 500_000, datetime.date(2026, 11, 1), datetime.date(2026, 11, 15))
        other = contract(email="other@resto.example")
        invoice(other, "INV-OTHER", 9_000, datetime.date(2026, 11, 1), datetime.date(2026, 12, 1))
        partnership(email="other@resto.example", organisation="Resto Lain")
        ask(HOTEL)
        page = client.get(sent_link())
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert f'data-number="{mine.number}"' in html
    assert f'data-number="{mine.request.number}"' in html
    assert 'data-number="INV-1"' in html and "Rp\u00a0500.000" in html and "overdue" in html
    assert other.number not in html and "INV-OTHER" not in html and "Resto Lain" not in html


def test_the_list_is_paginated_newest_first(client):
    with time_machine.travel(NOW, tick=False):
        for day in range(1, 23):
            partnership(
                email=HOTEL,
                organisation=f"Hotel {day}",
                created_at=datetime.datetime(2026, 10, day, tzinfo=datetime.UTC),
            )
        link = buyers.make_link(HOTEL)
        first = client.get(link).content.decode()
        second = client.get(link, {"page": 2}).content.decode()
    assert first.count("data-entry=") == 20 and second.count("data-entry=") == 2
    assert first.index("Hotel 22") < first.index("Hotel 21")
    assert "Hotel 1<" in second and "Hotel 22" not in second


def test_an_expired_link_says_so_and_offers_a_new_one(client):
    with time_machine.travel(NOW, tick=False), translation.override("en"):  # an English link
        partnership(email=HOTEL)
        link = buyers.make_link(HOTEL)
        assert client.get(link).status_code == 200
    with time_machine.travel(NOW + datetime.timedelta(days=7, minutes=1), tick=False):
        page = client.get(link)
    assert page.status_code == 410
    html = page.content.decode()
    assert 'data-link-problem="expired"' in html and "This link has expired" in html
    assert 'kemitraan/masuk/"' in html
    assert "data-buyer-entries" not in html


def test_a_changed_link_is_refused(client):
    partnership(email=HOTEL)
    link = buyers.make_link(HOTEL)
    signed = link.rstrip("/").rsplit("/", 1)[1]
    payload, rest = signed.split(":", 1)
    forged = buyers.make_link("other@resto.example").rstrip("/").rsplit("/", 1)[1]
    for bad in (signed[:-2] + "xx", forged.split(":", 1)[0] + ":" + rest, "nonsense"):
        page = client.get(f"/en/kemitraan/pembeli/{bad}/")
        assert page.status_code == 410
        assert 'data-link-problem="invalid"' in page.content.decode()


def test_a_link_signed_for_something_else_is_refused(client):
    from django.core import signing

    partnership(email=HOTEL)
    other_salt = signing.dumps(HOTEL, compress=True)
    page = client.get(f"/en/kemitraan/pembeli/{other_salt}/")
    assert page.status_code == 410


def test_the_request_form_and_the_received_email_link_to_it(client):
    assert 'href="/en/kemitraan/masuk/"' in client.get("/en/kemitraan/").content.decode()


def test_the_request_received_email_links_to_the_page_asking_for_it():
    from orders.partnerships.tasks import send_partnership_email

    request = partnership(email=HOTEL, status="new")
    send_partnership_email.call(request.pk, "received")
    assert "/kemitraan/masuk/" in mail.outbox[0].body
