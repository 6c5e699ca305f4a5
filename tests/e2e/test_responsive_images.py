"""The browser downloads the card photo sized for its screen: on a 360 px phone (2 device
pixels per CSS pixel) the 320 px rendition of a photo shown about 158 px wide, not a 480."""

import pytest

from catalog.models import ProductImage
from tests.catalog.helpers import photo
from tests.factories import CategoryFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db(transaction=True)

CARDS = """() => [...document.querySelectorAll('.product-card img')].map(img => ({
  src: img.currentSrc, shown: img.getBoundingClientRect().width,
  loading: img.getAttribute('loading'), priority: img.getAttribute('fetchpriority')}))"""


@pytest.mark.parametrize(
    "viewport, scale, rendition, shown",
    [
        ({"width": 360, "height": 780}, 2, "fill-320x320", 158),
        ({"width": 360, "height": 780}, 1, "fill-200x200", 158),
        ({"width": 1280, "height": 800}, 1, "fill-320x320", 267),
    ],
)
def test_the_browser_picks_the_card_photo_for_its_screen(
    live_server, browser, viewport, scale, rendition, shown
):
    vendor, category = VendorFactory(), CategoryFactory()
    for i in range(6):
        product = ProductFactory(vendor=vendor, category=category)
        ProductImage.objects.create(product=product, image=photo(f"p{i}.jpg", size=(800, 800)))
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    page.goto(live_server.url + "/katalog/")
    page.wait_for_load_state("load")
    first = page.evaluate(CARDS)[0]
    assert rendition in first["src"]
    assert abs(first["shown"] - shown) < 4  # sizes says what the grid shows
    assert (first["loading"], first["priority"]) == ("eager", "high")
    context.close()
