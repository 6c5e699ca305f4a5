"""deploy/gunicorn.conf.py, started as deployed: a client that connects and sends nothing, or
half a request, does not hold the server, even with a single worker (a sync worker would be
held until its timeout). In gunicorn 27 a gthread worker gives a new connection a thread for
at most 5 s before parking it in its poller, and a half-sent request keeps its thread: the
file's thread count leaves room for both, and nginx (deploy/nginx.conf) buffers requests in
production."""

import gc
import importlib.util
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.servers import ROOT_DIR, free_port, gunicorn_command, wait_for_port

pytestmark = pytest.mark.smoke


@pytest.fixture
def one_worker(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_WORKERS": "1",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        gunicorn_command(port), cwd=ROOT_DIR, env=env, stdout=log, stderr=log
    )
    try:
        wait_for_port(port, 20)
        yield f"http://127.0.0.1:{port}", port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_idle_and_half_sent_connections_do_not_hold_the_only_worker(one_worker):
    base, port = one_worker
    urllib.request.urlopen(base + "/healthz", timeout=20).close()  # noqa: S310 (warm up)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    half = socket.create_connection(("127.0.0.1", port))
    half.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the headers never end
    time.sleep(0.5)  # the server has accepted them all and is waiting for their requests
    try:
        started = time.monotonic()
        with urllib.request.urlopen(base + "/healthz", timeout=8) as response:  # noqa: S310
            assert response.status == 200
            assert response.read() == b"ok"
        # A sync worker would answer only after its timeout (30 s) killed the idle reads.
        assert time.monotonic() - started < 2
    finally:
        for connection in [*idle, half]:
            connection.close()


@pytest.fixture
def conf():
    """The configuration file's hooks, as gunicorn loads them; the collector restored after."""
    path = Path(ROOT_DIR) / "deploy" / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    threshold = gc.get_threshold()
    gc.unfreeze()
    yield module
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_worker_freezes_what_it_holds_at_start_and_again_once_its_pages_are_built(conf):
    """A full collection walks every object not frozen, stopping the worker's every thread
    (100-500 ms at the objects a worker holds, measured); frozen objects are not walked."""
    worker = SimpleNamespace()
    conf.post_worker_init(worker)
    at_start = gc.get_freeze_count()
    assert at_start > 10_000  # Django, Wagtail and the test's own modules
    assert gc.get_threshold()[0] == 10_000
    assert len(gc.get_objects()) < at_start / 10

    # What the first pages build and keep:
    built = [SimpleNamespace(template=n) for n in range(5_000)]
    for _ in range(99):
        conf.post_request(worker, None, {}, None)
    assert walked(built) and walked(built[-1])  # not yet: one collection per freeze
    conf.post_request(worker, None, {}, None)  # the 100th request
    assert not walked(built) and not walked(built[-1])
    for _ in range(900):
        conf.post_request(worker, None, {}, None)
    assert worker.freezes_left == [10_000]  # the 1,000th froze again


def walked(obj):
    """Whether a full collection still walks obj: frozen objects are not among gc.get_objects().
    (Counting the frozen is no proof: a frozen object freed by its last reference leaves the
    count, so the count can fall between two freezes.)"""
    return any(tracked is obj for tracked in gc.get_objects())
