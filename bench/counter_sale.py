"""Time counter sales (/outlet/<outlet>/jual/, "Record the sale") on the benchmark data, in
process, with the site's settings:

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=website.settings.bench python bench/counter_sale.py

`make bench` runs it after the pages (BENCH_ONLY=counter runs only it). An outlet's clerk
(made once, "bench-kasir") sells two items from two vendors per sale, through the real view
(session, form, service, redirect): BENCH_COUNTER_SALES sales (200), after a few to warm up.
The chosen shelf items are topped up first. Prints p50, p95 and max in ms (target: p95 under
100 ms). Asserts nothing.
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from catalog.models import Location, LocationStock  # noqa: E402
from orders.models import OutletAssignment  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
logging.getLogger("website.requests").disabled = True  # one line per request: not here
SALES = int(os.environ.get("BENCH_COUNTER_SALES", 200))
WARM_UP = 5


def shelf(location) -> list[LocationStock]:
    """Two shelf items of two vendors at the outlet (proposed from the catalog if the
    shelf is empty), topped up so the run never sells out."""
    on_shelf = LocationStock.objects.filter(
        location=location, status=LocationStock.Status.ACCEPTED
    ).select_related("product")
    items, vendors = [], set()
    for stock in on_shelf.order_by("pk")[:200]:
        if stock.product.vendor_id not in vendors:
            items.append(stock)
            vendors.add(stock.product.vendor_id)
        if len(items) == 2:
            break
    if len(items) < 2:
        sys.exit("The outlet's shelf needs items of two vendors (seed_demo makes them).")
    LocationStock.objects.filter(pk__in=[s.pk for s in items]).update(quantity=10**6)
    return items


def clerk(location):
    user, _ = get_user_model().objects.get_or_create(username="bench-kasir")
    OutletAssignment.objects.get_or_create(user=user, location=location)
    return user


def one_sale(client, url, items) -> float:
    for stock in items:
        client.post(url, {"stock": stock.pk, "quantity": 1})
    started = time.perf_counter()
    response = client.post(url, {"record": "1", "payment": "cash"})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 302 or "/struk/" not in response["Location"]:
        sys.exit(f"The sale was not recorded: {response.status_code}")
    return elapsed


def main() -> None:
    location = (
        Location.objects.filter(stock__status=LocationStock.Status.ACCEPTED).order_by("pk").first()
    )
    if location is None:
        sys.exit("No outlet with shelf items: seed the demo data first.")
    items = shelf(location)
    client = Client()
    client.force_login(clerk(location))
    url = reverse("outlets:counter", args=[location.slug])
    for _ in range(WARM_UP):
        one_sale(client, url, items)
    times = sorted(one_sale(client, url, items) for _ in range(SALES))
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    verdict = "under" if p95 < 100 else "OVER"
    print(
        f"Counter sale ({location.name}, 2 items, {SALES} sales): "
        f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
        f"({verdict} the 100 ms target)",
        flush=True,
    )


if __name__ == "__main__":
    main()
