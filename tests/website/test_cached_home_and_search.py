"""The home page's newest products and the site search's pages are chosen once per content
generation: a repeated visit reads nothing, and a change shows on the very next visit with
the page cache off (as for signed-in visitors)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from catalog.models import Product
from tests.factories import ProductFactory
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_repeated_visit_to_the_home_page_reads_nothing(client, django_assert_num_queries):
    ProductFactory(name="Dodol Betawi")
    first = client.get("/").content.decode()
    with django_assert_num_queries(0):
        second = client.get("/").content.decode()
    assert "Dodol Betawi" in second
    assert second.count('class="product-card"') == first.count('class="product-card"')


def test_a_new_or_withdrawn_product_shows_on_the_home_page_at_once(client):
    ProductFactory(name="Dodol Betawi")
    client.get("/")
    ProductFactory(name="Kopi Robusta Cisoka")
    assert "Kopi Robusta Cisoka" in client.get("/").content.decode()
    product = Product.objects.get(name="Kopi Robusta Cisoka")
    product.status = Product.Status.ARCHIVED
    product.save()
    assert "Kopi Robusta Cisoka" not in client.get("/").content.decode()


@pytest.fixture
def story():
    home = HomePage.objects.get(locale__language_code="id")
    page = StandardPage(title="Cerita rengginang Legok", slug="cerita", intro="Dari Legok")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def found(client, query="rengginang"):
    return client.get("/cari/", {"q": query, "page": "1"}).content.decode()


def test_a_repeated_search_reads_nothing(client, story, django_assert_num_queries):
    first = found(client)
    with django_assert_num_queries(0):
        second = found(client)
    assert '<a href="/cerita/">Cerita rengginang Legok</a>' in first
    assert '<a href="/cerita/">Cerita rengginang Legok</a>' in second


def test_a_page_published_or_unpublished_shows_in_the_search_at_once(client, story):
    assert "Cerita rengginang Legok" in found(client)
    story.title = "Cerita rengginang dan opak"
    story.save_revision().publish()
    assert "Cerita rengginang dan opak" in found(client)
    story.unpublish()
    assert "Cerita rengginang" not in found(client)


def test_a_page_made_private_leaves_the_search_at_once(client, story):
    assert "Cerita rengginang Legok" in found(client)
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Pengurus"))
    assert "Cerita rengginang Legok" not in found(client)
