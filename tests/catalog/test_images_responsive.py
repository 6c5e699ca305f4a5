"""Photos are sized for the screen (srcset/sizes) and the first row of cards, the page's
likely Largest Contentful Paint, is fetched at once; every other photo lazily."""

import re

import pytest
from django.core.cache import cache

from catalog.models import ProductImage
from tests.catalog.helpers import photo
from tests.factories import CategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db

CARD_SIZES = (
    "(min-width: 72rem) 17rem, (min-width: 64rem) calc(25vw - 1.25rem), "
    "(min-width: 40rem) calc(33vw - 1.3rem), calc(50vw - 1.4rem)"
)


def big_photo(name):
    return photo(name, size=(800, 800))


@pytest.fixture
def shelf():
    """Six public products of one vendor (whose name and logo search finds) in one category,
    each with an 800 px photo."""
    vendor = VendorFactory(name="Keripik Bu Sari", logo=big_photo("logo.jpg"))
    category = CategoryFactory()
    products = []
    for i in range(6):
        product = ProductFactory(
            vendor=vendor, category=category, name=f"Keripik {i}", slug=f"keripik-{i}"
        )
        ProductImage.objects.create(product=product, image=big_photo(f"p{i}.jpg"))
        products.append(product)
    return products


def card_photos(html):
    """The <img> of each product card, in page order."""
    cards = re.findall(r'<li class="product-card[^"]*">(.*?)</li>', html, re.S)
    return [re.search(r"<img [^>]*>", card).group(0) for card in cards]


def attr(tag, name):
    found = re.search(rf' {name}="([^"]*)"', tag)
    return found.group(1) if found else None


def widths(tag):
    return [int(w) for w in re.findall(r" (\d+)w(?:,|$)", attr(tag, "srcset") or "")]


def test_card_photos_offer_three_widths_sized_to_the_grid_keeping_size_and_alt(client, shelf):
    photos = card_photos(client.get("/katalog/").content.decode())
    assert len(photos) == 6
    for tag in photos:
        assert widths(tag) == [200, 320, 480]
        assert attr(tag, "sizes") == CARD_SIZES
        assert (attr(tag, "width"), attr(tag, "height")) == ("400", "400")
        assert attr(tag, "alt")  # the photo's alt text (its title when none was written)
        assert ".webp" in attr(tag, "src")


def priorities(html):
    return [(attr(tag, "loading"), attr(tag, "fetchpriority")) for tag in card_photos(html)]


FIRST_ROW = [
    ("eager", "high"),
    ("eager", "high"),
    ("eager", None),
    ("eager", None),
    ("lazy", None),
    ("lazy", None),
]


@pytest.mark.parametrize(
    "path",
    ["/katalog/", "/en/katalog/", "/cari/?q=keripik", "vendor"],
)
def test_the_first_row_of_cards_loads_at_once_the_rest_lazily(client, shelf, path):
    """Rendered from scratch, then from the cached cards: the same places get the same
    priority (a card cached at place 6 shows eagerly at place 1 on another page)."""
    path = shelf[0].vendor.get_absolute_url() if path == "vendor" else path
    first = client.get(path).content.decode()
    assert priorities(first) == FIRST_ROW
    second = client.get(path).content.decode()
    assert priorities(second) == FIRST_ROW


def test_a_cached_card_shown_later_on_another_page_is_lazy_again(client, shelf, settings):
    settings.CATALOG_PAGE_SIZE = 2
    assert priorities(client.get("/katalog/").content.decode()) == FIRST_ROW[:2]
    # The same cards on the vendor's page, where they are the 5th and 6th: cached while
    # eager on the catalog, lazy here.
    html = client.get(shelf[0].vendor.get_absolute_url()).content.decode()
    assert priorities(html)[4:] == [("lazy", None), ("lazy", None)]


def test_the_product_page_main_photo_is_eager_high_priority_and_sized_related_lazy(client, shelf):
    product = shelf[0]
    for i in range(2):
        ProductImage.objects.create(product=product, image=big_photo(f"extra{i}.jpg"))
    html = client.get(product.get_absolute_url()).content.decode()
    gallery = re.findall(r"<img [^>]*>", html[html.index('class="gallery"') :])[:3]
    main, *thumbs = gallery
    assert (attr(main, "loading"), attr(main, "fetchpriority")) == ("eager", "high")
    assert widths(main) == [360, 540, 720]
    assert attr(main, "sizes") == (
        "(min-width: 72rem) 34rem, (min-width: 48rem) calc(50vw - 2rem), calc(100vw - 2rem)"
    )
    assert (attr(main, "width"), attr(main, "height")) == ("720", "720")
    assert attr(main, "alt")
    for thumb in thumbs:
        assert attr(thumb, "loading") == "lazy" and attr(thumb, "fetchpriority") is None
        assert widths(thumb) == [120, 240]
        assert attr(thumb, "sizes")
    # The related products, below the product: lazy, none competing with the main photo.
    assert priorities(html) == [("lazy", None)] * 4


def test_vendor_cards_offer_two_widths_of_the_logo(client, shelf):
    html = client.get("/cari/", {"q": "keripik"}).content.decode()
    grid = html[html.index('class="vendor-grid"') :]
    logo = re.search(r"<img [^>]*>", grid).group(0)
    assert widths(logo) == [160, 300]
    assert attr(logo, "sizes") == CARD_SIZES
    assert attr(logo, "loading") == "lazy"
    assert (attr(logo, "width"), attr(logo, "height")) == ("300", "300")


@pytest.mark.parametrize("photos", [1, 4])
def test_the_product_page_queries_do_not_grow_with_its_photos(
    client, shelf, settings, django_assert_num_queries, photos
):
    """Every width of every photo comes from the renditions read with the product."""
    settings.PAGE_CACHE_SECONDS = 0
    product = shelf[0]
    for i in range(photos - 1):
        ProductImage.objects.create(product=product, image=big_photo(f"extra{i}.jpg"))
    client.get(product.get_absolute_url())  # renditions are generated once, on the first view
    cache.clear()
    with django_assert_num_queries(QUERIES_PER_PRODUCT_PAGE):
        client.get(product.get_absolute_url())


# Every cache empty (cards and related products read afresh); warm, it is 5
# (tests/catalog/test_product_page_queries.py).
QUERIES_PER_PRODUCT_PAGE = 10
