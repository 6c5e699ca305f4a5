"""A real Stripe-compatible server for the payment tests: localstripe (a test tool from
PyPI), started once per session on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

LAUNCH = (
    "import sys; from aiohttp import web; from localstripe.server import app; "
    "web.run_app(app, host='127.0.0.1', port=int(sys.argv[1]), print=None)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    else:
        process.kill()
    if process.poll() is not None:
        message = f"localstripe did not start: {process.stderr.read().decode()[-500:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def localstripe(localstripe_url, settings):
    """Point our Stripe module at localstripe, with its data wiped."""
    request = urllib.request.Request(  # noqa: S310 - loopback test server
        localstripe_url + "/_config/data", method="DELETE"
    )
    urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - loopback test server
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    return localstripe_url
