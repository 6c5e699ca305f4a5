"""Three weeks of the two outlets' shop floor, through the services the outlet staff use:
each vendor's goods received in batches (some close to their best-before date), minimums
set, counter sales every day with every way to pay, one sale voided, yesterday closed.
Sales are recorded now and then moved back to their day (receipt numbers, ledger and log
with them), so the figures and the vendors' statements cover three weeks."""

import datetime
import random
from itertools import groupby

from django.utils import timezone

from catalog.models import Location, LocationStock
from orders.models import LedgerEntry, OutletAssignment
from orders.outlets import close, sales, shelf
from orders.outlets.models import CounterSale, OutletSettings, SaleEvent
from website.demo.people import seed_outlet_user

DAYS = 21
MARGINS = {Location.Kind.AIRPORT: 20, Location.Kind.SHOWROOM: 10}


def seed_outlet_operations():
    if CounterSale.objects.exists():
        return
    clerk = seed_outlet_user()
    rng = random.Random(17)
    for location in Location.objects.filter(kind__in=list(MARGINS)).order_by("pk"):
        OutletSettings.objects.update_or_create(
            location=location,
            defaults={
                "margin_percent": MARGINS[location.kind],
                "supervisor_email": "outlet@example.com",
            },
        )
        OutletAssignment.objects.update_or_create(
            user=clerk, location=location, defaults={"role": OutletAssignment.Role.SUPERVISOR}
        )
        stocks = _receive_goods(location, clerk, rng)
        _three_weeks_of_sales(location, clerk, stocks, rng)
        close.close_day(location, clerk, timezone.localdate() - datetime.timedelta(days=1))


def _receive_goods(location, clerk, rng):
    stocks = list(
        LocationStock.objects.filter(location=location, status=LocationStock.Status.ACCEPTED)
        .select_related("product__vendor")
        .order_by("product__vendor_id", "pk")
    )
    today = timezone.localdate()
    for vendor, items in groupby(stocks, key=lambda stock: stock.product.vendor):
        lines = [
            shelf.Received(
                stock=stock,
                quantity=30,
                best_before=today + datetime.timedelta(days=rng.choice([9, 45, 90, 180])),
            )
            for stock in items
        ]
        shelf.receive_delivery(
            location, vendor, clerk, lines, note_number=f"SJ-{vendor.pk:04d}-{location.pk}"
        )
    LocationStock.objects.filter(pk__in=[s.pk for s in stocks]).update(minimum=6)
    return [LocationStock.objects.get(pk=s.pk) for s in stocks]


def _three_weeks_of_sales(location, clerk, stocks, rng):
    if len(stocks) < 2:
        return
    now = timezone.localtime()
    payments = list(CounterSale.Payment.values)
    last = None
    for days_ago in range(DAYS, -1, -1):
        day = (now - datetime.timedelta(days=days_ago)).date()
        for n in range(rng.randint(2, 5)):
            picked = rng.sample(stocks, 2)
            items = [(stock, rng.randint(1, 2)) for stock in picked]
            try:
                sale = sales.sell(location, clerk, items, rng.choice(payments))
            except sales.SaleRefused:
                continue  # sold out: the restock request is open
            if days_ago:
                _move_back(sale, location, day, n, rng)
            last = sale
    if last is not None:
        sales.void(last, clerk, "Pembeli membatalkan; barang dikembalikan ke rak.")


def _move_back(sale, location, day, n, rng):
    """The sale, its ledger lines and its log entry, on ``day`` (a demo-only shortcut)."""
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(9 + n * 2, rng.randint(0, 59)))
    )
    stem = f"{sales.receipt_prefix(location)}-{day:%Y%m%d}-"
    number = f"{stem}{CounterSale.objects.filter(number__startswith=stem).count() + 1:04d}"
    CounterSale.objects.filter(pk=sale.pk).update(sold_at=moment, number=number)
    for entry in LedgerEntry.objects.filter(counter_sale=sale):
        reference = entry.reference.replace(sale.number, number)
        LedgerEntry.objects.filter(pk=entry.pk).update(created_at=moment, reference=reference)
    for event in SaleEvent.objects.filter(sale=sale):
        params = {**event.params, "number": number}
        SaleEvent.objects.filter(pk=event.pk).update(created_at=moment, params=params)
