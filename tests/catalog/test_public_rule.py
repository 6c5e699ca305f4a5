"""The vendor half of the public rule is kept on each product's row (Product.vendor_listed,
by database triggers, migration 0006). These tests change vendors in every way the site and
the database allow, and check what a shopper then finds in the catalog and search."""

import re

import pytest
from django.core.cache import cache

from catalog.models import Product
from tests.factories import ProductFactory, VendorFactory
from vendors.models import Vendor

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def shown(client, **params) -> set[str]:
    cache.clear()  # the facets and cards of the last visit must not answer for this one
    html = client.get("/katalog/", params).content.decode()
    return set(re.findall(r'class="card-title"><a href="/produk/([^/]+)/"', html))


@pytest.fixture
def product():
    return ProductFactory(name="Dodol Betawi", slug="dodol-betawi")


def test_a_new_product_follows_its_vendors_state(client):
    listed = ProductFactory(slug="listed")
    pending = ProductFactory(slug="pending", vendor=VendorFactory(nib_status="pending"))
    applied = ProductFactory(slug="applied", vendor=VendorFactory(status="applied"))
    assert shown(client) == {"listed"}
    assert [p.slug for p in Product.objects.public()] == [listed.slug]
    assert not {pending.slug, applied.slug} & shown(client, q="keripik")


@pytest.mark.parametrize(
    "change",
    [
        {"status": Vendor.Status.SUSPENDED},
        {"status": Vendor.Status.APPLIED},
        {"nib_status": Vendor.NibStatus.PENDING},
        {"nib_status": Vendor.NibStatus.REJECTED},
    ],
)
def test_a_vendor_leaving_takes_its_products_along_and_back(client, product, change):
    vendor = product.vendor
    before = {"status": vendor.status, "nib_status": vendor.nib_status}
    for field, value in change.items():
        setattr(vendor, field, value)
    vendor.save()
    assert "dodol-betawi" not in shown(client)
    assert "dodol-betawi" not in shown(client, q="dodol")
    assert client.get("/produk/dodol-betawi/").status_code == 404

    for field, value in before.items():
        setattr(vendor, field, value)
    vendor.save()
    assert "dodol-betawi" in shown(client, q="dodol")
    assert client.get("/produk/dodol-betawi/").status_code == 200


def test_a_bulk_update_of_vendors_is_followed_too(client, product):
    Vendor.objects.filter(pk=product.vendor_id).update(status=Vendor.Status.SUSPENDED)
    assert "dodol-betawi" not in shown(client)
    Vendor.objects.filter(pk=product.vendor_id).update(status=Vendor.Status.ACTIVE)
    assert "dodol-betawi" in shown(client)


def test_moving_a_product_to_another_vendor_takes_that_vendors_state(client, product):
    product.vendor = VendorFactory(status=Vendor.Status.SUSPENDED)
    product.save()
    assert "dodol-betawi" not in shown(client)
    product.vendor = VendorFactory()
    product.save()
    assert "dodol-betawi" in shown(client)


def test_a_stale_copy_of_the_product_cannot_relist_it(client, product):
    stale = Product.objects.get(pk=product.pk)  # read while the vendor was still listed
    Vendor.objects.filter(pk=product.vendor_id).update(nib_status=Vendor.NibStatus.PENDING)
    stale.vendor_listed = True  # whatever Django writes is replaced by the vendor's state
    stale.name = "Dodol Betawi Asli"
    stale.save()
    assert "dodol-betawi" not in shown(client)
    assert not Product.objects.filter(pk=product.pk, vendor_listed=True).exists()


def test_migrate_puts_back_triggers_a_rebuilt_table_has_lost(client, product):
    """Django's SQLite schema editor rebuilds a table for most changes to it, losing its
    triggers; every migrate puts them back and corrects the rows they would have kept."""
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    from catalog import triggers

    triggers.uninstall(connection)
    Vendor.objects.filter(pk=product.vendor_id).update(status=Vendor.Status.SUSPENDED)
    lost = ProductFactory(slug="while-lost")
    assert Product.objects.filter(pk=product.pk, vendor_listed=True).exists()  # not kept
    assert "dodol-betawi" in shown(client)

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "dodol-betawi" not in shown(client)  # corrected
    assert "while-lost" in shown(client)
    Vendor.objects.filter(pk=lost.vendor_id).update(status=Vendor.Status.SUSPENDED)
    assert "while-lost" not in shown(client)  # and kept again


@pytest.mark.django_db(transaction=True)
def test_a_later_migration_can_rebuild_the_products_table(client):
    """SQLite rebuilds a table to change a column, and refuses while a trigger elsewhere
    names it: migrate takes the triggers out of the way and puts them back."""
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
    from django.db import connection

    def change_unit_length(old_length, new_length):
        old = Product._meta.get_field("unit")
        new = old.clone()
        new.set_attributes_from_name("unit")
        new.model, old.max_length, new.max_length = Product, old_length, new_length
        emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
        try:
            with connection.schema_editor() as editor:
                editor.alter_field(Product, old, new)
        finally:
            old.max_length = 30
            emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    change_unit_length(30, 31)
    try:
        ProductFactory(slug="after-rebuild", vendor=VendorFactory(status="suspended"))
        listed = ProductFactory(slug="listed-after-rebuild")
        assert shown(client) == {"listed-after-rebuild"}
        Vendor.objects.filter(pk=listed.vendor_id).update(status=Vendor.Status.SUSPENDED)
        assert shown(client) == set()
    finally:
        change_unit_length(31, 30)
