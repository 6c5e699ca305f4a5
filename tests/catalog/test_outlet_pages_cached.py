"""The showroom (/rppkum/) and outlet (/outlet-bandara/) pages keep what every visitor sees
alike per content generation (the route, the location, the picks, the page's ids, the
makers' cards): a repeated visit reads nothing, and a change shows on the very next visit
with the page cache off (as for signed-in visitors and every first visit after a change)."""

import datetime
import re

import pytest

from catalog.models import LocationStock, Product
from catalog.pages import ShowroomPage
from tests.catalog.helpers import products_with_photos
from tests.catalog.test_outlet_pages import card_names, make_shelves, section, shelve
from vendors.models import Vendor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def shelves():
    return make_shelves()


def with_picks(shelves):
    page = ShowroomPage.objects.get(locale__language_code="id")
    products = products_with_photos(4)
    for product in products:
        shelve(shelves["rppkum"], product)
    tas = shelves["products"]["tas"]
    page.featured_products = [("product", tas), *[("product", p) for p in products[:2]]]
    page.featured_vendors = [("vendor", tas.vendor), ("vendor", products[0].vendor)]
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("path", ["/rppkum/", "/outlet-bandara/", "/outlet-bandara/?page=2"])
def test_a_repeated_visit_reads_nothing(client, shelves, path, django_assert_num_queries):
    with_picks(shelves)
    first = client.get(path).content.decode()
    with django_assert_num_queries(0):
        second = client.get(path).content.decode()
    assert card_names(second) == card_names(first)


def test_a_product_taken_off_the_showroom_shelf_is_gone_on_the_next_visit(client, shelves):
    html = client.get("/rppkum/").content.decode()
    assert card_names(section(html, "range")) == {"Batik Legok"}
    LocationStock.objects.filter(product=shelves["products"]["legok"]).update(quantity=0)
    entry = LocationStock.objects.get(product=shelves["products"]["legok"])
    entry.status = LocationStock.Status.RETIRED
    entry.save()
    html = client.get("/rppkum/").content.decode()
    assert card_names(section(html, "range")) == set()


@pytest.mark.parametrize("path", ["/outlet-bandara/", "/outlet-bandara/?kategori=keripik-camilan"])
def test_a_product_taken_off_the_outlet_shelf_is_gone_on_the_next_visit(client, shelves, path):
    assert "Keripik Tempe" in card_names(section(client.get(path).content.decode(), "shelf"))
    entry = LocationStock.objects.get(product=shelves["products"]["tempe"])
    entry.status = LocationStock.Status.RETIRED
    entry.save()
    assert "Keripik Tempe" not in card_names(section(client.get(path).content.decode(), "shelf"))


def test_a_product_put_on_the_shelf_shows_on_the_next_visit(client, shelves):
    client.get("/outlet-bandara/")
    shelve(shelves["airport"], shelves["products"]["legok"])
    html = client.get("/outlet-bandara/").content.decode()
    assert "Batik Legok" in card_names(section(html, "shelf"))


def picks_and_makers(html):
    picks = re.search(r'id="featured-products-title".*?</section>', html, re.S)
    makers = re.search(r'id="featured-vendors-title".*?</section>', html, re.S)
    return (picks.group(0) if picks else ""), (makers.group(0) if makers else "")


def test_a_pick_or_maker_no_longer_public_is_gone_on_the_next_visit(client, shelves):
    with_picks(shelves)
    tas = shelves["products"]["tas"]
    picks, makers = picks_and_makers(client.get("/rppkum/").content.decode())
    assert "Tas Anyaman Pandan" in card_names(picks)
    assert tas.vendor.name in makers

    tas.status = Product.Status.ARCHIVED
    tas.save()
    picks, makers = picks_and_makers(client.get("/rppkum/").content.decode())
    assert "Tas Anyaman Pandan" not in card_names(picks)
    assert tas.vendor.name in makers

    tas.vendor.status = Vendor.Status.SUSPENDED
    tas.vendor.save()
    picks, makers = picks_and_makers(client.get("/rppkum/").content.decode())
    assert tas.vendor.name not in makers


@pytest.mark.parametrize("path", ["/rppkum/", "/outlet-bandara/"])
def test_a_location_change_shows_on_the_next_visit(client, shelves, path):
    client.get(path)
    for location in (shelves["rppkum"], shelves["airport"]):
        location.closes_at = datetime.time(21, 30)
        location.save()
    assert '<time datetime="21:30">' in client.get(path).content.decode()


@pytest.mark.parametrize("page_class", ["ShowroomPage", "OutletPage"])
def test_an_editors_preview_shows_the_unpublished_draft(client, shelves, page_class):
    """The pages' parts are kept per content generation; a preview, whose content is not
    published, is rendered afresh every time and kept for no one."""
    from catalog import pages

    page = getattr(pages, page_class).objects.get(locale__language_code="id")
    client.get(page.url)  # the published page's parts are kept
    for intro in ("Buka juga hari Minggu.", "Tutup hari Senin."):
        page.intro = intro
        preview = page.make_preview_request().content.decode()
        assert intro in preview
    assert "Tutup hari Senin." not in client.get(page.url).content.decode()
