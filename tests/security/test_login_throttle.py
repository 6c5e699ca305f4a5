"""Repeated failed sign-ins are throttled, on the vendor login and on the Wagtail admin login:
after five failures within fifteen minutes, even the right password is refused until the
window has passed. What a visitor (and a password guesser) would notice."""

import html
from unittest import mock

import pytest

from tests.factories import StaffFactory, UserFactory
from website import throttle

pytestmark = pytest.mark.django_db

PASSWORD = "Rahasia-123"  # tests.factories.UserFactory

LOGINS = {
    # name: (url, user factory, where a successful sign-in lands)
    "vendor": ("/en/masuk/", UserFactory, "/dasbor/"),
    "admin": ("/admin/login/", StaffFactory, "/admin/"),
}
# The message as each login shows it (the admin login of an anonymous visitor is Indonesian).
LOCKED = {
    "vendor": "Too many sign-in attempts. Try again in {} minutes.",
    "admin": "Terlalu banyak percobaan masuk. Coba lagi dalam {} menit.",
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def sign_in(client, url, username, password, address="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, url, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = sign_in(client, url, username, "salah-sandi", address)
        assert response.status_code == 200
    return response


@pytest.mark.parametrize("login", LOGINS)
def test_the_right_password_still_works_after_a_few_failures(client, login):
    url, factory, home = LOGINS[login]
    user = factory()
    response = fail(client, url, user.username, throttle.MAX_FAILURES - 1)
    assert LOCKED[login].format(15) not in text(response)
    response = sign_in(client, url, user.username, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == home


@pytest.mark.parametrize("login", LOGINS)
def test_five_failures_lock_the_username_even_for_the_right_password(client, login):
    url, factory, _home = LOGINS[login]
    user = factory()
    response = fail(client, url, user.username, throttle.MAX_FAILURES)
    assert LOCKED[login].format(15) in text(response)
    response = sign_in(client, url, user.username, PASSWORD)
    assert response.status_code == 200
    assert LOCKED[login].format(15) in text(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login", LOGINS)
def test_the_lock_lifts_when_the_window_has_passed(client, login):
    url, factory, home = LOGINS[login]
    user = factory()
    fail(client, url, user.username, throttle.MAX_FAILURES)
    later = throttle.time.time() + 10 * 60
    with mock.patch.object(throttle.time, "time", return_value=later):
        response = sign_in(client, url, user.username, PASSWORD)
        assert LOCKED[login].format(5) in text(response)
    # The cache forgets the counter when the window ends; simulate that moment.
    later += 5 * 60 + 1
    with mock.patch.object(throttle.time, "time", return_value=later):
        response = sign_in(client, url, user.username, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == home


def test_the_lock_is_for_one_username_from_one_address(client):
    url = LOGINS["vendor"][0]
    locked, other = UserFactory(), UserFactory()
    fail(client, url, locked.username, throttle.MAX_FAILURES)
    assert sign_in(client, url, other.username, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, url, locked.username, PASSWORD, "198.51.100.9").status_code == 302


def test_a_username_in_other_letters_counts_as_the_same(client):
    url = LOGINS["vendor"][0]
    user = UserFactory()
    fail(client, url, user.username.upper(), throttle.MAX_FAILURES)
    assert "Too many sign-in attempts" in text(sign_in(client, url, user.username, PASSWORD))


def test_posting_without_a_password_does_not_reset_the_count(client):
    url = LOGINS["vendor"][0]
    user = UserFactory()
    fail(client, url, user.username, throttle.MAX_FAILURES - 1)
    sign_in(client, url, user.username, "")
    fail(client, url, user.username, 1)
    assert "Too many sign-in attempts" in text(sign_in(client, url, user.username, PASSWORD))


def test_a_successful_sign_in_clears_the_count(client):
    url = LOGINS["vendor"][0]
    user = UserFactory()
    fail(client, url, user.username, throttle.MAX_FAILURES - 1)
    assert sign_in(client, url, user.username, PASSWORD).status_code == 302
    client.logout()
    response = fail(client, url, user.username, throttle.MAX_FAILURES - 1)
    assert "Too many sign-in attempts" not in text(response)


def test_the_message_is_in_indonesian_on_the_indonesian_login(client):
    user = UserFactory()
    response = fail(client, "/masuk/", user.username, throttle.MAX_FAILURES)
    assert "Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit." in text(response)
