"""Where `make bench` keeps its data and results, and the BENCH_* settings of a run."""

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
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))
# gunicorn's workers and threads: deploy/gunicorn.conf.py's, unless BENCH_WORKERS or
# GUNICORN_THREADS say otherwise.
WORKERS = int(os.environ.get("BENCH_WORKERS") or 2 * os.cpu_count() + 1)
THREADS = int(os.environ.get("GUNICORN_THREADS") or 4)
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
