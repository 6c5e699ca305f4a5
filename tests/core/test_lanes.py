"""core.lanes: heavy requests (cart, checkout, order pages) take turns in a server's slots,
and the pages people browse never wait for them."""

import importlib.util
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client

from core import lanes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def one_slot(tmp_path):
    lanes.install(lanes.make(tmp_path, 1))
    yield
    lanes.install([])


def run_in_thread(view):
    """Starts ``view`` in a thread; an event set once it has entered its body."""
    entered = threading.Event()
    thread = threading.Thread(target=view, args=(entered,))
    thread.start()
    return thread, entered


def holding(release: threading.Event):
    @lanes.heavy
    def view(entered):
        entered.set()
        release.wait(10)

    return view


def test_with_one_slot_a_heavy_view_waits_until_the_other_is_done(one_slot):
    release_first = threading.Event()
    first, first_in = run_in_thread(holding(release_first))
    assert first_in.wait(5)
    release_second = threading.Event()
    second, second_in = run_in_thread(holding(release_second))
    assert not second_in.wait(0.3)  # the slot is taken
    release_first.set()
    assert second_in.wait(5)  # and given to it as soon as the first is done
    release_second.set()
    first.join(5)
    second.join(5)


def test_a_view_that_leaves_the_lane_lets_the_next_one_in(one_slot):
    release = threading.Event()

    @lanes.heavy
    def waits_on_the_network(entered):
        lanes.leave()  # as before Stripe's answer
        entered.set()
        release.wait(10)

    first, first_in = run_in_thread(waits_on_the_network)
    assert first_in.wait(5)
    second, second_in = run_in_thread(holding(threading.Event()))
    assert second_in.wait(5)  # while the first still runs
    release.set()
    first.join(5)
    second.join(15)


def test_nested_heavy_views_share_the_outer_slot(one_slot):
    @lanes.heavy
    def inner():
        return "inner"

    @lanes.heavy
    def outer(entered):
        entered.set()
        return inner()

    done = []
    thread = threading.Thread(target=lambda: done.append(outer(threading.Event())))
    thread.start()
    thread.join(5)
    assert done == ["inner"]  # no wait on itself
    # and the slot is free again afterwards
    other, other_in = run_in_thread(holding(threading.Event()))
    assert other_in.wait(5)
    other.join(15)


def test_slot_files_removed_while_the_server_runs_are_made_again_or_done_without(tmp_path):
    """A /tmp cleaner may remove the lane's files from under a server that runs for weeks."""
    import shutil

    directory = tmp_path / "lane"
    directory.mkdir()
    lanes.install(lanes.make(directory, 1))
    try:
        for path in directory.iterdir():
            path.unlink()
        release = threading.Event()
        first, first_in = run_in_thread(holding(release))
        assert first_in.wait(5)  # a new thread makes the file again and takes the slot
        second, second_in = run_in_thread(holding(release))
        assert not second_in.wait(0.3)  # and the lane still works
        release.set()
        assert second_in.wait(5)
        shutil.rmtree(directory)
        third, third_in = run_in_thread(holding(release))
        assert third_in.wait(5)  # the directory gone too: the view runs, outside the lane
        for thread in (first, second, third):
            thread.join(5)
    finally:
        lanes.install([])


def test_without_a_lane_heavy_views_run_side_by_side():
    lanes.install([])
    release = threading.Event()
    first, first_in = run_in_thread(holding(release))
    second, second_in = run_in_thread(holding(release))
    assert first_in.wait(5) and second_in.wait(5)
    release.set()
    first.join(5)
    second.join(5)


def test_gunicorn_makes_one_lane_per_server_and_gives_it_to_each_worker(monkeypatch):
    monkeypatch.setenv("GUNICORN_HEAVY_SLOTS", "2")
    spec = importlib.util.spec_from_file_location("conf", ROOT / "deploy" / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    server = SimpleNamespace()
    conf.on_starting(server)
    try:
        assert len(server.lane_paths) == 2
        assert all(Path(path).exists() for path in server.lane_paths)
        conf.post_fork(server, None)
        assert lanes._paths == server.lane_paths
        assert lanes._running is not None  # and a running limit
    finally:
        lanes.install([])
        conf.on_exit(server)
    assert not any(Path(path).exists() for path in server.lane_paths)


@pytest.mark.django_db(transaction=True)
def test_the_cart_waits_for_a_slot_and_browsing_does_not(one_slot):
    """The shop's heavy pages are in the lane; the catalog is not."""
    release = threading.Event()
    holder, held = run_in_thread(holding(release))
    assert held.wait(5)
    answered = {}

    def visit(path):
        started = time.monotonic()
        status = Client().get(path).status_code
        answered[path] = (status, time.monotonic() - started)

    cart = threading.Thread(target=visit, args=("/keranjang/",))
    cart.start()
    visit("/katalog/")  # while the cart waits
    assert answered["/katalog/"][0] == 200
    cart.join(1)
    assert cart.is_alive()  # still waiting for the slot
    release.set()
    cart.join(20)
    holder.join(5)
    assert answered["/keranjang/"][0] == 200


def through_middleware(view):
    """``view`` as a request through RunningLimitMiddleware."""
    middleware = lanes.RunningLimitMiddleware(lambda entered: view(entered))
    return middleware


def test_a_worker_runs_at_most_its_limit_at_once_and_the_rest_in_turn():
    lanes.install([], running=1)
    try:
        release = threading.Event()
        first, first_in = run_in_thread(through_middleware(holding(release)))
        assert first_in.wait(5)
        second, second_in = run_in_thread(through_middleware(holding(threading.Event())))
        assert not second_in.wait(0.3)  # its turn comes when the first is done
        release.set()
        assert second_in.wait(5)
        first.join(5)
        second.join(15)
    finally:
        lanes.install([])


def test_a_request_waiting_for_a_heavy_slot_lets_others_of_its_worker_run(tmp_path):
    lanes.install(lanes.make(tmp_path, 1), running=1)
    try:
        release = threading.Event()
        holder, held = run_in_thread(holding(release))  # another worker's checkout
        assert held.wait(5)
        waiting, waiting_in = run_in_thread(through_middleware(holding(threading.Event())))
        assert not waiting_in.wait(0.3)  # waits for the slot

        def browse(entered):
            entered.set()

        browsing, browsed = run_in_thread(through_middleware(browse))
        assert browsed.wait(5)  # not behind the waiting checkout
        release.set()
        assert waiting_in.wait(5)
        for thread in (holder, waiting, browsing):
            thread.join(15)
    finally:
        lanes.install([])
