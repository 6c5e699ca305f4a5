"""gunicorn's settings for every app server: `gunicorn website.wsgi -c deploy/gunicorn.conf.py`.

Used by the deploy docs (README), `make bench` (bench/server.py) and the tests that start
gunicorn (tests/servers.py, tests/deploy/), so what is measured and tested is what runs.
Environment overrides (all optional): GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG ("-" for stdout). Flags given on the command line win
over this file (gunicorn reads the file first), e.g. `--bind` for a test's own port.
"""

import gc
import multiprocessing
import os
import shutil
import tempfile


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Worker class: gthread, not the default sync. A sync worker serves one connection at a time
# and reads the request itself: a browser that opens a connection and sends nothing (a
# preconnect, a phone on a bad network, a slowloris) holds the whole worker until `timeout`
# kills it ("WORKER TIMEOUT ... no URI read"), and with no buffering proxy in front a few such
# clients stop the site. A gthread worker hands accepted connections to a poller and gives a
# thread only to a connection whose request has arrived, so an idle or slow client costs a
# file descriptor, not a worker. Threads also serve keep-alive, which sync workers do not.
worker_class = "gthread"

# Workers: processes run Python in parallel, threads of one process take turns (the GIL).
# Our pages are mostly Python (templates, cached fragments), so a request that shares its
# process with busy threads waits for them: twice as many workers as cores, plus one, spread
# the requests under way thinly over processes, which the OS shares fairly between the
# cores (bench, page cache off, 8 connections, on a noisy 2-core machine: p95 12-42 ms in
# three of four runs with 5 workers, one page at 91 ms in the fourth; 27-261 ms with 3 or 4).
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)

# Threads per worker: a gthread worker gives a newly accepted connection a thread for up to
# 5 s before parking it in its poller (gunicorn 27), and a half-sent request keeps its thread
# until it is complete or times out: spare threads let a worker serve others while a few such
# clients wait (tests/deploy/test_gunicorn_conf.py). A request waiting for a heavy slot
# (below) also keeps its thread, and a browser's kept-alive connection stays with one
# worker: with 32 shoppers in a rush of checkouts, 8 threads let some workers' threads all
# wait for the slot while their other shoppers' pages queued behind them (browsing p95
# 153-226 ms); 12 did not (17-65 ms). Waiting threads take no CPU. Each thread holds its own
# database connection once it has used one (CONN_MAX_AGE): 5 × 12 = 60 per 2-core server,
# so a second server needs PostgreSQL's max_connections raised from 100, or PgBouncer.
threads = _int("GUNICORN_THREADS", 12)
# Of those, at most this many run at once (core.lanes.RunningLimitMiddleware; a thread
# waiting for a heavy slot is not running); the others wait their turn. Threads share their
# worker's GIL, so more at once only makes each slower: page cache off, 8 connections, the
# site search had p95 52-69 ms with 12 running at once and 33-46 ms with 4.
running = min(threads, _int("GUNICORN_RUNNING", 4))

# Heavy requests (a shopper's cart, checkout and order pages: core.lanes) run at most this many
# at a time per server, so a rush of checkouts leaves a core to the pages people browse; the
# others wait their turn without using the CPU. Mixed load (bench, 32 shoppers with no pause,
# 12 products sold out in a rush): browsing with a cart p95 357-1,073 ms with every request
# free to run, 17-65 ms with one slot; the checkouts' p95 went from ~0.8 s to ~2 s.
heavy_slots = _int("GUNICORN_HEAVY_SLOTS", max(1, multiprocessing.cpu_count() - 1))
_lane_directory = None


def on_starting(server):
    """The master makes the lane's slot files; its workers inherit their names."""
    global _lane_directory  # noqa: PLW0603 (the master's one lane)
    from core import lanes

    _lane_directory = tempfile.mkdtemp(prefix="etalase-lane-")
    server.lane_paths = lanes.make(_lane_directory, heavy_slots)


def post_fork(server, worker):
    from core import lanes

    lanes.install(server.lane_paths, running=running)


def on_exit(server):
    if _lane_directory:
        shutil.rmtree(_lane_directory, ignore_errors=True)


# Python's cyclic garbage collector stops the whole worker (all its threads) while it runs,
# and a full collection walks every object the worker holds: ~250,000 once Django, Wagtail
# and our apps are imported, ~60,000 more once the first pages' templates and lookups are
# built. Measured in the workers (bench, page cache off, home page, 8 connections, 2 cores):
# full collections of 100-500 ms every few seconds; home p95 35-52 ms in six runs.
# So each worker moves what it holds at start into Python's permanent generation (gc.freeze:
# never walked again), and again after its 100th, 1,000th and 10,000th request (garbage
# collected first, so what is frozen is what was alive: code, compiled templates, caches),
# and collects its youngest objects 10,000 allocations apart rather than 700, so fewer
# short-lived request objects are promoted to be walked again: full collections of 2-30 ms
# after the second freeze, a twentieth as many collections of the middle generation; home
# p95 27-44 ms in eight runs but one (57 ms, in a slow window: 424 requests/s, not 700).
_freeze_after = (100, 1_000, 10_000)  # requests served by the worker


def post_worker_init(worker):
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    worker.requests_served = 0
    worker.freezes_left = list(_freeze_after)


def post_request(worker, req, environ, resp):
    """Counted per worker; threads may race on the count, which only moves a freeze by one."""
    worker.requests_served += 1
    if worker.freezes_left and worker.requests_served >= worker.freezes_left[0]:
        worker.freezes_left.pop(0)
        gc.collect()
        gc.freeze()


# A request that runs longer than this is killed and its worker restarted: no page of ours
# takes more than a second, and exports (CSV, Excel) stay under 10 s at 100,000 products.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (a deploy, a restart) requests under way get this long to finish.
graceful_timeout = 20
# Idle keep-alive connections are closed after this many seconds. The proxy (nginx) keeps
# its own connections to the browsers; a few seconds lets a browser reuse its connection for
# the page's next request when it talks to gunicorn directly.
keepalive = 5
# Waiting connections the kernel holds before refusing new ones.
backlog = 2048

# Request limits: a request line (method, path and query) of at most 4 KiB, at most 100
# header fields of at most 8 KiB each; larger is refused with 4xx before Django sees it.
# Our longest URLs (a catalog filter with every facet) are well under 1 KiB.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Logs: the site writes its own JSON line per request (website.observability), so gunicorn's
# access log is off unless asked for; errors go to stderr (the service manager's journal).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = "info"
# The site runs behind a proxy on the same host or network: its X-Forwarded-* headers are
# trusted by Django's settings (SECURE_PROXY_SSL_HEADER), not by gunicorn.
# Two instances on one host each need their own control socket or none: gunicorn 23+ opens
# one per instance in the working directory, and a second instance would share it.
control_socket_disable = True
