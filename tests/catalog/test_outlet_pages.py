"""The RPPKUM showroom page (/rppkum/) and the Terminal 3 outlet page (/outlet-bandara/):
both languages, only public products on the shelf, the category filter, best-before dates,
the editors' picks, and a query count that does not grow with the shelf."""

import datetime
import re

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page

from catalog.demo_pages import create_outlet_pages
from catalog.models import Location, LocationStock, Product, ProductImage
from catalog.pages import OutletPage, ShowroomPage
from tests.catalog.helpers import photo, products_with_photos
from tests.conftest import FROZEN_DAY
from tests.factories import CategoryFactory, ProductFactory, VendorFactory
from vendors.models import Vendor
from website.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]

TODAY = FROZEN_DAY


def card_names(html):
    return set(re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html))


def section(html, section_id):
    match = re.search(rf'<section id="{section_id}".*?</section>', html, re.S)
    assert match, f"no section #{section_id}"
    return match.group(0)


def make_locations():
    rppkum = Location.objects.create(
        name="RPPKUM Legok",
        slug="rppkum-legok",
        kind=Location.Kind.SHOWROOM,
        address="Kecamatan Legok, Kabupaten Tangerang",
        where="Ruang pamer di lantai dasar",
        where_en="The showroom on the ground floor",
        opens_at=datetime.time(8),
        closes_at=datetime.time(16),
        hours_note="Senin–Sabtu",
        hours_note_en="Monday to Saturday",
        latitude="-6.292600",
        longitude="106.598000",
        review_every_months=6,
    )
    airport = Location.objects.create(
        name="Sentral Oleh-Oleh Terminal 3",
        slug="sentral-oleh-oleh-t3",
        kind=Location.Kind.AIRPORT,
        address="Terminal 3 Keberangkatan, Bandara Soekarno-Hatta",
        where="Terminal 3 Keberangkatan",
        where_en="Terminal 3 Departures",
        opens_at=datetime.time(5),
        closes_at=datetime.time(22),
        hours_note="Setiap hari",
        hours_note_en="Every day",
        review_every_months=3,
    )
    return rppkum, airport


def shelve(location, product, **fields):
    values = {"status": LocationStock.Status.ACCEPTED, "quantity": 5, "shelf": "Rak A1"}
    values.update(fields)
    return LocationStock.objects.create(location=location, product=product, **values)


def homes():
    return (
        HomePage.objects.get(locale__language_code="id"),
        HomePage.objects.get(locale__language_code="en"),
    )


@pytest.fixture
def shelves():
    return make_shelves()


def make_shelves():
    rppkum, airport = make_locations()
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", name_en="Food")
    chips = CategoryFactory(slug="keripik-camilan", name="Keripik", name_en="Chips", parent=food)
    craft = CategoryFactory(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    maker = VendorFactory(name="Bu Sari")
    suspended = VendorFactory(name="Dibekukan", status=Vendor.Status.SUSPENDED)
    p = {
        "tempe": ProductFactory(vendor=maker, category=chips, name="Keripik Tempe"),
        "tas": ProductFactory(vendor=maker, category=craft, name="Tas Anyaman Pandan"),
        "draft": ProductFactory(
            vendor=maker, category=chips, name="Keripik Draf", status=Product.Status.DRAFT
        ),
        "suspended": ProductFactory(vendor=suspended, category=chips, name="Keripik Beku"),
        "retired": ProductFactory(vendor=maker, category=chips, name="Keripik Pensiun"),
        "stale": ProductFactory(vendor=maker, category=chips, name="Keripik Kedaluwarsa"),
        "proposed": ProductFactory(vendor=maker, category=craft, name="Tikar Diusulkan"),
        "empty": ProductFactory(vendor=maker, category=craft, name="Caping Habis"),
        "legok": ProductFactory(vendor=maker, category=craft, name="Batik Legok"),
    }
    shelve(airport, p["tempe"], shelf="Rak B2", best_before=TODAY + datetime.timedelta(days=30))
    shelve(airport, p["tas"], best_before=None)
    shelve(airport, p["draft"])
    shelve(airport, p["suspended"])
    shelve(airport, p["retired"], status=LocationStock.Status.RETIRED)
    shelve(airport, p["stale"], best_before=TODAY - datetime.timedelta(days=1))
    shelve(airport, p["proposed"], status=LocationStock.Status.PROPOSED, quantity=0)
    shelve(airport, p["empty"], quantity=0)
    shelve(rppkum, p["legok"])
    shelve(rppkum, p["draft"])
    create_outlet_pages(*homes())
    return {"rppkum": rppkum, "airport": airport, "products": p}


# Both pages, both languages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language", "text"),
    [
        ("/rppkum/", "id", "pusat belajar, pengembangan, dan inkubasi"),
        ("/en/rppkum/", "en", "a centre for learning, development and incubation"),
        ("/outlet-bandara/", "id", "Terminal 3 Keberangkatan"),
        ("/en/outlet-bandara/", "en", "Terminal 3 Departures"),
    ],
)
def test_pages_answer_in_indonesian_and_in_english(client, shelves, path, language, text):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html
    assert "css/outlets.css" in html


def test_english_pages_are_translations_of_the_indonesian_ones(shelves):
    english = Locale.objects.get(language_code="en")
    for page_class, slug in ((ShowroomPage, "rppkum"), (OutletPage, "outlet-bandara")):
        source = page_class.objects.get(locale__language_code="id")
        translated = source.get_translation(english)
        assert translated.live and source.live
        assert translated.slug == source.slug == slug
        assert translated.location_id == source.location_id
        assert translated.get_parent().specific == homes()[1]


def test_demo_pages_are_created_once(shelves):
    create_outlet_pages(*homes())
    assert ShowroomPage.objects.count() == 2  # Indonesian and English
    assert OutletPage.objects.count() == 2


def test_page_types_live_under_the_home_page_only_once(shelves):
    home_id, _home_en = homes()
    assert ShowroomPage.parent_page_types == ["website.HomePage"]
    assert OutletPage.subpage_types == [] and ShowroomPage.subpage_types == []
    assert not ShowroomPage.can_create_at(home_id)
    assert not OutletPage.can_create_at(home_id)
    assert not OutletPage.can_create_at(Page.objects.get(depth=1))


def test_visit_information_comes_from_the_location(client, shelves):
    html = client.get("/rppkum/").content.decode()
    assert "Senin–Sabtu" in html
    assert "Ruang pamer di lantai dasar" in html
    assert "https://www.openstreetmap.org/?mlat=-6.292600&amp;mlon=106.598000#map=17" in html
    english = client.get("/en/rppkum/").content.decode()
    assert "Monday to Saturday" in english
    assert "The showroom on the ground floor" in english


# The outlet's shelf ---------------------------------------------------------------------


def test_outlet_lists_only_public_products_on_the_shelf_now(client, shelves):
    shelf = section(client.get("/outlet-bandara/").content.decode(), "shelf")
    assert card_names(shelf) == {"Keripik Tempe", "Tas Anyaman Pandan"}


def test_outlet_shows_shelf_label_and_best_before(client, shelves):
    shelf = section(client.get("/outlet-bandara/").content.decode(), "shelf")
    best_before = (TODAY + datetime.timedelta(days=30)).isoformat()
    assert f'data-best-before="{best_before}"' in shelf
    assert shelf.count("data-best-before=") == 1  # the bag has none
    assert "Rak B2" in shelf


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kategori=makanan-minuman", {"Keripik Tempe"}),
        ("kategori=keripik-camilan", {"Keripik Tempe"}),
        ("kategori=kerajinan", {"Tas Anyaman Pandan"}),
        ("", {"Keripik Tempe", "Tas Anyaman Pandan"}),
    ],
)
def test_outlet_filters_by_category(client, shelves, query, expected):
    shelf = section(client.get(f"/outlet-bandara/?{query}").content.decode(), "shelf")
    assert card_names(shelf) == expected


def test_outlet_category_links_work_without_javascript(client, shelves):
    shelf = section(client.get("/outlet-bandara/").content.decode(), "shelf")
    assert 'href="?kategori=makanan-minuman#shelf"' in shelf
    assert 'href="?kategori=keripik-camilan#shelf"' in shelf
    assert 'href="?kategori=kerajinan#shelf"' in shelf
    # A category with nothing on this shelf is not offered.
    CategoryFactory(slug="batik", name="Batik")
    assert "kategori=batik" not in client.get("/outlet-bandara/").content.decode()


def test_unknown_category_is_ignored_with_a_note(client, shelves):
    response = client.get("/outlet-bandara/?kategori=tidak-ada")
    assert response.status_code == 200
    shelf = section(response.content.decode(), "shelf")
    assert card_names(shelf) == {"Keripik Tempe", "Tas Anyaman Pandan"}
    assert re.search(r'class="message".*tidak-ada', shelf, re.S)


def test_outlet_shows_an_empty_state(client, shelves):
    LocationStock.objects.filter(location=shelves["airport"]).delete()
    response = client.get("/outlet-bandara/")
    assert response.status_code == 200
    assert 'class="empty"' in section(response.content.decode(), "shelf")


def test_outlet_paginates_and_keeps_the_category(client, shelves, settings):
    settings.CATALOG_PAGE_SIZE = 1
    chips = shelves["products"]["tempe"].category
    shelve(shelves["airport"], ProductFactory(category=chips, name="Keripik Singkong"))
    html = client.get("/outlet-bandara/?kategori=keripik-camilan").content.decode()
    assert len(card_names(section(html, "shelf"))) == 1
    assert "?kategori=keripik-camilan&amp;page=2" in html
    second = client.get("/outlet-bandara/?kategori=keripik-camilan&page=2").content.decode()
    assert len(card_names(section(second, "shelf"))) == 1
    assert client.get("/outlet-bandara/?page=abc").status_code == 200
    assert client.get("/outlet-bandara/?page=999").status_code == 200


@pytest.mark.parametrize("count", [5, 20])
def test_outlet_query_count_does_not_grow_with_the_shelf(
    client, shelves, django_assert_num_queries, count, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    LocationStock.objects.filter(location=shelves["airport"]).delete()
    for n, product in enumerate(products_with_photos(count)):
        shelve(shelves["airport"], product, best_before=TODAY + datetime.timedelta(days=n + 1))
    client.get("/outlet-bandara/")  # renditions are generated once, on the first view
    cache.clear()  # then rendered from scratch (the tests run with the page cache off)
    client.get("/katalog/")  # with the same products' catalog cards already cached
    with django_assert_num_queries(QUERIES_PER_OUTLET_PAGE):
        response = client.get("/outlet-bandara/")
    assert response.content.decode().count('class="product-card shelf-item"') == count


QUERIES_PER_OUTLET_PAGE = 18  # the page's ids, then only the shelf items not cached are read


def test_outlet_reads_no_product_whose_shelf_item_is_cached(
    client, shelves, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    for product in products_with_photos(12):
        shelve(shelves["airport"], product)
    first = client.get("/outlet-bandara/").content.decode()
    with django_assert_num_queries(QUERIES_PER_OUTLET_PAGE_ITEMS_CACHED):
        second = client.get("/outlet-bandara/").content.decode()
    assert card_names(section(second, "shelf")) == card_names(section(first, "shelf"))
    assert len(card_names(section(second, "shelf"))) >= 12  # with the fixture's own


QUERIES_PER_OUTLET_PAGE_ITEMS_CACHED = 0  # routing, location and ids kept per generation


# The showroom -----------------------------------------------------------------------------


def test_showroom_range_is_its_own_shelf_of_public_products(client, shelves):
    html = client.get("/rppkum/").content.decode()
    assert card_names(section(html, "range")) == {"Batik Legok"}


@pytest.mark.parametrize("count", [5, 20])
def test_showroom_query_count_does_not_grow_with_the_range_or_the_picks(
    client, shelves, django_assert_num_queries, count, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    LocationStock.objects.filter(location=shelves["rppkum"]).delete()
    products = products_with_photos(count)
    for product in products:
        shelve(shelves["rppkum"], product)
    page = ShowroomPage.objects.get(locale__language_code="id")
    page.featured_products = [("product", product) for product in products[: count // 2]]
    page.featured_vendors = [("vendor", product.vendor) for product in products[:3]]
    page.save_revision().publish()
    client.get("/rppkum/")  # renditions are generated once, on the first view
    cache.clear()  # then rendered from scratch (the tests run with the page cache off)
    with django_assert_num_queries(QUERIES_PER_SHOWROOM_PAGE):
        response = client.get("/rppkum/")
    assert response.content.decode().count('class="product-card"') == count + count // 2


QUERIES_PER_SHOWROOM_PAGE = 24  # the range's and the picks' ids, then uncached cards


def test_showroom_range_shows_an_empty_state(client, shelves):
    LocationStock.objects.filter(location=shelves["rppkum"]).delete()
    html = client.get("/rppkum/").content.decode()
    assert 'class="empty"' in section(html, "range")


def test_editors_picks_show_only_while_public(client, shelves):
    page = ShowroomPage.objects.get(locale__language_code="id")
    p = shelves["products"]
    hidden_vendor = p["suspended"].vendor
    page.featured_products = [("product", p[name]) for name in ("tas", "draft", "suspended")]
    page.featured_vendors = [("vendor", vendor) for vendor in (p["tas"].vendor, hidden_vendor)]
    page.save_revision().publish()

    html = client.get("/rppkum/").content.decode()
    picks = re.search(r'id="featured-products-title".*?</section>', html, re.S).group(0)
    makers = re.search(r'id="featured-vendors-title".*?</section>', html, re.S).group(0)
    assert card_names(picks) == {"Tas Anyaman Pandan"}
    assert p["tas"].vendor.name in makers
    assert hidden_vendor.name not in makers

    p["tas"].status = Product.Status.ARCHIVED
    p["tas"].save()
    html = client.get("/rppkum/").content.decode()
    assert "Tas Anyaman Pandan" not in html
    assert 'id="featured-products-title"' not in html


def test_a_deleted_pick_is_skipped(client, shelves):
    page = ShowroomPage.objects.get(locale__language_code="id")
    gone = ProductFactory(name="Segera Dihapus")
    page.featured_products = [("product", gone), ("product", shelves["products"]["tas"])]
    page.save_revision().publish()
    gone.delete()
    response = client.get("/rppkum/")
    assert response.status_code == 200
    assert "Tas Anyaman Pandan" in response.content.decode()


def test_demo_picks_are_public_products_of_the_showroom(shelves):
    page = ShowroomPage.objects.get(locale__language_code="id")
    picked = [block.value for block in page.featured_products]
    assert picked == [shelves["products"]["legok"]]
    assert [block.value for block in page.featured_vendors] == [picked[0].vendor]
    english = ShowroomPage.objects.get(locale__language_code="en")
    assert [block.value for block in english.featured_products] == picked


def test_showroom_cards_use_the_photos(client, shelves):
    legok = shelves["products"]["legok"]
    ProductImage.objects.create(product=legok, image=photo("legok.jpg"), alt_text="Batik")
    html = section(client.get("/rppkum/").content.decode(), "range")
    assert 'alt="Batik"' in html
