"""Where `make bench` keeps its data and results, and the BENCH_* settings of a run."""

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
VENDORS, PRODUCTS = (
    int(os.environ.get("BENCH_VENDORS", 20000)),
    int(os.environ.get("BENCH_PRODUCTS", 100000)),
)
# Runs at another size keep their own seeding record and results file ("-1m").
SIZE = (
    ""
    if PRODUCTS == 100_000
    else f"-{PRODUCTS // 1_000_000}m"
    if PRODUCTS % 1_000_000 == 0
    else f"-{PRODUCTS // 1000}k"
)
DURATION = os.environ.get("BENCH_DURATION", "10s")
# wrk at the same connections before each measured run, its figures discarded.
WARM_UP = os.environ.get("BENCH_WARM_UP", "2s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))


def _deployed():
    """deploy/gunicorn.conf.py's settings, as gunicorn reads them (with GUNICORN_* overrides)."""
    spec = importlib.util.spec_from_file_location("deployed", ROOT / "deploy" / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


# gunicorn's shape: deploy/gunicorn.conf.py's, unless BENCH_WORKERS or GUNICORN_* say otherwise.
WORKERS = int(os.environ.get("BENCH_WORKERS") or 2 * os.cpu_count() + 1)
_conf = _deployed()
THREADS, RUNNING, HEAVY_SLOTS = _conf.threads, _conf.running, _conf.heavy_slots
PG_PORT = 55440
LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", 32))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 60))
# The first seconds after the cache is emptied (every page and fragment rendered cold) are
# reported on their own, before the LOAD_SECONDS measured after them.
LOAD_COLD_SECONDS = int(os.environ.get("BENCH_LOAD_COLD_SECONDS", 10))
# Seconds a shopper spends on each page before the next, one mixed load per value: 0 (every
# shopper always waiting on the server, which saturates it) and 0.5 (shoppers who read a
# page first, as real ones do).
LOAD_PAUSES = [float(v) for v in os.environ.get("BENCH_LOAD_PAUSES", "0,0.5").split(",")]
LUA = ROOT / "bench" / "wrk_report.lua"


def log(message):
    print(message, flush=True)
