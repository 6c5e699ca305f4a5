"""A cooperative markets its members' products ("dipasarkan oleh"), lists its member
businesses and their products on its public profile, and the catalog filters the products
of a cooperative's members: each in a fixed number of queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Product, ProductImage
from tests.catalog.helpers import photo
from tests.factories import CategoryFactory, ProductFactory
from vendors.cooperatives import membership as services

from .membership_helpers import business, cooperative

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    html = response.content.decode()
    return set(re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html))


def member_of(koperasi, member):
    asked = services.ask_to_join(member.vendor, koperasi, member.user)
    return services.accept_request(asked, koperasi.admin)


def product_data(category, **overrides):
    data = {
        "category": category.pk,
        "name": "Keripik Singkong Balado",
        "name_en": "",
        "description": "Renyah.",
        "description_en": "",
        "price": "25000",
        "unit": "250 g",
        "stock": "12",
        "min_order": "1",
        "pirt_number": "",
        "bpom_number": "",
        "halal_certificate": "",
        "tiers-TOTAL_FORMS": "0",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "4",
    }
    data.update(overrides)
    return data


def test_a_member_chooses_only_a_cooperative_it_is_an_active_member_of(client):
    koperasi, sari = cooperative(), business()
    elsewhere = cooperative(name="Koperasi Lain", slug="koperasi-lain")
    asked = cooperative(name="Koperasi Menunggu", slug="koperasi-menunggu")
    member_of(koperasi, sari)
    services.ask_to_join(sari.vendor, asked, sari.user)  # not accepted yet
    product = ProductFactory(vendor=sari.vendor)
    client.force_login(sari.user)

    form = client.get(f"/dasbor/produk/{product.pk}/").content.decode()
    assert "Koperasi Maju Bersama" in form
    assert "Koperasi Lain" not in form and "Koperasi Menunggu" not in form

    refused = client.post(
        f"/dasbor/produk/{product.pk}/",
        product_data(product.category, marketed_by=elsewhere.vendor.pk),
    )
    assert refused.status_code == 200
    product.refresh_from_db()
    assert product.marketed_by is None

    client.post(
        f"/dasbor/produk/{product.pk}/",
        product_data(product.category, marketed_by=koperasi.vendor.pk),
    )
    product.refresh_from_db()
    assert product.marketed_by == koperasi.vendor
    assert product.vendor == sari.vendor  # the product stays the member's


def test_a_cooperative_has_no_marketing_choice_on_its_own_products(client):
    koperasi = cooperative()
    product = ProductFactory(vendor=koperasi.vendor)
    client.force_login(koperasi.admin)
    assert 'name="marketed_by"' not in client.get(f"/dasbor/produk/{product.pk}/").content.decode()


def test_marketed_by_is_shown_on_the_card_and_the_page_and_cleared_when_the_member_leaves(client):
    koperasi, sari = cooperative(), business()
    membership = member_of(koperasi, sari)
    product = ProductFactory(vendor=sari.vendor, name="Keripik Balado", marketed_by=koperasi.vendor)
    link = f'href="/umkm/{koperasi.vendor.slug}/"'

    card = client.get("/katalog/").content.decode()
    assert re.search(rf"Dipasarkan oleh <a {link}>Koperasi Maju Bersama</a>", card)
    page = client.get(f"/produk/{product.slug}/").content.decode()
    assert "Dipasarkan oleh" in page and link in page
    english = client.get(f"/en/produk/{product.slug}/").content.decode()
    assert "Marketed by" in english

    services.leave(membership, sari.user)

    product.refresh_from_db()
    assert product.marketed_by is None
    assert "Dipasarkan oleh" not in client.get("/katalog/").content.decode()
    assert "Dipasarkan oleh" not in client.get(f"/produk/{product.slug}/").content.decode()


def test_the_catalog_filters_the_products_of_a_cooperatives_active_members(client):
    koperasi, sari, tani = cooperative(), business(), business("Tani Jaya", "tani-jaya")
    outsider = business("Kopi Cisoka", "kopi-cisoka")
    member_of(koperasi, sari)
    services.ask_to_join(tani.vendor, koperasi, tani.user)  # asked, not a member yet
    left = member_of(koperasi, outsider)
    services.leave(left, outsider.user)
    ProductFactory(vendor=sari.vendor, name="Keripik Balado")
    ProductFactory(vendor=tani.vendor, name="Beras Tani")
    ProductFactory(vendor=outsider.vendor, name="Kopi Robusta")
    ProductFactory(vendor=koperasi.vendor, name="Minyak Koperasi")

    response = client.get("/katalog/", {"koperasi": koperasi.vendor.slug})

    assert names(response) == {"Keripik Balado"}
    html = response.content.decode()
    assert "Dari anggota Koperasi Maju Bersama" in html  # the chip that removes it
    assert names(client.get("/katalog/", {"koperasi": "tidak-ada"})) == set()


@pytest.mark.parametrize("count", [3, 12])
def test_the_cooperative_filter_costs_the_same_queries_whatever_the_products(
    client, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_SECONDS = 0
    koperasi = cooperative()
    members = [business(f"Anggota {i}", f"anggota-{i}") for i in range(3)]
    for member in members:
        member_of(koperasi, member)
    for i in range(count):
        product = ProductFactory(vendor=members[i % 3].vendor, marketed_by=koperasi.vendor)
        ProductImage.objects.create(product=product, image=photo(f"p{i}.jpg"))
    url = f"/katalog/?koperasi={koperasi.vendor.slug}"
    client.get(url)  # renditions are generated once, on the first view
    cache.clear()
    with django_assert_num_queries(QUERIES_FILTERED_BY_COOPERATIVE):
        response = client.get(url)
    assert len(names(response)) == count


# As the unfiltered catalog (QUERIES_PER_CATALOG_PAGE) and one for the filter's chip.
QUERIES_FILTERED_BY_COOPERATIVE = 12


def test_the_cooperatives_profile_lists_its_members_and_their_products(client, settings):
    settings.CATALOG_PAGE_SIZE = 2
    koperasi, sari, tani = cooperative(), business(), business("Tani Jaya", "tani-jaya")
    member_of(koperasi, sari)
    member_of(koperasi, tani)
    asked = business("Baru Minta", "baru-minta")
    services.ask_to_join(asked.vendor, koperasi, asked.user)
    category = CategoryFactory()
    for name, member in [("Keripik A", sari), ("Keripik B", sari), ("Beras C", tani)]:
        ProductFactory(vendor=member.vendor, name=name, category=category)
    ProductFactory(vendor=asked.vendor, name="Produk Bukan Anggota", category=category)
    ProductFactory(vendor=sari.vendor, name="Draf", category=category, status=Product.Status.DRAFT)

    page = client.get(f"/umkm/{koperasi.vendor.slug}/")
    html = page.content.decode()
    section = html[html.index("data-member-businesses") :]
    assert "Keripik Bu Sari" in section and "Tani Jaya" in section
    assert "Baru Minta" not in section
    first = names(page)
    second = names(client.get(f"/umkm/{koperasi.vendor.slug}/", {"hal_anggota": 2}))
    assert first | second == {"Keripik A", "Keripik B", "Beras C"}
    assert len(first) == 2 and len(second) == 1
    assert f"/katalog/?koperasi={koperasi.vendor.slug}" in html


def test_a_member_business_profile_has_no_members_section(client):
    koperasi, sari = cooperative(), business()
    member_of(koperasi, sari)
    assert "data-member-businesses" not in client.get("/umkm/keripik-bu-sari/").content.decode()


def test_the_profile_costs_the_same_queries_for_3_or_12_members_products(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    koperasi = cooperative()

    def add(count):
        for i in range(count):
            member = business(f"Anggota {count}-{i}", f"anggota-{count}-{i}")
            member_of(koperasi, member)
            product = ProductFactory(vendor=member.vendor)
            ProductImage.objects.create(product=product, image=photo(f"{count}-{i}.jpg"))
        client.get(f"/umkm/{koperasi.vendor.slug}/")  # renditions made once
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/umkm/{koperasi.vendor.slug}/")
        assert len(names(response)) == len(Product.objects.filter(vendor__kind="usaha_mikro"))
        return len(queries)

    assert add(3) == add(9)


def test_the_filter_form_keeps_the_cooperative_when_other_filters_are_chosen(client):
    html = client.get("/katalog/", {"koperasi": "koperasi-maju-bersama"}).content.decode()
    assert '<input type="hidden" name="koperasi" value="koperasi-maju-bersama">' in html
