"""The public profile (/umkm/<slug>/) is read and rendered once per content generation: a
repeated visit reads nothing, and a change to the business, its products or its
certificates shows on the very next visit with the page cache off (as for signed-in
visitors); the header stays each visitor's own."""

import datetime

import pytest
import time_machine

from catalog.models import Product
from tests.factories import HalalCertificateFactory, MembershipFactory, ProductFactory
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def owner():
    membership = MembershipFactory(vendor__name="Keripik Bu Sari", vendor__slug="bu-sari")
    ProductFactory(vendor=membership.vendor, name="Keripik Tempe Legok")
    return membership


def test_a_repeated_visit_reads_nothing(client, owner, django_assert_num_queries):
    first = client.get("/umkm/bu-sari/").content.decode()
    with django_assert_num_queries(0):
        second = client.get("/umkm/bu-sari/").content.decode()
    assert "Keripik Tempe Legok" in second
    assert second == first


def test_a_change_to_the_business_shows_on_the_next_visit(client, owner):
    client.get("/umkm/bu-sari/")
    vendor = owner.vendor
    vendor.description = "Sejak 1998 di Legok."
    vendor.save()
    assert "Sejak 1998 di Legok." in client.get("/umkm/bu-sari/").content.decode()
    vendor.status = Vendor.Status.SUSPENDED
    vendor.save()
    assert client.get("/umkm/bu-sari/").status_code == 404


def test_a_product_taken_down_is_gone_on_the_next_visit(client, owner):
    assert "Keripik Tempe Legok" in client.get("/umkm/bu-sari/").content.decode()
    product = Product.objects.get(name="Keripik Tempe Legok")
    product.status = Product.Status.ARCHIVED
    product.save()
    assert "Keripik Tempe Legok" not in client.get("/umkm/bu-sari/").content.decode()


def at(hour, minute):
    return datetime.datetime(2026, 3, 10, hour, minute, tzinfo=datetime.UTC)


def test_a_certificate_past_its_date_is_gone_the_next_day(client, owner):
    # 23:50 then 00:10 in Jakarta: twenty minutes apart, well within what is kept.
    with time_machine.travel(at(16, 50), tick=False):
        HalalCertificateFactory(
            vendor=owner.vendor, number="ID36030000777", expires_on=datetime.date(2026, 3, 10)
        )
        assert "ID36030000777" in client.get("/umkm/bu-sari/").content.decode()
    with time_machine.travel(at(17, 10), tick=False):
        assert "ID36030000777" not in client.get("/umkm/bu-sari/").content.decode()


def test_each_visitor_keeps_their_own_header(client, owner):
    assert "My dashboard" not in client.get("/en/umkm/bu-sari/").content.decode()
    client.force_login(owner.user)
    assert "My dashboard" in client.get("/en/umkm/bu-sari/").content.decode()
    client.logout()
    assert "My dashboard" not in client.get("/en/umkm/bu-sari/").content.decode()


def test_each_language_gets_its_own_profile(client, owner):
    assert 'lang="id"' in client.get("/umkm/bu-sari/").content.decode()
    english = client.get("/en/umkm/bu-sari/").content.decode()
    assert 'lang="en"' in english
    assert "Request for your hotel or shop" in english
