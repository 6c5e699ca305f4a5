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
