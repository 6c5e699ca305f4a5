"""The figures as printed tables and as the results file bench/results/<date>.md."""

import datetime
import os
import platform

from bench import load
from bench.config import (
    CONNECTIONS,
    DURATION,
    HEAVY_SLOTS,
    LOAD_COLD_SECONDS,
    LOAD_SECONDS,
    LOAD_USERS,
    RESULTS,
    ROOT,
    RUNNING,
    SIZE,
    THREADS,
    WARM_UP,
    WORKERS,
    log,
)
from bench.postgres import pg_bin


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


def finding_and_tree(profile_text) -> tuple[str, str]:
    lines = profile_text.strip().splitlines()
    return (lines[0], "\n".join(lines[1:])) if lines else ("", "")


def write_results(
    seeded, cached, uncached, cold, weight, slowest, path, profile_text, mixed, slowest_off, changed
):
    today = datetime.date.today().isoformat()
    text = "\n".join(
        [
            header(today, seeded),
            page_tables(cached, uncached, cold),
            after_a_change_section(changed),
            weight_section(weight),
            mixed_load_section(mixed),
            profile_sections(slowest, path, profile_text, slowest_off),
        ]
    )
    target = RESULTS / f"{today}{SIZE}.md"
    target.write_text(text)
    log(f"\nWritten to {target.relative_to(ROOT)}")


def header(today, seeded) -> str:
    seed_line = (
        f"{seeded['products']:,} products from {seeded['vendors']:,} vendors, seeded in "
        f"{seeded['seconds']:.0f} s" + (" (an earlier run; reused)" if seeded["reused"] else "")
    )
    return f"""# Benchmark {today}

- Machine: {machine()}
- Data: {seed_line}, PostgreSQL {pg_bin().parent.name}
- Server: gunicorn (deploy/gunicorn.conf.py), {WORKERS} gthread workers of {THREADS} threads ({RUNNING} running at
  once), heavy requests (cart, checkout, order pages) in {HEAVY_SLOTS} slot(s) per server, production settings
  (`website.settings.bench`), file-based shared cache; load: wrk, 2 threads, {CONNECTIONS} connections, {DURATION} per page
  after {WARM_UP} at the same load (not counted), loopback.
- Reproduce: `make bench` (reuses bench/.data/ once seeded).
"""


def page_tables(cached, uncached, cold) -> str:
    cold_lines = "\n".join(
        f"| {r['page']} | {r['median_ms']:.0f} | {r['max_ms']:.0f} | {r['queries']} |" for r in cold
    )
    return f"""## With the anonymous page cache

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
"""


def after_a_change_section(changed) -> str:
    changed_lines = "\n".join(
        f"| {r['page']} | {r['median_ms']:.0f} | {r['ahead_ms']:.0f} |" for r in changed
    )
    return f"""## After one change

The content generation renewed once (as any public change does), then each page visited once,
in this order, with the page cache off; median of three rounds. Catalog pages without a
search, business or price filter share one count of the catalog's facet groups, so only the
first of them pays for it, unless the background task that counts them after each change
(run by `db_worker`) has done so first: the second column.

| page | first visitor before the task, ms | after the task, ms |
|---|---:|---:|
{changed_lines}
"""


def weight_section(weight) -> str:
    return f"""## Catalog page weight (first visit)

HTML {weight["html_uncompressed"]:,} bytes ({weight["html"]:,} compressed), CSS and JS
{weight["css_js"]:,} bytes compressed, images {weight["images"]:,} bytes; total
{weight["total"]:,} bytes in {weight["requests"]} requests.
"""


def mixed_load_section(mixed) -> str:
    runs = "\n".join(
        f"### {pause:g} s on each page\n\n{load.markdown(result)}\n" for pause, result in mixed
    )
    return f"""## Mixed load: browse, search, cart, checkout

{LOAD_USERS} concurrent shoppers for {LOAD_COLD_SECONDS} + {LOAD_SECONDS} s against the same server (page cache on,
emptied first); each visits the home page, a catalog page, a search, one of
{load.HOT_PRODUCTS} products with scarce stock, adds it to a cart, opens the cart, visits the
same four kinds of page again with the cart ("with a cart": the page cache serves them with
the shopper's own cart count) and places an order (pickup at RPPKUM, paid at the outlet).
Once with no pause between requests (all shoppers start at once and always wait on the
server: it is saturated, and a request's time is mostly its wait in the queue), once with
shoppers spending about half a second on each page (0.25–0.75 s), as people do, and arriving
within the first second rather than all in the same instant. The first {LOAD_COLD_SECONDS} s
after the cache was emptied, when every page and fragment is rendered for the first time,
are reported apart, below each run's figures; the {LOAD_SECONDS} s after them are the
figures.

{runs}"""


def profile_sections(slowest, path, profile_text, slowest_off) -> str:
    finding, profile_tree = finding_and_tree(profile_text)
    off_finding, off_tree = finding_and_tree(slowest_off["profile"])
    return f"""## What bounds the slowest cold page: {slowest["page"]} (`{path}`)

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
