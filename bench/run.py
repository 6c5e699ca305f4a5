"""`make bench`: the public pages at 100,000 products, under gunicorn, measured with wrk.

1. A PostgreSQL database seeded with `seed_demo --vendors 20000 --products 100000` (built
   once in bench/.data/, reused while it holds the data; BENCH_DATABASE_URL uses another).
2. gunicorn on loopback with the production settings (website.settings.bench).
3. wrk at 8 connections against each page and a bare reference view: requests/s, p50, p95,
   queries per request, HTML bytes; once with the anonymous page cache, once without it;
   then single cold visits (every cache emptied before each), the first-load weight of the
   catalog page, and a profile of the slowest cold page.
4. The figures are printed and written to bench/results/<date>.md.

5. Counter sales at an outlet (bench/counter_sale.py): p95 of recording a sale (< 100 ms).

BENCH_PAGES="Catalog, search|Catalog, misspelt search" measures only the pages so named;
BENCH_ONLY=counter only the counter sales.
Loopback only, bounded in time. Benchmarks print; they assert nothing.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

# `python bench/run.py` (as `make bench` runs it): the bench package from this checkout.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load  # noqa: E402
from bench.config import (  # noqa: E402
    DATA,
    LOAD_COLD_SECONDS,
    LOAD_PAUSES,
    LOAD_SECONDS,
    LOAD_USERS,
    RESULTS,
    log,
)
from bench.measure import after_a_change, cold_visits, first_load, measure, profile  # noqa: E402
from bench.postgres import prepare, site_env, sql, start_postgres  # noqa: E402
from bench.report import write_results  # noqa: E402
from bench.server import Server  # noqa: E402


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
        ("RPPKUM showroom", "/rppkum/"),
        ("Partnership request", "/kemitraan/"),
        ("Vendor application", "/daftar-umkm/"),
    ]


def chosen_pages(env) -> list[tuple[str, str]]:
    """Every page, or those BENCH_PAGES names (and the product page, for add to cart)."""
    targets = pages(env)
    if os.environ.get("BENCH_PAGES"):  # e.g. BENCH_PAGES="Catalog, search|Site search"
        chosen = set(os.environ["BENCH_PAGES"].split("|")) | {"Product page"}  # add to cart
        targets = [(name, path) for name, path in targets if name in chosen]
    return targets


def with_page_cache(env, database_url, targets, only_load):
    """wrk with the anonymous page cache (unless BENCH_ONLY=load), then the mixed load."""
    server = Server(env)
    try:
        cached = [] if only_load else measure(server, targets, "With the anonymous page cache")
        mixed = []
        for pause in LOAD_PAUSES:
            log(f"\nMixed load: {LOAD_USERS} shoppers for {LOAD_SECONDS} s, {pause} s per page …")
            result = load.run(
                server.base,
                database_url,
                users=LOAD_USERS,
                seconds=LOAD_SECONDS,
                pause=pause,
                cold_seconds=LOAD_COLD_SECONDS,
                clear_cache=lambda: shutil.rmtree(DATA / "cache", ignore_errors=True),
            )
            log(load.markdown(result))
            mixed.append((pause, result))
    finally:
        server.stop()
    return cached, mixed


def without_page_cache(database_url, targets):
    """wrk with the page cache off, cold visits, visits after a change, the first load."""
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
    return uncached, cold, changed, weight


def print_findings(cold, weight, slowest, profile_text, slowest_off, changed):
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


def counter_sales(database_url) -> None:
    """Record counter sales through the view, in process (bench/counter_sale.py)."""
    env = site_env(database_url, page_cache=False)
    script = Path(__file__).resolve().parent / "counter_sale.py"
    log("\nCounter sales …")
    subprocess.run([sys.executable, str(script)], env=env, check=True)


def main():
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install -y wrk).")
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = start_postgres()
    env = site_env(database_url, page_cache=True)
    seeded = prepare(env)
    targets = chosen_pages(env)
    shutil.rmtree(DATA / "cache", ignore_errors=True)

    if os.environ.get("BENCH_ONLY") == "counter":
        counter_sales(database_url)
        return
    only_load = os.environ.get("BENCH_ONLY") == "load"
    cached, mixed = with_page_cache(env, database_url, targets, only_load)
    if only_load:
        return
    uncached, cold, changed, weight = without_page_cache(database_url, targets)
    slowest = max(cold, key=lambda r: r["median_ms"])
    path = next(p for n, p in targets if n == slowest["page"])
    profile_text = profile(env, path)
    rendered = [r for r in uncached if r["path"] in dict(targets).values()]
    slowest_off = max(rendered, key=lambda r: r["p95"])
    slowest_off["profile"] = profile(env, slowest_off["path"], cold=False)

    print_findings(cold, weight, slowest, profile_text, slowest_off, changed)
    counter_sales(database_url)
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


if __name__ == "__main__":
    main()
