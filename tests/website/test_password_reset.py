"""Forgotten passwords: "Lupa kata sandi?" on /masuk/, the link by e-mail through the task
queue, the same answer for any address, and throttling per address and per client."""

import re
from html import unescape

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DONE = "Jika ada akun dengan alamat ini, tautan untuk membuat kata sandi baru sedang dikirim."


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def ask(email, prefix="", remote="10.0.0.1"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"{prefix}/masuk/lupa-sandi/", {"email": email}, follow=True, REMOTE_ADDR=remote
            )

    return ask


def link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_the_login_page_offers_a_reset_in_both_languages(client):
    assert (
        '<a href="/masuk/lupa-sandi/">Lupa kata sandi?</a>'
        in client.get("/masuk/").content.decode()
    )
    english = client.get("/en/masuk/").content.decode()
    assert '<a href="/en/masuk/lupa-sandi/">Forgot your password?</a>' in english


def test_a_vendor_resets_a_forgotten_password_and_logs_in(client, ask):
    user = UserFactory(username="sari@example.com", email="sari@example.com")
    response = ask("Sari@Example.com")
    assert DONE in unescape(response.content.decode())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sari@example.com"]
    assert message.subject == "Buat kata sandi baru untuk Etalase Tangerang"
    link = link_in(message)
    assert link.startswith("/masuk/sandi-baru/")

    form = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "Kopi-Luwak-Legok-7", "new_password2": "Kopi-Luwak-Legok-7"},
        follow=True,
    )
    assert "Kata sandi Anda sudah diganti" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Kopi-Luwak-Legok-7")
    # The link works once.
    assert "Tautan ini sudah tidak berlaku" in client.get(link, follow=True).content.decode()
    login = client.post(
        "/masuk/", {"username": "sari@example.com", "password": "Kopi-Luwak-Legok-7"}
    )
    assert login.status_code == 302


def test_the_english_request_gets_an_english_mail_and_link(ask):
    UserFactory(username="budi", email="budi@example.com")
    ask("budi@example.com", prefix="/en")
    message = mail.outbox[0]
    assert message.subject == "Choose a new password for Etalase Tangerang"
    assert link_in(message).startswith("/en/masuk/sandi-baru/")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(ask):
    UserFactory(username="sari", email="sari@example.com")
    known = ask("sari@example.com", remote="10.0.0.1")
    unknown = ask("nobody@example.com", remote="10.0.0.2")
    assert known.redirect_chain == unknown.redirect_chain
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert len(mail.outbox) == 1


def test_one_address_gets_at_most_five_mails_in_fifteen_minutes(ask):
    UserFactory(username="sari", email="sari@example.com")
    for attempt in range(8):  # from eight different clients
        response = ask("sari@example.com", remote=f"10.0.1.{attempt}")
        assert DONE in unescape(response.content.decode())  # no hint that it stopped
    assert len(mail.outbox) == 5


def test_one_client_is_slowed_down_after_five_requests(ask):
    for attempt in range(5):
        assert DONE in unescape(ask(f"orang{attempt}@example.com").content.decode())
    refused = unescape(ask("orang9@example.com").content.decode())
    assert "Terlalu banyak permintaan atur ulang kata sandi dari koneksi ini" in refused
    assert DONE not in refused
    # Another client is not affected.
    assert DONE in unescape(ask("orang9@example.com", remote="10.9.9.9").content.decode())


def test_the_reset_pages_are_in_the_sites_design(client):
    html = client.get("/masuk/lupa-sandi/").content.decode()
    assert "css/site.css" in html
    assert "Lupa kata sandi?" in html
    assert 'name="email"' in html
    assert "noindex" in html
