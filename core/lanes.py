"""Heavy requests take turns, so that browsing stays fast while they wait.

A shopper's cart, checkout and order pages cannot come from the page cache: each is 10-30 ms
of Python and a dozen or more queries, where a cached page is well under one. In a rush (a
scarce product on sale, many carts at once) they would fill every core, and the cheap pages
of everyone browsing, carts included, would queue behind them. So a view marked ``@heavy``
runs at most ``slots`` at a time per app server (deploy/gunicorn.conf.py: one fewer than the
machine's cores, at least one). The others wait for a slot without using the CPU, and the
cores left over keep serving the pages people browse. A heavy view that then waits on the
network (Stripe) calls ``leave()`` first, so its slot is not held for that wait.

Waiting for a slot keeps the request's thread, so a worker has more threads than it lets run
at once: ``RunningLimitMiddleware`` lets at most ``running`` requests of a worker run at a
time (the rest queue in order), and a request waiting for a slot is not one of them. Threads
of one process take turns on the GIL, so past a few at once each only gets slower: with the
running limit a worker's requests are answered in turn instead of all at once.

The slots are ``flock`` locks on files made by the gunicorn master at start and handed to
its workers (``install``). Each thread opens its own descriptors, so threads of one worker
exclude each other as well as other workers; the kernel queues the waiters; and a worker that
dies (killed at its timeout) lets go of its slot with its files. Without gunicorn
(runserver, the tests' in-process client) there is no lane and heavy views just run.
"""

import fcntl
import functools
import logging
import os
import random
import threading
from pathlib import Path

logger = logging.getLogger(__name__)
_paths: list[str] = []
_running: threading.Semaphore | None = None
_local = threading.local()


def make(directory: Path, slots: int) -> list[str]:
    """The slot files of a new lane in ``directory`` (gunicorn's master calls this)."""
    paths = []
    for number in range(max(1, slots)):
        path = Path(directory) / f"slot-{number}"
        path.touch()
        paths.append(str(path))
    return paths


def install(paths: list[str], running: int = 0) -> None:
    """Use the lane whose slot files are ``paths`` in this process (empty: no lane), and let
    at most ``running`` requests run at once (0: no limit)."""
    global _paths, _running  # noqa: PLW0603 (one lane per process, set once after fork)
    _paths = list(paths)
    _running = threading.Semaphore(running) if running else None
    _local.__dict__.clear()


class RunningLimitMiddleware:
    """At most ``running`` requests of this worker run at once (install); the others wait
    their turn, in order."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        running = _running
        if running is None:
            return self.get_response(request)
        running.acquire()
        _local.running = running
        try:
            return self.get_response(request)
        finally:
            _local.running = None
            running.release()


def _descriptors() -> list[int]:
    """This thread's own open descriptors of the slot files; none if they cannot be opened
    (their directory removed, say by a /tmp cleaner, while the server ran): the request then
    runs outside the lane rather than fail. A removed file is made again."""
    if getattr(_local, "paths", None) != _paths:
        try:
            _local.fds = [os.open(path, os.O_RDWR | os.O_CREAT, 0o600) for path in _paths]
        except OSError:
            logger.warning("The heavy requests' lane cannot be opened; running without it.")
            return []
        _local.paths = _paths
    return _local.fds


def enter() -> None:
    """Take a slot, waiting for one if all are taken (nested calls share the outer one)."""
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    if depth or not _paths:
        return
    fds = _descriptors()
    if not fds:
        return
    for fd in fds:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue
        _local.held = fd
        return
    fd = random.choice(fds)  # noqa: S311 (not security)
    running = getattr(_local, "running", None)
    if running is not None:  # waiting is not running: others of this worker may run
        running.release()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # waits with the GIL released
    finally:
        if running is not None:
            running.acquire()
    _local.held = fd


def leave() -> None:
    """Give the slot back now (the outermost ``heavy`` view would at its end)."""
    fd = getattr(_local, "held", None)
    if fd is not None:
        _local.held = None
        fcntl.flock(fd, fcntl.LOCK_UN)


def heavy(view):
    """Run ``view`` in a slot of the lane."""

    @functools.wraps(view)
    def in_lane(*args, **kwargs):
        try:
            enter()
            return view(*args, **kwargs)
        finally:
            _local.depth -= 1
            if not _local.depth:
                leave()

    return in_lane
