"""The catalog's shared fixture: a small shop."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Location, LocationStock
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    ProductFactory,
    VendorFactory,
)
from vendors.models import Kecamatan


@pytest.fixture
def shop():
    """A small catalog with one product per facet combination worth testing."""
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", name_en="Food & Drink")
    chips = CategoryFactory(slug="keripik-camilan", name="Keripik", name_en="Chips", parent=food)
    craft = CategoryFactory(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    legok = VendorFactory(name="Bu Sari", kecamatan=Kecamatan.objects.get(name="Legok"))
    mauk = VendorFactory(name="Koperasi Mauk", kecamatan=Kecamatan.objects.get(name="Mauk"))
    HalalCertificateFactory(vendor=legok)
    rppkum = Location.objects.create(
        name="RPPKUM Legok",
        slug="rppkum-legok",
        kind="showroom",
        address="Legok",
        opens_at=datetime.time(8),
        closes_at=datetime.time(16),
    )
    airport = Location.objects.create(
        name="Sentral Oleh-Oleh T3",
        slug="sentral-oleh-oleh-t3",
        kind="airport",
        address="Terminal 3",
        opens_at=datetime.time(5),
        closes_at=datetime.time(22),
    )
    p = {
        "tempe": ProductFactory(
            vendor=legok,
            category=chips,
            name="Keripik Tempe",
            name_en="Tempeh Chips",
            price=18000,
            stock=5,
            description="Renyah dari kedelai lokal",
        ),
        "pisang": ProductFactory(
            vendor=legok,
            category=chips,
            name="Keripik Pisang",
            name_en="Banana Chips",
            price=15000,
            stock=0,
        ),
        "kerupuk": ProductFactory(
            vendor=mauk,
            category=chips,
            name="Kerupuk Udang",
            name_en="Prawn Crackers",
            price=35000,
            stock=3,
            bringable_to_airport=True,  # brought to Terminal 3 for a pickup, not on its shelf
        ),
        "tas": ProductFactory(
            vendor=mauk,
            category=craft,
            name="Tas Anyaman Pandan",
            name_en="Woven Pandan Bag",
            price=85000,
            stock=2,
        ),
    }
    LocationStock.objects.create(
        location=airport, product=p["tempe"], status="accepted", quantity=10
    )
    LocationStock.objects.create(location=rppkum, product=p["tas"], status="accepted", quantity=2)
    # Past its best-before date: not on the shelf any more.
    LocationStock.objects.create(
        location=airport,
        product=p["kerupuk"],
        status="accepted",
        quantity=4,
        best_before=timezone.localdate() - datetime.timedelta(days=1),
    )
    return p
