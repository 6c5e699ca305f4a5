"""What is measured: wrk against each page, cold visits, visits after a change, the
catalog's first-load weight, and pyinstrument profiles."""

import http.cookiejar
import json
import re
import shutil
import statistics
import subprocess
import time
import urllib.request

from bench.config import CONNECTIONS, DATA, DURATION, LUA, WARM_UP
from bench.postgres import manage
from bench.report import print_table
from bench.server import HEADERS, get


def wrk(url, script_args=(), extra_headers=(), duration=DURATION) -> dict:
    args = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{duration}",
        "-s",
        str(LUA),
        "-H",
        "X-Forwarded-Proto: https",
    ]
    for header in extra_headers:
        args += ["-H", header]
    output = subprocess.run([*args, url, *script_args], capture_output=True, text=True, check=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)


def add_to_cart_args(base, product_path) -> tuple[list[str], list[str]]:
    """A real form post: the CSRF cookie and token from the product page, like a browser."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(base + product_path, headers=HEADERS)
    html = opener.open(request).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    product_id = re.search(r'name="product" value="(\d+)"', html).group(1)
    action = re.search(r'<form class="form buy-box" method="post" action="([^"]+)"', html).group(1)
    cookie = next(c for c in jar if c.name == "csrftoken")
    body = f"csrfmiddlewaretoken={token}&product={product_id}&quantity=1&next={product_path}"
    headers = [
        f"Cookie: csrftoken={cookie.value}",
        "Content-Type: application/x-www-form-urlencoded",
        "Origin: https://127.0.0.1",
        f"Referer: https://127.0.0.1{product_path}",
    ]
    return action, ["POST", body], headers


def measure(server, targets, label) -> list[dict]:
    rows = []
    reference = wrk(server.base + "/_bench/reference/")
    rows.append(
        {
            "page": "Reference (bare view)",
            "path": "/_bench/reference/",
            **reference,
            "queries": 0,
            "bytes": len(get(server.base + "/_bench/reference/")[2]),
        }
    )
    for name, path in targets:
        # Steady state: every worker has served the page (its templates compiled, its caches
        # and renditions filled) before it is measured; the first visits are `cold_visits`.
        get(server.base + path)
        wrk(server.base + path, duration=WARM_UP)
        status, headers, body = get(server.base + path)
        result = wrk(server.base + path)
        rows.append(
            {
                "page": name,
                "path": path,
                **result,
                "queries": int(headers.get("X-Queries", -1)),
                "bytes": len(body),
                "status": status,
                "cache": headers.get("X-Page-Cache", "–"),
            }
        )
    product_path = next(path for name, path in targets if name == "Product page")
    action, script_args, headers = add_to_cart_args(server.base, product_path)
    result = wrk(server.base + action, script_args, headers)
    rows.append({"page": "Add to cart (POST)", "path": action, **result, "queries": -1, "bytes": 0})
    relative_to_reference(server, rows)
    print_table(label, rows)
    return rows


def relative_to_reference(server, rows):
    """The machine's speed drifts over a run: the reference (the first row) is measured again
    at the end and the ratios are to the mean of its two runs."""
    again = wrk(server.base + "/_bench/reference/")
    reference_rps = (rows[0]["rps"] + again["rps"]) / 2
    rows[0].update(
        rps=reference_rps,
        p50=(rows[0]["p50"] + again["p50"]) / 2,
        p95=max(rows[0]["p95"], again["p95"]),
    )
    for row in rows:
        row["ratio"] = row["rps"] / reference_rps


def cold_visits(server, targets, repeat=5) -> list[dict]:
    """The first visit after a change: every cache emptied before each request."""
    rows = []
    for name, path in targets:
        times = []
        for _ in range(repeat):
            shutil.rmtree(DATA / "cache", ignore_errors=True)
            started = time.perf_counter()
            _status, headers, _body = get(server.base + path)
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "page": name,
                "median_ms": statistics.median(times),
                "max_ms": max(times),
                "queries": int(headers.get("X-Queries", -1)),
            }
        )
    return rows


AHEAD = (
    "from core.cache import generation\n"
    "from catalog.tasks import count_facet_groups\n"
    "count_facet_groups.call(generation())\n"
)


def after_a_change(server, env, targets, rounds=3, worker_first=False) -> list[dict]:
    """What visitors meet after one change: the content generation is renewed (as any
    public change renews it), then each page is visited once, in turn, so later pages may
    use what earlier ones counted (the catalog's facet groups); median of the rounds. With
    ``worker_first``, the background task that counts the facet groups ahead has run before
    the first visit (as db_worker does within a moment of the change)."""
    times = {name: [] for name, _path in targets}
    for _ in range(rounds):
        code = "from core.cache import content_changed; content_changed()\n"
        manage(env, "shell", "-v", "0", "-c", code + (AHEAD if worker_first else ""))
        for name, path in targets:
            started = time.perf_counter()
            get(server.base + path)
            times[name].append((time.perf_counter() - started) * 1000)
    return [{"page": name, "median_ms": statistics.median(t)} for name, t in times.items()]


def first_load(server, path) -> dict:
    """What a browser fetches for a first visit: the HTML (compressed, as sent), stylesheets,
    scripts and the images in the page (all of them, lazy ones included)."""
    gzip = {"Accept-Encoding": "gzip"}
    _s, _h, html_raw = get(server.base + path)
    _s, _h, html_sent = get(server.base + path, gzip)
    html = html_raw.decode()
    assets = set(re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html))
    assets |= set(re.findall(r'<script[^>]+src="([^"]+)"', html))
    images = set(re.findall(r'<img[^>]+src="([^"]+)"', html))
    sizes = {"html": len(html_sent), "css_js": 0, "images": 0}
    for url in assets:
        sizes["css_js"] += len(get(server.base + url, gzip)[2])
    for url in images:
        sizes["images"] += len(get(server.base + url)[2])
    sizes["total"] = sum(sizes.values())
    sizes["html_uncompressed"] = len(html_raw)
    sizes["requests"] = 1 + len(assets) + len(images)
    return sizes


PROFILE = """
import time
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pyinstrument import Profiler

client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1")
client.get(PATH)
if COLD:
    cache.clear()
else:
    client.get(PATH)
with CaptureQueriesContext(connection) as queries:
    started = time.perf_counter()
    client.get(PATH)
    total = (time.perf_counter() - started) * 1000
database = sum(float(q["time"]) for q in queries.captured_queries) * 1000
slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default={"time": "0", "sql": "(no query)"})
print(f"STATE, in one process: {total:.0f} ms, of which {database:.0f} ms "
      f"({database / total:.0%}) waiting for PostgreSQL over {len(queries)} queries; "
      f"the slowest query took {float(slowest['time']) * 1000:.0f} ms: "
      f"{slowest['sql'][:160]}…")
if COLD:
    cache.clear()
profiler = Profiler()
profiler.start()
client.get(PATH)
profiler.stop()
print(profiler.output_text(color=False, unicode=True, show_all=False, short_mode=True))
"""


def profile(env, path, cold=True) -> str:
    """pyinstrument's view of one visit: cold (every cache emptied) or as the page-cache-off
    run sees it (facet counts and cards cached, the page rendered)."""
    state = "Cold" if cold else "Page cache off, facet counts and cards cached"
    code = PROFILE.replace("PATH", repr(path)).replace("COLD", repr(cold)).replace("STATE", state)
    return manage(
        {**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-v", "0", "-c", code, capture=True
    ).stdout
