"""A bounded mixed load on the running bench server: shoppers who browse, search, put a
product in their cart, browse again with the cart (home, catalog, search, product: the page
cache serves them too, with their own cart count) and place an order (pickup at RPPKUM, paid
at the outlet: no card network needed).

Afterwards the database is checked: every order a shopper was sent to exists exactly once,
nothing else was created, and each product's stock went down by exactly what was ordered.
"""

import multiprocessing
import random
import re
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict

import psycopg

from bench.client import Browser

HOT_PRODUCTS = 12
HOT_STOCK = 60  # scarce on purpose: late shoppers must be refused cleanly, never oversold
# The requests of a visit, in the order it makes them (the tables' order).
KINDS = [
    "home",
    "catalog",
    "search",
    "product",
    "add to cart",
    "cart",
    *(f"{kind}, with a cart" for kind in ("home", "catalog", "search", "product")),
    "checkout form",
    "place order",
    "order page",
]
WORDS = ["keripik", "batik", "kopi", "sambal", "dodol", "tas", "madu", "kue"]
PROCESSES = 4  # the load's own processes
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Shopper:
    def __init__(self, base, stats, pause=0.0):
        self.base, self.stats, self.pause = base, stats, pause
        self.browser = Browser(base)

    def request(self, kind, path, data=None):
        headers = {"X-Forwarded-Proto": "https"}  # as if through the TLS proxy
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers |= {"Origin": "https://127.0.0.1", "Referer": f"https://127.0.0.1{path}"}
        started = time.perf_counter()
        try:
            status, text, location = self.browser.request(
                "GET" if body is None else "POST", path, body, headers
            )
        except OSError:  # the connection failed: counted with the server's errors
            status, text, location = 599, "", ""
        self.stats.record(kind, status, (time.perf_counter() - started) * 1000)
        if self.pause:  # reading the page (half to one and a half times the pause)
            time.sleep(self.pause * random.uniform(0.5, 1.5))  # noqa: S311 (not security)
        return status, text, location

    def browse(self, hot, suffix=""):
        """Home, a catalog page, a search and one of the contested products; the product
        page's text (for its form)."""
        self.request("home" + suffix, "/")
        self.request("catalog" + suffix, f"/katalog/?page={random.randint(1, 40)}")
        self.request("search" + suffix, f"/katalog/?q={random.choice(WORDS)}")
        slug, product_id = random.choice(hot)
        _status, page, _location = self.request("product" + suffix, f"/produk/{slug}/")
        return slug, product_id, page

    def visit(self, hot):
        slug, product_id, page = self.browse(hot)
        token = TOKEN.search(page)
        if not token:  # sold out: the page says so and offers no form
            return
        self.request(
            "add to cart",
            "/keranjang/tambah/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "product": product_id,
                "quantity": random.randint(1, 3),
                "next": f"/produk/{slug}/",
            },
        )
        self.request("cart", "/keranjang/")  # shows the "added" message
        self.browse(hot, ", with a cart")  # shoppers go on browsing with their cart
        status, page, _location = self.request("checkout form", "/checkout/")
        token = TOKEN.search(page)
        if status != 200 or not token:
            return
        status, page, location = self.request(
            "place order",
            "/checkout/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "name": "Pembeli Uji",
                "email": "pembeli@example.id",
                "whatsapp": "081234567890",
                "fulfilment": "pickup_rppkum",
                "payment_method": "at_outlet",
            },
        )
        if status == 302 and "/pesanan/" in location:
            self.stats.placed(location.rstrip("/").rsplit("/", 1)[-1])
            self.request("order page", urllib.parse.urlparse(location).path)
        elif status == 200:
            self.stats.refused()  # e.g. the last packs went to someone else: shown on the form


class Stats:
    """Each request's time and status by kind; those that started before ``cold_until`` (a
    time.monotonic(), the same in every process: just after the cache was emptied) kept
    apart, in ``cold``."""

    def __init__(self, cold_until=0.0):
        self.lock = threading.Lock()
        self.cold_until = cold_until
        self.latency = defaultdict(list)
        self.status = defaultdict(lambda: defaultdict(int))
        self.cold = defaultdict(list)
        self.cold_errors = 0
        self.tokens = []
        self.refusals = 0

    def record(self, kind, status, ms):
        with self.lock:
            if time.monotonic() - ms / 1000 < self.cold_until:
                self.cold[kind].append(ms)
                self.cold_errors += status >= 500
                return
            self.latency[kind].append(ms)
            self.status[kind][status] += 1

    def placed(self, token):
        with self.lock:
            self.tokens.append(token)

    def refused(self):
        with self.lock:
            self.refusals += 1

    def as_dict(self) -> dict:
        """What a process of shoppers sends back (merge())."""
        return {
            "latency": dict(self.latency),
            "status": {kind: dict(counts) for kind, counts in self.status.items()},
            "cold": dict(self.cold),
            "cold_errors": self.cold_errors,
            "tokens": self.tokens,
            "refusals": self.refusals,
        }

    def merge(self, part: dict) -> None:
        for kind, values in part["latency"].items():
            self.latency[kind] += values
        for kind, counts in part["status"].items():
            for status, n in counts.items():
                self.status[kind][status] += n
        for kind, values in part["cold"].items():
            self.cold[kind] += values
        self.cold_errors += part["cold_errors"]
        self.tokens += part["tokens"]
        self.refusals += part["refusals"]


def hot_products(database_url):
    """Twelve public products whose stock is set scarce for the run; returns their slugs,
    ids and starting stock."""
    with psycopg.connect(database_url, autocommit=True) as db:
        rows = db.execute(
            """SELECT p.id, p.slug FROM catalog_product p JOIN vendors_vendor v
               ON v.id = p.vendor_id WHERE p.status = 'published' AND v.status = 'active'
               AND v.nib_status = 'verified' ORDER BY p.id LIMIT %s""",
            [HOT_PRODUCTS],
        ).fetchall()
        db.execute(
            "UPDATE catalog_product SET stock = %s, min_order = 1 WHERE id = ANY(%s)",
            [HOT_STOCK, [r[0] for r in rows]],
        )
    return [(slug, pk) for pk, slug in rows]


def run(
    base, database_url, users=32, seconds=60, clear_cache=None, pause=0.0, cold_seconds=0
) -> dict:
    """``cold_seconds`` first (reported apart: every page rendered cold after the emptied
    cache), then ``seconds`` measured."""
    hot = hot_products(database_url)
    if clear_cache:
        clear_cache()  # the stock change bypassed the app: start from fresh pages
    with psycopg.connect(database_url, autocommit=True) as db:
        started_at = db.execute("SELECT now()").fetchone()[0]
    cold_until = time.monotonic() + cold_seconds
    deadline = cold_until + seconds
    # The shoppers' threads are spread over processes: in one, its GIL would queue the
    # responses they read, and that wait would be counted in the server's times.
    shares = [users // PROCESSES + (i < users % PROCESSES) for i in range(PROCESSES)]
    began = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        parts = pool.starmap(
            shoppers, [(base, hot, n, pause, cold_until, deadline) for n in shares if n]
        )
    stats = Stats(cold_until)
    for part in parts:
        stats.merge(part)
    elapsed = time.perf_counter() - began - cold_seconds
    return {
        **check(database_url, hot, stats, started_at),
        **summary(stats, elapsed, users),
        "cold_seconds": cold_seconds,
        "cold": {kind: percentiles(values) for kind, values in stats.cold.items()},
    }


def shoppers(base, hot, users, pause, cold_until, deadline) -> dict:
    """``users`` shoppers, each a thread of this process, visiting until ``deadline``."""
    stats = Stats(cold_until)

    def shopper_loop():
        # Shoppers who read pages do not arrive in lockstep: each comes within the first
        # two pauses. (With no pause they all start at once: the saturation run.)
        time.sleep(random.uniform(0, 2 * pause))  # noqa: S311 (not security)
        while time.monotonic() < deadline:
            shopper = Shopper(base, stats, pause)
            shopper.visit(hot)
            shopper.browser.close()

    threads = [threading.Thread(target=shopper_loop) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats.as_dict()


def percentiles(values) -> dict:
    values = sorted(values)
    return {
        "requests": len(values),
        "p50": statistics.median(values),
        "p95": values[int(len(values) * 0.95) - 1] if len(values) > 1 else values[0],
    }


def check(database_url, hot, stats, started_at) -> dict:
    ids = [pk for _slug, pk in hot]
    with psycopg.connect(database_url, autocommit=True) as db:
        tokens = [
            row[0]
            for row in db.execute(
                "SELECT token FROM orders_order WHERE created_at >= %s", [started_at]
            )
        ]
        ordered = dict(
            db.execute(
                """SELECT l.product_id, sum(l.quantity) FROM orders_orderline l
                   JOIN orders_orderpart p ON p.id = l.part_id
                   JOIN orders_order o ON o.id = p.order_id
                   WHERE o.created_at >= %s AND l.product_id = ANY(%s)
                   GROUP BY l.product_id""",
                [started_at, ids],
            ).fetchall()
        )
        stock = dict(db.execute("SELECT id, stock FROM catalog_product WHERE id = ANY(%s)", [ids]))
    mismatched = [pk for pk in ids if stock[pk] + ordered.get(pk, 0) != HOT_STOCK]
    return {
        "orders_seen_by_shoppers": len(stats.tokens),
        "orders_in_database": len(tokens),
        "lost_orders": len(set(stats.tokens) - set(tokens)),
        "unexpected_orders": len(set(tokens) - set(stats.tokens)),
        "duplicate_orders": len(stats.tokens) - len(set(stats.tokens)),
        "refused_checkouts": stats.refusals,
        "units_ordered": sum(ordered.values()),
        "units_left": sum(stock.values()),
        "stock_mismatches": len(mismatched),
        "negative_stock": sum(1 for value in stock.values() if value < 0),
    }


def summary(stats, elapsed, users) -> dict:
    kinds = {}
    server_errors = stats.cold_errors
    for kind, values in stats.latency.items():
        values = sorted(values)
        errors = sum(n for status, n in stats.status[kind].items() if status >= 500)
        server_errors += errors
        kinds[kind] = {**percentiles(values), "statuses": dict(stats.status[kind])}
    total = sum(len(v) for v in stats.latency.values())
    return {
        "users": users,
        "seconds": elapsed,
        "requests": total,
        "requests_per_second": total / elapsed,
        "server_errors": server_errors,
        "by_kind": kinds,
    }


def markdown(result) -> str:
    lines = [
        "| request | count | p50 ms | p95 ms | statuses |",
        "|---|---:|---:|---:|---|",
    ]
    for kind, row in in_visit_order(result["by_kind"]):
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(row["statuses"].items()))
        lines.append(
            f"| {kind} | {row['requests']} | {row['p50']:.0f} | {row['p95']:.0f} | {statuses} |"
        )
    checks = (
        f"- {result['requests']:,} requests in {result['seconds']:.0f} s "
        f"({result['requests_per_second']:.0f}/s) from {result['users']} concurrent shoppers; "
        f"**{result['server_errors']} server errors (5xx)** in the whole run.\n"
        f"- Orders: {result['orders_seen_by_shoppers']} placed as shoppers saw them, "
        f"{result['orders_in_database']} in the database; lost {result['lost_orders']}, "
        f"unexpected {result['unexpected_orders']}, duplicated {result['duplicate_orders']}; "
        f"{result['refused_checkouts']} checkouts refused with a message (sold out).\n"
        f"- Stock of the {HOT_PRODUCTS} contested products (each started at {HOT_STOCK}): "
        f"{result['units_ordered']} units ordered, {result['units_left']} left; "
        f"products whose stock does not reconcile exactly: **{result['stock_mismatches']}**; "
        f"below zero: {result['negative_stock']}."
    )
    return "\n".join(lines) + "\n\n" + checks + cold_markdown(result)


def in_visit_order(rows: dict) -> list:
    return sorted(rows.items(), key=lambda item: KINDS.index(item[0]))


def cold_markdown(result) -> str:
    if not result.get("cold"):
        return ""
    rows = "\n".join(
        f"| {kind} | {row['requests']} | {row['p50']:.0f} | {row['p95']:.0f} |"
        for kind, row in in_visit_order(result["cold"])
    )
    return (
        f"\n\nThe first {result['cold_seconds']} s, just after the cache was emptied (every page "
        "and fragment rendered cold; not in the figures above):\n\n"
        "| request | count | p50 ms | p95 ms |\n|---|---:|---:|---:|\n" + rows
    )
