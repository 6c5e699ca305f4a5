"""catalog_facet_summary (migration 0013) stays exact through every kind of change, whatever
writes the rows, so the catalog's counts can be read from it instead of a scan of every
product. PostgreSQL only: SQLite counts with the scan."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict

from catalog.filters import ProductFilter
from catalog.models import Product
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    ProductFactory,
    VendorFactory,
)
from vendors.models import Kecamatan, Vendor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers"),
]

RECOUNT = """
SELECT p.category_id, v.kecamatan_id, p.stock > 0, p.bringable_to_airport, count(*)
FROM catalog_product p JOIN vendors_vendor v ON v.id = p.vendor_id
WHERE p.status = 'published' AND p.vendor_listed
GROUP BY 1, 2, 3, 4
"""
SUMMARY = "SELECT category_id, kecamatan_id, in_stock, bringable, n FROM catalog_facet_summary"


def assert_exact():
    with connection.cursor() as cursor:
        cursor.execute(RECOUNT)
        expected = set(cursor.fetchall())
        cursor.execute(SUMMARY + " WHERE n <> 0")
        assert set(cursor.fetchall()) == expected


def test_the_summary_follows_products_and_vendors_through_every_change():
    legok, mauk = (Kecamatan.objects.get(name=name) for name in ("Legok", "Mauk"))
    food, craft = CategoryFactory(), CategoryFactory()
    vendor = VendorFactory(kecamatan=legok)
    other = VendorFactory(kecamatan=mauk)
    products = [ProductFactory(vendor=vendor, category=food) for _ in range(3)]
    assert_exact()
    first, second, third = products
    Product.objects.filter(pk=first.pk).update(stock=0)  # sold out at checkout
    Product.objects.filter(pk=second.pk).update(category=craft, bringable_to_airport=True)
    Product.objects.filter(pk=third.pk).update(status=Product.Status.DRAFT)
    assert_exact()
    Product.objects.filter(pk=third.pk).update(status=Product.Status.PUBLISHED, vendor=other)
    assert_exact()
    Vendor.objects.filter(pk=vendor.pk).update(kecamatan=mauk)  # the business moves
    assert_exact()
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.SUSPENDED, kecamatan=legok)
    assert_exact()
    Vendor.objects.filter(pk=vendor.pk).update(status=Vendor.Status.ACTIVE)
    assert_exact()
    Product.objects.filter(pk=second.pk).delete()
    assert_exact()


def test_emptying_the_products_empties_the_summary():
    """Django's flush between transactional tests truncates the tables it knows."""
    ProductFactory.create_batch(2)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as if committed
        cursor.execute("TRUNCATE catalog_product CASCADE")
    assert_exact()
    ProductFactory()
    assert_exact()


def test_the_catalog_counts_come_from_the_summary_not_a_scan():
    """The whole catalog's counts are read from the summary (about a thousand rows at
    100,000 products), not counted by a scan that grows with the catalog."""
    ProductFactory.create_batch(5, vendor=VendorFactory(), category=CategoryFactory())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_facet_summary SET n = n + 1000")
    cache.clear()
    base = Product.objects.public()
    rows = ProductFilter(QueryDict(), queryset=base).facet_rows(base)
    assert sum(n for *_group, n in rows) == 1005


def test_halal_and_shelved_products_keep_their_flags_in_the_summed_counts():
    """Their flags depend on the day and the shelves, not on the summary: they are read
    one by one and moved out of the plain group the summary counts them in."""
    vendor = VendorFactory()
    HalalCertificateFactory(vendor=vendor)
    certified = ProductFactory(vendor=vendor, stock=0)
    ProductFactory(vendor=vendor, category=certified.category)
    cache.clear()
    base = Product.objects.public()
    facets = ProductFilter(QueryDict(), queryset=base).facets(base)
    assert facets["total"] == 2
    assert facets["flags"]["stok"] == 1
    assert facets["flags"]["halal"] == 2
    assert facets["flags"]["nib"] == 2
