"""The outlets' figures on the regency figures page (/admin/regency-figures/): sales per
outlet per ISO week (counter and online pickups apart), best sellers, vendors' shares,
sell-through and days of stock; every number on the page and in the CSV, from known sales at
known moments (Jakarta time), voids and other years left out."""

import datetime

import pytest
import time_machine
from wagtail.users.models import UserProfile

from catalog.models import Location, LocationStock
from orders.models import Order
from orders.outlets import figures
from orders.outlets.models import CounterSale, CounterSaleLine
from tests.factories import ProductFactory, StaffFactory, UserFactory, VendorFactory
from tests.vendors.regency_figures.test_figures_page import csv_rows, tables_of

URL = "/admin/regency-figures/"
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
NOW = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=JAKARTA)  # a Friday
RP = "Rp\u00a0"


def at(month, day, hour, minute=0, year=2026):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def outlet(name, slug, kind):
    return Location.objects.create(
        name=name,
        slug=slug,
        kind=kind,
        address="Kabupaten Tangerang",
        opens_at=datetime.time(8),
        closes_at=datetime.time(20),
    )


def shelf(location, product, quantity, code="", status=LocationStock.Status.ACCEPTED):
    return LocationStock.objects.create(
        location=location, product=product, quantity=quantity, shelf=code, status=status
    )


def sale(number, location, when, lines, clerk, voided=False):
    status = CounterSale.Status.VOIDED if voided else CounterSale.Status.COMPLETED
    total = sum(quantity * stock.product.price for stock, quantity in lines)
    made = CounterSale.objects.create(
        location=location,
        number=number,
        sold_at=when,
        sold_by=clerk,
        payment=CounterSale.Payment.CASH,
        total=total,
        status=status,
    )
    for stock, quantity in lines:
        CounterSaleLine.objects.create(
            sale=made,
            stock=stock,
            product=stock.product,
            vendor=stock.product.vendor,
            quantity=quantity,
            unit_price=stock.product.price,
        )


def pickup_order(number, location, collected_at, total, refunded=0, status=Order.Status.COMPLETED):
    return Order.objects.create(
        number=number,
        status=status,
        payment_method=Order.Payment.CARD,
        fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
        pickup_location=location,
        name="Rina",
        email="rina@example.com",
        whatsapp="6281234567890",
        subtotal=total,
        total=total,
        refunded_amount=refunded,
        paid_at=collected_at - datetime.timedelta(days=1),
        collected_at=collected_at,
    )


def seed():
    """Two outlets, two vendors, three products; sales on both sides of week, window and
    year boundaries, a void, pickups collected, cancelled and delivered."""
    rppkum = outlet("RPPKUM Legok", "rppkum-legok", Location.Kind.SHOWROOM)
    airport = outlet("Sentral Oleh-Oleh Terminal 3", "sentral-t3", Location.Kind.AIRPORT)
    ani = VendorFactory(name="Keripik Ani")
    budi = VendorFactory(name="Kopi Budi")
    keripik = ProductFactory(vendor=ani, name="Keripik Singkong", price=25_000)
    dodol = ProductFactory(vendor=ani, name="Dodol Betawi", price=30_000)
    kopi = ProductFactory(vendor=budi, name="Kopi Robusta", price=40_000)
    r_keripik = shelf(rppkum, keripik, 10, "R1")
    a_keripik = shelf(airport, keripik, 8, "A1")
    shelf(airport, dodol, 5, "A2")
    a_kopi = shelf(airport, kopi, 0, "B2")
    shelf(rppkum, kopi, 4, "R9", status=LocationStock.Status.PROPOSED)  # not on the shelf
    clerk = UserFactory()
    # Week 12 (from Monday 16 March).
    sale("T3-1", airport, at(3, 16, 9), [(a_keripik, 3), (a_kopi, 2)], clerk)
    sale("T3-2", airport, at(3, 17, 11), [(a_keripik, 5)], clerk, voided=True)
    sale("R-1", rppkum, at(3, 18, 14), [(r_keripik, 2)], clerk)
    # Sunday 15 March 23:30 in Jakarta (16:30 UTC): still week 11.
    sale("T3-3", airport, at(3, 15, 23, 30), [(a_kopi, 1)], clerk)
    # Week 2, more than 30 days back: in the year, not in sell-through.
    sale("T3-4", airport, at(1, 5, 10), [(a_keripik, 1)], clerk)
    # 31 December 2025, 23:00 in Jakarta: last year.
    sale("T3-0", airport, at(12, 31, 23, year=2025), [(a_kopi, 1)], clerk)
    pickup_order("W-1", airport, at(3, 19, 8), 60_000, refunded=10_000)
    pickup_order("W-2", rppkum, at(3, 19, 9), 70_000, status=Order.Status.CANCELLED)
    pickup_order("W-3", None, at(3, 19, 9), 80_000)  # delivered, no outlet


WEEKS = [
    ["RPPKUM Legok", "2026-W12", "16 Mar 2026", 50_000, 0, 50_000],
    ["Sentral Oleh-Oleh Terminal 3", "2026-W02", "5 Jan 2026", 25_000, 0, 25_000],
    ["Sentral Oleh-Oleh Terminal 3", "2026-W11", "9 Mar 2026", 40_000, 0, 40_000],
    ["Sentral Oleh-Oleh Terminal 3", "2026-W12", "16 Mar 2026", 155_000, 50_000, 205_000],
    ["Total", "", "", 270_000, 50_000, 320_000],
]
BEST = [
    ["RPPKUM Legok", 1, "Keripik Singkong", "Keripik Ani", 2, 50_000],
    ["Sentral Oleh-Oleh Terminal 3", 1, "Keripik Singkong", "Keripik Ani", 4, 100_000],
    ["Sentral Oleh-Oleh Terminal 3", 2, "Kopi Robusta", "Kopi Budi", 3, 120_000],
]
SHARES = [
    ["RPPKUM Legok", "Keripik Ani", 50_000, 100.0],
    ["Sentral Oleh-Oleh Terminal 3", "Kopi Budi", 120_000, 54.5],
    ["Sentral Oleh-Oleh Terminal 3", "Keripik Ani", 100_000, 45.5],
]
SHELF = [
    ["RPPKUM Legok", "Keripik Singkong", "Keripik Ani", "R1", 2, 10, 16.7, 150],
    ["Sentral Oleh-Oleh Terminal 3", "Dodol Betawi", "Keripik Ani", "A2", 0, 5, 0.0, None],
    ["Sentral Oleh-Oleh Terminal 3", "Keripik Singkong", "Keripik Ani", "A1", 3, 8, 27.3, 80],
    ["Sentral Oleh-Oleh Terminal 3", "Kopi Robusta", "Kopi Budi", "B2", 3, 0, 100.0, 0],
]


def money(value):
    return f"{RP}{value:,}".replace(",", ".")


def percent(value):
    return f"{value:.1f}%"


def days(value):
    return "—" if value is None else str(value)


SHOWN = {
    "outlets-weeks": (WEEKS, [str, str, str, money, money, money]),
    "outlets-best-sellers": (BEST, [str, str, str, str, str, money]),
    "outlets-vendor-shares": (SHARES, [str, str, money, percent]),
    "outlets-shelf": (SHELF, [str, str, str, str, str, str, percent, days]),
}


@pytest.fixture
def english(client):
    with time_machine.travel(NOW, tick=False):
        staff = StaffFactory(username="kepala")
        profile = UserProfile.get_for_user(staff)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(staff)
        yield client


@pytest.mark.django_db
def test_every_outlet_figure_on_the_page_and_in_the_csv(english):
    seed()
    tables = tables_of(english.get(URL, {"year": 2026}).content.decode())
    for key, (rows, formats) in SHOWN.items():
        page = tables[key]["rows"] + tables[key]["totals"]
        assert page == [[f(v) for f, v in zip(formats, row, strict=True)] for row in rows], key
        exported = csv_rows(english.get(URL, {"year": 2026, "table": key, "export": "csv"}))
        assert exported[0] == tables[key]["headings"], key
        assert exported[1:] == [["" if v is None else str(v) for v in row] for row in rows], key
    assert "ISO week" in tables["outlets-weeks"]["counts"]
    assert "30 days up to 20 March 2026" in tables["outlets-shelf"]["counts"]
    page = english.get(URL, {"year": 2026}).content.decode()
    assert 'id="figures-chart-outlets-weeks"' in page


@pytest.mark.django_db
def test_last_year_has_only_its_own_sales(english):
    seed()
    tables = tables_of(english.get(URL, {"year": 2025}).content.decode())
    # 31 December 2025 is in ISO week 1 of 2026, still counted in 2025.
    assert tables["outlets-weeks"]["rows"] == [
        [
            "Sentral Oleh-Oleh Terminal 3",
            "2026-W01",
            "29 Dec 2025",
            money(40_000),
            money(0),
            money(40_000),
        ]
    ]
    assert tables["outlets-best-sellers"]["rows"] == [
        ["Sentral Oleh-Oleh Terminal 3", "1", "Kopi Robusta", "Kopi Budi", "1", money(40_000)]
    ]


@pytest.mark.django_db
def test_only_the_top_sellers_of_each_outlet_are_listed():
    with time_machine.travel(NOW, tick=False):
        seed()
        top = figures.best_sellers(2026, top=1)
    assert [(row["outlet"], row["product"]) for row in top] == [
        ("RPPKUM Legok", "Keripik Singkong"),
        ("Sentral Oleh-Oleh Terminal 3", "Keripik Singkong"),
    ]
