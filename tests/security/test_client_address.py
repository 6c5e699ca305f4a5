"""Telling one client from another behind a reverse proxy. Every request through the proxy
comes from the proxy's address; the proxy appends the address it saw to X-Forwarded-For.
Only with trusted proxies configured is that header believed, read from the right: the
left-most entries are whatever the client sent. What a visitor notices: one person's wrong
passwords or partnership requests do not lock out everyone else behind the same proxy, and
a forged header does not buy a fresh allowance."""

import html

import pytest
from django.test import RequestFactory

from core.throttle import client_address
from orders.partnerships.models import PartnershipRequest
from tests.factories import StaffFactory, UserFactory
from tests.orders.partnerships.test_partnerships import category_tree, form_data
from tests.website.test_settings import PRODUCTION_ENV, manage
from website import throttle

pytestmark = pytest.mark.django_db

FORM = "/en/kemitraan/"
PASSWORD = "Rahasia-123"  # tests.factories.UserFactory
LOCKED = "Too many sign-in attempts"
PROXY = "10.0.0.2"  # the reverse proxy in front of the app: every request comes from it
ALICE, BOB = "203.0.113.7", "198.51.100.9"
LOGINS = {"vendor": ("/en/masuk/", UserFactory), "admin": ("/admin/login/", StaffFactory)}


def text(response) -> str:
    return html.unescape(response.content.decode())


def through_proxy(forwarded: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def sign_in(client, url, username, password, **meta):
    return client.post(url, {"username": username, "password": password}, **meta)


def locked_out(client, url, username, **meta) -> bool:
    """Whether the right password is refused as throttled (and then no one is signed in)."""
    response = sign_in(client, url, username, PASSWORD, **meta)
    client.logout()
    if response.status_code == 302:
        return False
    page = text(response)
    return LOCKED in page or "Terlalu banyak percobaan masuk" in page


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def snacks():
    return category_tree()[1]


# Login lockout --------------------------------------------------------------------------


def test_by_default_a_forged_header_does_not_change_the_bucket(client):
    url = LOGINS["vendor"][0]
    user = UserFactory()
    for n in range(throttle.MAX_FAILURES):
        # A guesser sends a new X-Forwarded-For with every attempt; it is not believed.
        sign_in(
            client,
            url,
            user.username,
            "salah",
            REMOTE_ADDR=ALICE,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert locked_out(
        client, url, user.username, REMOTE_ADDR=ALICE, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert locked_out(client, url, user.username, REMOTE_ADDR=ALICE)


@pytest.mark.parametrize("login", LOGINS)
def test_with_one_trusted_proxy_each_client_has_its_own_lockout(client, one_proxy, login):
    url, factory = LOGINS[login]
    user = factory()
    for _ in range(throttle.MAX_FAILURES):
        sign_in(client, url, user.username, "salah", **through_proxy(ALICE))
    assert locked_out(client, url, user.username, **through_proxy(ALICE))
    # Bob, behind the same proxy, signs in to the same account (say, a shared shop login).
    assert not locked_out(client, url, user.username, **through_proxy(BOB))


def test_a_client_forging_the_header_stays_in_its_bucket(client, one_proxy):
    url = LOGINS["vendor"][0]
    user = UserFactory()
    for n in range(throttle.MAX_FAILURES):
        # Alice writes her own X-Forwarded-For; the proxy appends the address it saw.
        forged = f"192.0.2.{n}, {BOB}"
        sign_in(client, url, user.username, "salah", **through_proxy(f"{forged}, {ALICE}"))
    assert locked_out(client, url, user.username, **through_proxy(f"{BOB}, {ALICE}"))
    assert locked_out(client, url, user.username, **through_proxy(ALICE))
    assert not locked_out(client, url, user.username, **through_proxy(BOB))


# Partnership request form ------------------------------------------------------------------


def test_the_partnership_form_limit_is_per_client_behind_the_proxy(client, one_proxy, snacks):
    for n in range(5):
        response = client.post(
            FORM,
            form_data(category=snacks.pk, email=f"a{n}@hotel.example"),
            **through_proxy(f"192.0.2.{n}, {ALICE}"),  # a new forged entry each time
        )
        assert response.status_code == 302
    sixth = client.post(
        FORM,
        form_data(category=snacks.pk, email="a6@hotel.example"),
        **through_proxy(f"192.0.2.77, {ALICE}"),
    )
    assert sixth.status_code == 429
    assert "Too many requests from you in a short time." in text(sixth)

    bob = client.post(
        FORM, form_data(category=snacks.pk, email="bob@hotel.example"), **through_proxy(BOB)
    )
    assert bob.status_code == 302
    assert PartnershipRequest.objects.count() == 6


def test_trusted_proxy_addresses_skip_every_proxy_hop(client, settings, snacks):
    # A load balancer and nginx, both on the private network; no count.
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    alice = through_proxy(f"192.0.2.1, {ALICE}, 10.0.0.3")
    for n in range(5):
        client.post(FORM, form_data(category=snacks.pk, email=f"a{n}@hotel.example"), **alice)
    response = client.post(FORM, form_data(category=snacks.pk, email="a6@h.example"), **alice)
    assert response.status_code == 429
    bob = through_proxy(f"{BOB}, 10.0.0.3")
    response = client.post(FORM, form_data(category=snacks.pk, email="bob@h.example"), **bob)
    assert response.status_code == 302


# The one function every app asks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "proxies", "remote", "forwarded", "client"),
    [
        pytest.param(0, [], PROXY, f"{ALICE}", PROXY, id="default: the header is ignored"),
        pytest.param(0, [], ALICE, "", ALICE, id="default: no header"),
        pytest.param(1, [], PROXY, ALICE, ALICE, id="one hop"),
        pytest.param(1, [], PROXY, f"6.6.6.6, {ALICE}", ALICE, id="one hop, forged left entry"),
        pytest.param(2, [], PROXY, f"6.6.6.6, {ALICE}, 10.0.0.3", ALICE, id="two hops"),
        pytest.param(1, [], PROXY, "", PROXY, id="one hop but no header: the proxy itself"),
        pytest.param(3, [], PROXY, ALICE, ALICE, id="more hops than the chain: left-most"),
        pytest.param(1, [], PROXY, f"{ALICE}:5123", ALICE, id="an address with a port"),
        pytest.param(1, [], PROXY, "[2001:db8::7]:443", "2001:db8::7", id="IPv6 with a port"),
        pytest.param(1, [], PROXY, "::ffff:203.0.113.7", ALICE, id="IPv4-mapped IPv6"),
        pytest.param(1, [], PROXY, f" {ALICE} ,, ", ALICE, id="spaces and empty entries"),
        pytest.param(1, [], PROXY, "unknown", PROXY, id="not an address"),
        pytest.param(0, ["10.0.0.0/8"], PROXY, ALICE, ALICE, id="trusted network"),
        pytest.param(0, ["10.0.0.2"], PROXY, f"6.6.6.6, {ALICE}, 10.0.0.9", "10.0.0.9",
                     id="an untrusted hop stops the walk"),
        pytest.param(0, ["10.0.0.0/8"], ALICE, BOB, ALICE, id="not from a trusted proxy"),
        pytest.param(0, ["10.0.0.0/8", "fd00::/8"], "fd00::1", f"{ALICE}, 10.1.1.1", ALICE,
                     id="IPv4 and IPv6 proxies"),
    ],
)  # fmt: skip
def test_client_address(settings, count, proxies, remote, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == client


# Production reads the setting from the environment -------------------------------------------


def test_production_reads_trusted_proxies_from_the_environment():
    env = {**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "1", "TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.5"}
    code = "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT, s.TRUSTED_PROXIES)"
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().endswith("1 ['10.0.0.0/8', '192.0.2.5/32']"), result.stderr

    result = manage("check", env={**env, "TRUSTED_PROXIES": "the load balancer"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES addresses or networks" in result.stderr
