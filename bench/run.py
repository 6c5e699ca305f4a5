"""`make bench`: the public pages at 100,000 products, under gunicorn, measured with wrk.

1. A PostgreSQL database seeded with `seed_demo --vendors 20000 --products 100000` (built
   once in bench/.data/, reused while it holds the data; BENCH_DATABASE_URL uses another).
2. gunicorn on loopback with the production settings (website.settings.bench).
3. wrk at 8 connections against each page and a bare reference view: requests/s, p50, p95,
   queries per request, HTML bytes; once with the anonymous page cache, once without it;
   then single cold visits (every cache emptied before each), the first-load weight of the
   catalog page, and a profile of the slowest cold page.
4. The figures are printed and written to bench/results/<date>.md.

BENCH_PAGES="Catalog, search|Catalog, misspelt search" measures only the pages so named.
Loopback only, bounded in time. Benchmarks print; they assert nothing.
"""

import datetime
import http.cookiejar
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402  (bench/load.py, next to this file)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
VENDORS, PRODUCTS = (
    int(os.environ.get("BENCH_VENDORS", 20000)),
    int(os.environ.get("BENCH_PRODUCTS", 100000)),
)
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
PG_PORT = 55440
LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", 32))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 60))
LUA = ROOT / "bench" / "wrk_report.lua"


def log(message):
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# PostgreSQL ---------------------------------------------------------------------------
def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("make bench needs PostgreSQL (apt-get install -y postgresql).")
    return found[-1]


def as_postgres(args, **kwargs):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *map(str, args)]
    return subprocess.run(args, check=True, **kwargs)


def start_postgres() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    pg, data, sock = pg_bin(), DATA / "pg" / "data", DATA / "pg" / "sock"
    if not (data / "PG_VERSION").exists():
        sock.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(DATA / "pg", "postgres", "postgres")
            shutil.chown(sock, "postgres", "postgres")
        as_postgres(
            [
                pg / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            stdout=subprocess.DEVNULL,
        )
    running = (data / "postmaster.pid").exists() and subprocess.run(
        ["pg_isready", "-h", "127.0.0.1", "-p", str(PG_PORT)], capture_output=True
    ).returncode == 0
    if not running:
        as_postgres(
            [
                pg / "pg_ctl",
                "-D",
                data,
                "-l",
                DATA / "pg" / "log",
                "-w",
                "-o",
                f"-p {PG_PORT} -k {sock} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB"
                " -c max_parallel_workers_per_gather=0",
                "start",
            ],
            stdout=subprocess.DEVNULL,
        )
    psql = [pg / "psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-Atc"]
    exists = subprocess.run(
        [*psql, "SELECT 1 FROM pg_database WHERE datname='etalase_bench'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run([*psql, "CREATE DATABASE etalase_bench"], check=True)
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/etalase_bench"


# The site -----------------------------------------------------------------------------
def site_env(database_url: str, page_cache: bool) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.bench",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
        "STRIPE_WEBHOOK_SECRET": "whsec_bench",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "bench@localhost",
        "MEDIA_ROOT": str(DATA / "media"),
        "PRIVATE_MEDIA_ROOT": str(DATA / "private"),
        "CACHE_DIR": str(DATA / "cache"),
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
    }


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def sql(env, query: str) -> str:
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    c.execute({query!r}); print('\\n'.join('|'.join(map(str, r)) for r in c.fetchall()))"
    )
    return manage(env, "shell", "-v", "0", "-c", code, capture=True).stdout.strip()


def prepare(env) -> dict:
    manage(env, "migrate", "--noinput", capture=True)
    manage(env, "collectstatic", "--noinput", capture=True)
    record = DATA / "seed.json"
    count = int(sql(env, "SELECT count(*) FROM catalog_product") or 0)
    if count >= PRODUCTS and record.exists():
        seeded = json.loads(record.read_text())
        log(f"Reusing the database: {count:,} products (seeded in {seeded['seconds']:.0f} s).")
        return {**seeded, "reused": True}
    log(f"Seeding {VENDORS:,} vendors and {PRODUCTS:,} products …")
    started = time.perf_counter()
    manage(env, "seed_demo", "--vendors", str(VENDORS), "--products", str(PRODUCTS))
    seconds = time.perf_counter() - started
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )
    seeded = {"seconds": seconds, "vendors": VENDORS, "products": PRODUCTS}
    record.write_text(json.dumps(seeded))
    return {**seeded, "reused": False}


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "website.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--no-control-socket",
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                str(DATA / "gunicorn.log"),
            ],
            cwd=ROOT,
            env=env,
            # The site's own log (a JSON line per request) goes to the file, not the figures.
            stdout=(DATA / "site.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/_bench/reference/", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start; see bench/.data/gunicorn.log")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}


def get(url, headers=None):
    request = urllib.request.Request(url, headers={**HEADERS, **(headers or {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, dict(response.headers), response.read()


def pages(env) -> list[tuple[str, str]]:
    product = sql(
        env, "SELECT slug FROM catalog_product WHERE status='published' ORDER BY id DESC LIMIT 1"
    )
    vendor = sql(
        env,
        "SELECT slug FROM vendors_vendor WHERE status='active' AND nib_status='verified' ORDER BY id DESC LIMIT 1",
    )
    category = sql(
        env,
        "SELECT slug FROM catalog_category WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1",
    )
    return [
        ("Home", "/"),
        ("Catalog", "/katalog/"),
        ("Catalog, three filters", f"/katalog/?kategori={category}&halal=1&stok=1"),
        ("Catalog, search", "/katalog/?q=keripik"),
        # A typo: full-text search finds nothing, the trigram fallback proposes "keripik".
        ("Catalog, misspelt search", "/katalog/?q=keripk"),
        ("Site search", "/cari/?q=keripik"),
        ("Product page", f"/produk/{product}/"),
        ("Vendor profile", f"/umkm/{vendor}/"),
        ("Terminal 3 outlet", "/outlet-bandara/"),
    ]


def wrk(url, script_args=(), extra_headers=()) -> dict:
    args = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{DURATION}",
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
        get(server.base + path)  # warm: the first visits fill the caches (and renditions)
        get(server.base + path)
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
    # The machine's speed drifts over a run: the reference is measured again at the end and
    # the ratios are to the mean of its two runs.
    again = wrk(server.base + "/_bench/reference/")
    reference_rps = (rows[0]["rps"] + again["rps"]) / 2
    rows[0].update(
        rps=reference_rps,
        p50=(rows[0]["p50"] + again["p50"]) / 2,
        p95=max(rows[0]["p95"], again["p95"]),
    )
    for row in rows:
        row["ratio"] = row["rps"] / reference_rps
    print_table(label, rows)
    return rows


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
slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
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


def print_table(label, rows):
    log(f"\n{label}")
    log(
        f"{'page':28} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'bytes':>7} {'× ref':>6}"
    )
    for r in rows:
        log(
            f"{r['page']:28} {r['rps']:8.0f} {r['p50']:7.1f} {r['p95']:7.1f} {r['queries']:7} "
            f"{r['bytes']:7} {r['ratio']:6.2f}"
            + (f"  non-2xx/3xx: {r['errors']}" if r["errors"] else "")
        )


def markdown_table(rows) -> str:
    lines = [
        "| page | req/s | p50 ms | p95 ms | queries | HTML bytes | × reference |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        queries = "–" if r["queries"] < 0 else r["queries"]
        lines.append(
            f"| {r['page']} (`{r['path']}`) | {r['rps']:.0f} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {queries} | {r['bytes'] or '–'} | {r['ratio']:.2f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install -y wrk).")
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = start_postgres()
    env = site_env(database_url, page_cache=True)
    seeded = prepare(env)
    targets = pages(env)
    if os.environ.get("BENCH_PAGES"):  # e.g. BENCH_PAGES="Catalog, search|Site search"
        chosen = set(os.environ["BENCH_PAGES"].split("|")) | {"Product page"}  # add to cart
        targets = [(name, path) for name, path in targets if name in chosen]
    shutil.rmtree(DATA / "cache", ignore_errors=True)

    only_load = os.environ.get("BENCH_ONLY") == "load"
    server = Server(env)
    try:
        cached = [] if only_load else measure(server, targets, "With the anonymous page cache")
        log(f"\nMixed load: {LOAD_USERS} shoppers for {LOAD_SECONDS} s …")
        mixed = load.run(
            server.base,
            database_url,
            users=LOAD_USERS,
            seconds=LOAD_SECONDS,
            clear_cache=lambda: shutil.rmtree(DATA / "cache", ignore_errors=True),
        )
        log(load.markdown(mixed))
    finally:
        server.stop()
    if only_load:
        return
    server = Server(site_env(database_url, page_cache=False))
    try:
        uncached = measure(server, targets, "Page cache switched off")
        cold = cold_visits(server, targets)
        off = site_env(database_url, page_cache=False)
        changed = after_a_change(server, off, targets)
        ahead = after_a_change(server, off, targets, worker_first=True)
        for row, counted in zip(changed, ahead, strict=True):
            row["ahead_ms"] = counted["median_ms"]
        weight = first_load(server, "/katalog/")
    finally:
        server.stop()
    slowest = max(cold, key=lambda r: r["median_ms"])
    path = next(p for n, p in targets if n == slowest["page"])
    profile_text = profile(env, path)
    rendered = [r for r in uncached if r["path"] in dict(targets).values()]
    slowest_off = max(rendered, key=lambda r: r["p95"])
    slowest_off["profile"] = profile(env, slowest_off["path"], cold=False)

    log("\nCold single visits (every cache emptied first), median of 5:")
    for r in cold:
        log(
            f"  {r['page']:28} {r['median_ms']:6.0f} ms  (max {r['max_ms']:.0f}, {r['queries']} queries)"
        )
    log(f"\nCatalog first load: {weight}")
    log(f"\nProfile of the slowest cold page ({slowest['page']}):\n{profile_text[:3000]}")
    log(f"\nProfile of the slowest page with the page cache off ({slowest_off['page']}):")
    log(slowest_off["profile"][:3000])
    log("\nAfter one change, each page visited in turn (median of 3; facets counted ahead):")
    for r in changed:
        log(f"  {r['page']:28} {r['median_ms']:6.0f} ms  {r['ahead_ms']:6.0f} ms")
    write_results(
        seeded,
        cached,
        uncached,
        cold,
        weight,
        slowest,
        path,
        profile_text,
        mixed,
        slowest_off,
        changed,
    )


def finding_and_tree(profile_text) -> tuple[str, str]:
    lines = profile_text.strip().splitlines()
    return (lines[0], "\n".join(lines[1:])) if lines else ("", "")


def write_results(
    seeded, cached, uncached, cold, weight, slowest, path, profile_text, mixed, slowest_off, changed
):
    today = datetime.date.today().isoformat()
    seed_line = (
        f"{seeded['products']:,} products from {seeded['vendors']:,} vendors, seeded in "
        f"{seeded['seconds']:.0f} s" + (" (an earlier run; reused)" if seeded["reused"] else "")
    )
    finding, profile_tree = finding_and_tree(profile_text)
    off_finding, off_tree = finding_and_tree(slowest_off["profile"])
    changed_lines = "\n".join(
        f"| {r['page']} | {r['median_ms']:.0f} | {r['ahead_ms']:.0f} |" for r in changed
    )
    cold_lines = "\n".join(
        f"| {r['page']} | {r['median_ms']:.0f} | {r['max_ms']:.0f} | {r['queries']} |" for r in cold
    )
    text = f"""# Benchmark {today}

- Machine: {machine()}
- Data: {seed_line}, PostgreSQL {pg_bin().parent.name}
- Server: gunicorn, {WORKERS} sync workers, production settings (`website.settings.bench`),
  file-based shared cache; load: wrk, 2 threads, {CONNECTIONS} connections, {DURATION} per page,
  loopback.
- Reproduce: `make bench` (reuses bench/.data/ once seeded).

## With the anonymous page cache

{markdown_table(cached)}

## Page cache switched off

Every request renders its page; the catalog's facet counts and the product cards' fragments
still come from the cache of the current content generation.

{markdown_table(uncached)}

## Cold single visits: the first visit after a change

Every cache (pages, facet counts, cards, renditions lookups) emptied before each request;
median and maximum of five.

| page | median ms | max ms | queries |
|---|---:|---:|---:|
{cold_lines}

## After one change

The content generation renewed once (as any public change does), then each page visited once,
in this order, with the page cache off; median of three rounds. Catalog pages without a
search, business or price filter share one count of the catalog's facet groups, so only the
first of them pays for it, unless the background task that counts them after each change
(run by `db_worker`) has done so first: the second column.

| page | first visitor before the task, ms | after the task, ms |
|---|---:|---:|
{changed_lines}

## Catalog page weight (first visit)

HTML {weight["html_uncompressed"]:,} bytes ({weight["html"]:,} compressed), CSS and JS
{weight["css_js"]:,} bytes compressed, images {weight["images"]:,} bytes; total
{weight["total"]:,} bytes in {weight["requests"]} requests.

## Mixed load: browse, search, cart, checkout

{LOAD_USERS} concurrent shoppers for {LOAD_SECONDS} s against the same server (page cache on);
each visits the home page, a catalog page, a search, one of {load.HOT_PRODUCTS} products with
scarce stock, adds it to a cart and places an order (pickup at RPPKUM, paid at the outlet).

{load.markdown(mixed)}

## What bounds the slowest cold page: {slowest["page"]} (`{path}`)

{finding}

```
{profile_tree[:6000]}
```

## What bounds the slowest page with the page cache off: {slowest_off["page"]} (`{slowest_off["path"]}`)

p95 {slowest_off["p95"]:.0f} ms at {CONNECTIONS} connections.

{off_finding}

```
{off_tree[:6000]}
```
"""
    target = RESULTS / f"{today}.md"
    target.write_text(text)
    log(f"\nWritten to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
