"""Cooperatives, RAT, member counts, clusters and orders at known moments, for the
cooperatives' tables on the regency figures page. Today is 20 November 2026 (Jakarta)."""

import datetime
import itertools

from orders.models import Order, OrderLine, OrderPart
from tests.factories import VendorFactory
from vendors.cooperatives.models import AnnualMeeting, MemberCount
from vendors.models import Vendor

from .clusters_seed import cluster, cooperative, join

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))
NOW = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=JAKARTA)
COOP, KDKMP = Vendor.Kind.COOPERATIVE, Vendor.Kind.VILLAGE_COOPERATIVE
AHU = "AHU-{:07d}.AH.01.26.TAHUN 2021"
numbers = itertools.count(1)


def counted(coop, *entries):
    for day, members in entries:
        MemberCount.objects.create(
            cooperative=coop, counted_on=datetime.date.fromisoformat(day), members=members
        )


def rat(coop, book_year, status):
    AnnualMeeting.objects.create(
        cooperative=coop,
        book_year=book_year,
        held_on=datetime.date(book_year + 1, 4, 15),
        members_present=20,
        report=f"rat/{coop.pk}-{book_year}.pdf",
        summary="RAT tahunan.",
        status=status,
    )


def order(paid_at, parts, status=Order.Status.PAID):
    """An order paid at ``paid_at`` (Jakarta, "YYYY-MM-DD HH:MM", or None) with ``parts``:
    [(vendor, part status, [(unit price, quantity), ...])]."""
    when = paid_at and datetime.datetime.fromisoformat(paid_at).replace(tzinfo=JAKARTA)
    number = next(numbers)
    placed = Order.objects.create(
        number=f"ET-TEST-{number}",
        status=status,
        payment_method=Order.Payment.CARD,
        fulfilment=Order.Fulfilment.DELIVERY,
        name="Pembeli",
        email="pembeli@example.com",
        whatsapp="6281234567890",
        address="Jl. Raya Legok 1",
        paid_at=when,
    )
    for vendor, part_status, lines in parts:
        part = OrderPart.objects.create(order=placed, vendor=vendor, status=part_status)
        for price, quantity in lines:
            OrderLine.objects.create(
                part=part, product_name="Produk", unit_price=price, quantity=quantity
            )
    return placed


def seed():
    Verified, Pending = AnnualMeeting.Status.VERIFIED, AnnualMeeting.Status.PENDING
    producers = cooperative(
        "Koperasi Produsen Legok",
        classification="produsen",
        ahu_number=AHU.format(1),
        ahu_date=datetime.date(2021, 3, 1),
    )
    ciangir = cooperative(
        "KDKMP Ciangir",
        kind=KDKMP,
        classification="konsumen",
        ahu_number=AHU.format(2),
        ahu_date=datetime.date(2025, 7, 1),
    )
    cooperative("KDKMP Cisauk", "Cisauk", kind=KDKMP, ahu_number=AHU.format(3))
    legacy = cooperative(
        "Koperasi Serba Usaha Lama", "Cikupa", classification="serba_usaha", status="tidak_aktif"
    )
    cooperative("Koperasi Jasa Bubar", "Cikupa", classification="jasa", status="dibubarkan")

    counted(producers, ("2025-12-01", 100), ("2026-03-15", 120), ("2026-07-01", 150))
    counted(ciangir, ("2026-02-10", 40))
    counted(legacy, ("2026-05-31", 30))
    counted(producers, ("2026-11-21", 999))  # tomorrow: typed ahead, not counted yet

    rat(producers, 2025, Verified)
    rat(producers, 2024, Verified)
    rat(ciangir, 2025, Pending)
    rat(ciangir, 2024, Verified)
    rat(legacy, 2025, Verified)  # not active today: not counted

    ani, budi, citra, outsider = (
        VendorFactory(name=name) for name in ("Keripik Ani", "Dodol Budi", "Batik Citra", "Luar")
    )
    kuliner = cluster("Klaster Kuliner", "kuliner", producers)
    batik = cluster("Klaster Batik", "fashion", ciangir)
    cluster("Klaster Herbal", "herbal", producers)
    for group, business in ((kuliner, ani), (kuliner, budi), (batik, ani), (batik, citra)):
        join(group, business)

    Part = OrderPart.Status
    order(
        "2026-03-10 10:00",
        [(ani, Part.PROCESSING, [(25_000, 2)]), (outsider, Part.PROCESSING, [(100_000, 1)])],
    )
    # Paid at 00:30 on 1 January in Jakarta: still 2025 in UTC, 2026 for the figures.
    order(
        "2026-01-01 00:30",
        [(citra, Part.COMPLETED, [(20_000, 3)]), (ani, Part.COMPLETED, [(25_000, 1)])],
        status=Order.Status.COMPLETED,
    )
    order("2025-12-31 23:30", [(budi, Part.COMPLETED, [(30_000, 1)])], Order.Status.COMPLETED)
    order("2026-04-01 09:00", [(budi, Part.REFUNDED, [(30_000, 5)])], Order.Status.REFUNDED)
    order(
        "2026-05-01 09:00",
        [(budi, Part.CANCELLED, [(30_000, 2)]), (ani, Part.PROCESSING, [(25_000, 1)])],
    )
    order(None, [(budi, Part.AWAITING_PAYMENT, [(30_000, 9)])], Order.Status.PENDING_PAYMENT)
