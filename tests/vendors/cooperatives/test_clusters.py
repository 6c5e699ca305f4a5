"""Clusters (issue 16, point 4): the fields staff keep, the one-cluster-per-field rule refused
with a clear message in the admin, and the public pages (/klaster/ and one per cluster) with
the anchor cooperative, the member businesses and their public products, in both languages."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.users.models import UserProfile

from catalog.cluster_pages import ClusterIndexPage, ClusterPage
from catalog.models import Product
from tests.factories import StaffFactory, VendorFactory
from vendors.cooperatives.models import ClusterField, ClusterMember
from vendors.models import Vendor

from .clusters_seed import cluster, cooperative, join, products, publish_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def names(node, selector):
    return [item.get_text(" ", strip=True) for item in node.select(selector)]


@pytest.fixture
def serbuk():
    """A culinary cluster around Koperasi Serbuk: two public member businesses with products,
    one suspended member whose products must not show, and an outsider."""
    anchor = cooperative("Koperasi Serbuk", kecamatan="Pagedangan")
    kuliner = cluster("Klaster Kuliner Legok", "kuliner", anchor)
    ani = VendorFactory(name="Keripik Ani")
    budi = VendorFactory(name="Dodol Budi")
    hidden = VendorFactory(name="Usaha Ditangguhkan", status=Vendor.Status.SUSPENDED)
    outsider = VendorFactory(name="Batik Luar")
    for business in (ani, budi, hidden):
        join(kuliner, business)
    products(ani, "Keripik Singkong", "Keripik Pisang")
    products(budi, "Dodol Betawi")
    products(hidden, "Produk Tersembunyi")
    products(outsider, "Batik Tulis")
    draft = products(budi, "Dodol Draf")[0]
    Product.objects.filter(pk=draft.pk).update(status=Product.Status.DRAFT)
    (page,) = publish_pages(
        [
            (
                kuliner,
                "kuliner-legok",
                {
                    "id": {"title": "Klaster Kuliner Legok", "intro": "Jajanan khas Legok."},
                    "en": {"title": "Legok Culinary Cluster", "intro": "Legok's snacks."},
                },
            )
        ]
    )
    return {"cluster": kuliner, "page": page, "ani": ani, "budi": budi, "anchor": anchor}


def test_the_four_starting_fields_are_there_and_editable():
    fields = {field.slug: field.name for field in ClusterField.objects.all()}
    assert fields == {
        "kuliner": "Kuliner",
        "fashion": "Fashion",
        "kerajinan": "Kerajinan",
        "herbal": "Herbal",
    }
    herbal = ClusterField.objects.get(slug="herbal")
    herbal.name_en = "Herbal medicine"
    herbal.save()
    ClusterField.objects.create(name="Pertanian", name_en="Farming", slug="pertanian")
    assert ClusterField.objects.count() == 5


def test_a_business_cannot_join_a_second_cluster_of_the_same_field():
    ani = VendorFactory(name="Keripik Ani")
    first = cluster("Klaster Kuliner Legok", "kuliner", cooperative("Koperasi Serbuk"))
    second = cluster("Klaster Kuliner Cikupa", "kuliner", cooperative("Koperasi Cikupa"))
    crafts = cluster("Klaster Kerajinan", "kerajinan", cooperative("Koperasi Anyam"))
    join(first, ani)
    with pytest.raises(ValidationError) as refused:
        join(second, ani)
    assert "sudah tergabung dalam klaster Klaster Kuliner Legok pada bidang yang sama" in str(
        refused.value
    )
    join(crafts, ani)  # another field: allowed
    assert ClusterMember.objects.filter(business=ani).count() == 2


def test_staff_adding_a_business_to_a_second_cluster_of_its_field_get_a_message_not_an_error(
    client,
):
    ani = VendorFactory(name="Keripik Ani")
    first = cluster("Klaster Kuliner Legok", "kuliner", cooperative("Koperasi Serbuk"))
    second = cluster("Klaster Kuliner Cikupa", "kuliner", cooperative("Koperasi Cikupa"))
    join(first, ani)
    staff = StaffFactory()
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(staff)
    response = client.post(
        "/admin/snippets/cooperatives/clustermember/add/",
        {"cluster": second.pk, "business": ani.pk},
    )
    assert response.status_code == 200
    assert "already in the cluster Klaster Kuliner Legok of the same field" in (
        response.content.decode()
    )
    assert ClusterMember.objects.filter(business=ani).count() == 1


def test_staff_add_a_cluster_and_a_member_in_the_admin(client):
    client.force_login(StaffFactory())
    anchor = cooperative("Koperasi Serbuk")
    response = client.post(
        "/admin/snippets/cooperatives/cluster/add/",
        {
            "name": "Klaster Batik",
            "slug": "klaster-batik",
            "field": ClusterField.objects.get(slug="fashion").pk,
            "anchor": anchor.pk,
        },
    )
    assert response.status_code == 302
    batik = anchor.anchored_clusters.get()
    business = VendorFactory(name="Batik Tiga Raksa")
    response = client.post(
        "/admin/snippets/cooperatives/clustermember/add/",
        {"cluster": batik.pk, "business": business.pk},
    )
    assert response.status_code == 302
    assert ClusterMember.objects.get(business=business).field.slug == "fashion"


def test_a_cluster_with_members_cannot_change_field(client):
    first = cluster("Klaster Kuliner Legok", "kuliner", cooperative("Koperasi Serbuk"))
    join(first, VendorFactory())
    first.field = ClusterField.objects.get(slug="herbal")
    with pytest.raises(ValidationError, match="tidak dapat berganti bidang"):
        first.full_clean()


def test_the_cluster_page_shows_the_anchor_the_public_businesses_and_their_public_products(
    client, serbuk
):
    html = soup(client.get("/klaster/kuliner-legok/"))
    assert html.h1.get_text(strip=True) == "Klaster Kuliner Legok"
    anchor = html.select_one("[data-cluster-anchor]")
    assert "Koperasi Serbuk" in anchor.get_text()
    assert anchor.find("a")["href"] == "/umkm/" + serbuk["anchor"].vendor.slug + "/"
    assert names(html, "[data-cluster-businesses] .card-title") == ["Dodol Budi", "Keripik Ani"]
    shown = names(html, "[data-cluster-products] .card-title")
    assert sorted(shown) == ["Dodol Betawi", "Keripik Pisang", "Keripik Singkong"]
    assert "3 produk" in html.select_one("[data-cluster-products] [role=status]").get_text()


def test_the_cluster_page_in_english(client, serbuk):
    html = soup(client.get("/en/klaster/kuliner-legok/"))
    assert html.h1.get_text(strip=True) == "Legok Culinary Cluster"
    assert "Anchor cooperative" in html.get_text()
    assert "Culinary" in html.select_one("[data-cluster-anchor]").get_text()
    shown = names(html, "[data-cluster-products] .card-title")
    assert sorted(shown) == ["Dodol Betawi (en)", "Keripik Pisang (en)", "Keripik Singkong (en)"]


def test_the_index_lists_the_clusters_with_their_field_anchor_and_businesses(client, serbuk):
    html = soup(client.get("/klaster/"))
    (item,) = html.select("[data-cluster-list] li")
    assert item.a["href"] == "/klaster/kuliner-legok/"
    text = item.get_text(" ", strip=True)
    assert "Kuliner" in text and "Koperasi Serbuk" in text and "2 usaha" in text
    english = soup(client.get("/en/klaster/")).select_one("[data-cluster-list] li")
    assert "Legok Culinary Cluster" in english.get_text() and "2 businesses" in english.get_text()


def test_products_are_paginated_in_the_same_number_of_queries(
    client, serbuk, settings, django_assert_num_queries, django_assert_max_num_queries
):
    settings.CATALOG_PAGE_SIZE = 2
    client.get("/klaster/kuliner-legok/")  # what the process keeps for good, read once
    cache.clear()  # both measured requests start with no cached product card
    with django_assert_max_num_queries(50) as few:
        first = soup(client.get("/klaster/kuliner-legok/"))
    for index in range(12):
        products(serbuk["ani"], f"Rengginang {index:02d}")
    cache.clear()
    with django_assert_num_queries(len(few.captured_queries)):
        many = soup(client.get("/klaster/kuliner-legok/"))
    assert len(first.select("[data-cluster-products] .card-title")) == 2
    assert len(many.select("[data-cluster-products] .card-title")) == 2
    assert names(many, "[data-cluster-products] .card-title") == ["Dodol Betawi", "Keripik Pisang"]
    last = soup(client.get("/klaster/kuliner-legok/", {"page": 8}))
    assert names(last, "[data-cluster-products] .card-title") == ["Rengginang 11"]


def test_cluster_pages_live_only_under_the_index():
    assert ClusterPage.parent_page_types == ["catalog.ClusterIndexPage"]
    assert ClusterIndexPage.parent_page_types == ["website.HomePage"]
