"""The multi-server deployment, proven: two gunicorn instances of the production settings on
loopback, sharing the test's PostgreSQL database and one real Redis, driven over HTTP as
browsers would. A cart, a session and the login throttle move between instances; a change
made by another process shows on both at once; stopping Redis, or one instance, under load
makes no request fail. It prints the figures it saw.

Slow (collectstatic, two servers): marked `multiserver`; CI runs it once, in the full suite
on PostgreSQL. It needs PostgreSQL (the instances must see the test's committed rows)."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from orders.models import Order
from tests.factories import MembershipFactory, ProductFactory, UserFactory
from tests.orders.helpers import checkout_form
from tests.servers import RedisServer, free_port, gunicorn_command, require_module, wait_for_port

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Rahasia-123"  # tests.factories.UserFactory
CHECKOUT = checkout_form(payment_method="transfer")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def production_env(tmp_path, redis) -> dict:
    """The environment of every process of the deployment: production settings, the test's
    PostgreSQL database, the Redis started by the test, folders under ``tmp_path``."""
    db = connection.settings_dict
    return {
        **{k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "PYTHONPATH"}},
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "m" * 20 + "-multi-server-proof-secret-for-tests-0123456789abcdef",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "STRIPE_SECRET_KEY": "sk_test_x",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_x",
        "STRIPE_WEBHOOK_SECRET": "whsec_x",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "noreply@example.id",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "REDIS_URL": redis.url,
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "TRANSFER_BANK_NAME": "Bank Jabar Banten",
        "TRANSFER_ACCOUNT_NUMBER": "0012345678",
        "TRANSFER_ACCOUNT_HOLDER": "Etalase Tangerang",
    }


@pytest.fixture
def deployment(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("The multi-server proof runs on PostgreSQL (DATABASE_URL=postgres://…).")
    require_module("redis", "redis")
    redis = RedisServer()
    redis.start()
    deployment = Deployment(production_env(tmp_path, redis), redis)
    try:
        yield deployment
    finally:
        deployment.close()


class Deployment:
    def __init__(self, env, redis):
        self.env = env
        self.redis = redis
        self.servers = {}
        self.logs = env["MEDIA_ROOT"] + "-logs"
        os.makedirs(self.logs)
        self.manage("collectstatic", "--noinput", "-v", "0")  # the first step, as documented
        for name in ("a", "b"):
            self.start(name)
        worker_log = open(os.path.join(self.logs, "worker.log"), "a")  # noqa: SIM115
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=worker_log,
        )
        worker_log.close()

    def start(self, name):
        port = free_port()
        log = open(os.path.join(self.logs, f"{name}.log"), "a")  # noqa: SIM115
        process = subprocess.Popen(
            gunicorn_command(port, "--workers", "2", "--graceful-timeout", "5"),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        log.close()
        try:
            wait_for_port(port, 30)
        except RuntimeError:
            process.kill()
            process.wait()
            raise RuntimeError(self.log(name)[-3000:]) from None
        self.servers[name] = (f"http://127.0.0.1:{port}", process)

    def log(self, name):
        with open(os.path.join(self.logs, f"{name}.log")) as log:
            return log.read()

    def url(self, name):
        return self.servers[name][0]

    def stop(self, name):
        _, process = self.servers.pop(name)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def close(self):
        for name in list(self.servers):
            self.stop(name)
        self.worker.send_signal(signal.SIGTERM)
        try:
            self.worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.worker.kill()
            self.worker.wait()
        self.redis.close()


class Browser:
    """One visitor. It keeps its cookies itself and sends them to whichever instance it asks
    (the production cookies are Secure; plain HTTP on loopback stands for the TLS proxy)."""

    def __init__(self):
        import requests

        self.http = requests
        self.cookies = {}

    def _keep(self, response):
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, base, path):
        response = self.http.get(
            base + path, cookies=self.cookies, allow_redirects=False, timeout=30
        )
        self._keep(response)
        return response

    def post(self, base, path, data, form_path=None):
        form = self.get(base, form_path or path)
        token = CSRF_INPUT.search(form.text).group(1)
        response = self.http.post(
            base + path,
            data={**data, "csrfmiddlewaretoken": token},
            cookies=self.cookies,
            headers={"Referer": base + (form_path or path)},
            allow_redirects=False,
            timeout=30,
        )
        self._keep(response)
        return response


def test_two_instances_share_carts_sessions_throttle_changes_and_survive_outages(
    deployment,
):
    a, b = deployment.url("a"), deployment.url("b")
    product = ProductFactory(name="Keripik Tempe Bu Sari", price=25000, stock=50)
    path = product.get_absolute_url()

    # A cart filled on one instance is the same cart on the other.
    shopper = Browser()
    added = shopper.post(
        a, "/en/keranjang/tambah/", {"product": product.pk, "quantity": "2"}, form_path=path
    )
    assert added.status_code == 302, added.text[:500]
    cart = shopper.get(b, "/en/keranjang/")
    assert cart.status_code == 200
    assert "Keripik Tempe Bu Sari" in cart.text

    # A change made by another process shows on both instances on the very next request.
    for base in (a, b, a, b):
        assert "Rp\u00a025.000" in Browser().get(base, path).text
    assert Browser().get(b, path).headers["X-Page-Cache"] == "hit"
    deployment.manage(
        "shell",
        "-c",
        f"from catalog.models import Product; p = Product.objects.get(pk={product.pk}); "
        "p.price = 27500; p.save()",
    )
    for base in (b, a):
        page = Browser().get(base, path).text
        assert "Rp\u00a027.500" in page and "Rp\u00a025.000" not in page

    # Failed sign-ins count across both instances: 3 on one and 2 on the other lock it.
    guessed = UserFactory()
    for base in (a, a, a, b, b):
        response = Browser().post(
            base, "/en/masuk/", {"username": guessed.username, "password": "salah-sandi"}
        )
        assert response.status_code == 200
    refused = Browser().post(a, "/en/masuk/", {"username": guessed.username, "password": PASSWORD})
    assert "Too many sign-in attempts" in refused.text

    # A session begun on one instance is valid on the other, and ends on both at logout.
    vendor = MembershipFactory().user
    # (the test settings hash with MD5 for speed; production knows only its own hashers)
    vendor.password = PBKDF2PasswordHasher().encode(PASSWORD, "multiserversalt", iterations=1000)
    vendor.save()
    member = Browser()
    signed_in = member.post(a, "/en/masuk/", {"username": vendor.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert member.get(b, "/en/dasbor/").status_code == 200
    signed_in_cookies = dict(member.cookies)
    assert member.post(b, "/en/keluar/", {}, form_path="/en/dasbor/").status_code == 302
    member.cookies = signed_in_cookies  # the old session cookie, replayed to the other instance
    assert member.get(a, "/en/dasbor/").status_code == 302  # to the login: the session is gone

    # 20 shoppers check out at once, split across both instances, for 5 items: 5 orders.
    scarce = ProductFactory(name="Dodol Betawi", price=30000, stock=5)
    racers = []
    for number in range(20):
        base = (a, b)[number % 2]
        racer = Browser()
        added = racer.post(
            base,
            "/en/keranjang/tambah/",
            {"product": scarce.pk, "quantity": "1"},
            form_path=scarce.get_absolute_url(),
        )
        assert added.status_code == 302
        form = racer.get(base, "/en/checkout/")
        assert form.status_code == 200
        racers.append((racer, base, CSRF_INPUT.search(form.text).group(1)))
    outcomes = []

    def check_out(racer, base, token):
        response = racer.http.post(
            base + "/en/checkout/",
            data={**CHECKOUT, "csrfmiddlewaretoken": token},
            cookies=racer.cookies,
            headers={"Referer": base + "/en/checkout/", "X-Request-ID": f"race-{token[:12]}"},
            allow_redirects=False,
            timeout=30,
        )
        outcomes.append(response.status_code)
        if response.status_code == 302:
            placed.append(f"race-{token[:12]}")

    placed = []
    threads = [threading.Thread(target=check_out, args=racer) for racer in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    print(f"\n20 racing checkouts for 5 items: statuses {sorted(outcomes)}")
    assert sorted(outcomes) == [200] * 15 + [302] * 5  # 15 told it is gone, 5 orders placed
    scarce.refresh_from_db()
    assert scarce.stock == 0
    assert Order.objects.filter(parts__lines__product=scarce).distinct().count() == 5

    # The worker (db_worker) ran each order's e-mail task under the id of the request that
    # placed the order (the proxy's X-Request-ID).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(
        f"[{rid}] Task id=" in deployment.log("worker") for rid in placed
    ):
        time.sleep(0.5)
    worker_log = deployment.log("worker")
    assert all(f"[{rid}] Task id=" in worker_log for rid in placed), worker_log[-3000:]

    # Under load on both instances: Redis stopped for 4 s, then back; no request fails.
    figures = load(
        [a, b],
        ["/", "/en/katalog/", path, "/en/keranjang/"],
        seconds=10,
        during=lambda: (
            time.sleep(3),
            deployment.redis.stop(),
            time.sleep(4),
            deployment.redis.start(),
        ),
    )
    print(f"\nRedis stopped for 4 s under load: {figures}")
    assert figures["failed"] == 0 and set(figures["statuses"]) == {200}, figures
    assert figures["requests"] > 50
    assert "The shared cache is unreachable" in deployment.log("a") + deployment.log("b")

    # Under load on B, instance A is stopped: nothing asked of B fails.
    figures = load(
        [b],
        ["/", "/en/katalog/", path],
        seconds=6,
        during=lambda: (time.sleep(2), deployment.stop("a")),
    )
    print(f"Instance A stopped under load on B: {figures}")
    assert figures["failed"] == 0 and set(figures["statuses"]) == {200}, figures

    # Each instance logged one structured line per request, with its request id.
    assert re.search(
        r'"method": "GET", "path": "/en/keranjang/", "status": 200, '
        r'"duration_ms": [\d.]+, "request_id": "[0-9a-f]{32}"',
        deployment.log("b"),
    )


def load(bases, paths, seconds, during, clients=8):
    """`clients` threads asking in turn for `paths` on `bases` for `seconds`, while `during`
    runs; returns how many requests, by status, and how many got no answer."""
    import requests

    statuses: dict[int, int] = {}
    failed = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number):
        turn = number
        while time.monotonic() < stop_at:
            url = bases[turn % len(bases)] + paths[turn % len(paths)]
            turn += 1
            try:
                status = requests.get(url, timeout=10, allow_redirects=False).status_code
            except requests.RequestException as error:
                with lock:
                    failed.append(f"{url}: {error.__class__.__name__}")
                continue
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    during()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    return {
        "requests": sum(statuses.values()) + len(failed),
        "statuses": statuses,
        "failed": len(failed),
        "failures": failed[:5],
    }
