"""Bulk (tier) prices: the product page shows them, so the cart, the checkout summary, the
order lines' snapshot and the totals charge the tier price the quantity reaches. All on
the server; tested just below, at and above each tier."""

import pytest
from django.utils import translation

from catalog.models import TierPrice
from orders.models import OrderLine
from orders.services.cart import cart_groups
from orders.services.checkout import place_order
from tests.factories import ProductFactory
from tests.orders.helpers import cart_with, delivery_checkout

pytestmark = pytest.mark.django_db

LIST_PRICE, TIER_20, TIER_100 = 81000, 72900, 64800


@pytest.fixture
def wholesale():
    product = ProductFactory(
        name="Keripik Tempe Grosir", name_en="Tempeh Chips Wholesale", price=LIST_PRICE, stock=500
    )
    TierPrice.objects.create(product=product, min_quantity=20, price=TIER_20)
    TierPrice.objects.create(product=product, min_quantity=100, price=TIER_100)
    return product


BOUNDARIES = [
    (1, LIST_PRICE),
    (19, LIST_PRICE),
    (20, TIER_20),
    (21, TIER_20),
    (99, TIER_20),
    (100, TIER_100),
    (101, TIER_100),
]


@pytest.mark.parametrize(("quantity", "unit_price"), BOUNDARIES)
def test_an_order_charges_the_tier_price_the_quantity_reaches(wholesale, quantity, unit_price):
    order = place_order(cart_with((wholesale, quantity)), delivery_checkout())
    line = OrderLine.objects.get(part__order=order)
    assert line.unit_price == unit_price
    assert line.line_total == unit_price * quantity
    part = order.parts.get()
    assert part.subtotal == unit_price * quantity
    assert order.subtotal == unit_price * quantity
    assert order.total == unit_price * quantity + order.shipping_total


@pytest.mark.parametrize(("quantity", "unit_price"), BOUNDARIES)
def test_the_cart_shows_and_adds_up_the_unit_price_applied(client, wholesale, quantity, unit_price):
    client.post("/en/keranjang/tambah/", {"product": wholesale.pk, "quantity": str(quantity)})
    html = client.get("/en/keranjang/").content.decode()
    line = html[html.index("data-unit-price") : html.index("shop-line-total")]
    price = f"Rp\xa0{unit_price:,}".replace(",", ".")
    assert f'<span class="price">{price}</span>' in line
    total = f"Rp\xa0{unit_price * quantity:,}".replace(",", ".")
    assert f"<strong data-total>{total}</strong>" in html
    if unit_price == LIST_PRICE:
        assert "data-bulk-price" not in line
    else:
        tier = 20 if unit_price == TIER_20 else 100
        assert f"Bulk price for {tier} or more (list price Rp\xa081.000)" in line


def test_the_checkout_summary_uses_the_tier_price(client, wholesale):
    client.post("/en/keranjang/tambah/", {"product": wholesale.pk, "quantity": "20"})
    html = client.get("/en/checkout/").content.decode()
    summary = html[html.index("data-summary") :]
    assert "20 × Tempeh Chips Wholesale" in summary
    assert "(Rp\xa072.900 / 250 g, bulk price)" in summary
    assert "<dd data-total-pickup>Rp\xa01.458.000</dd>" in summary


def test_a_tier_no_lower_than_the_list_price_is_never_charged(wholesale):
    wholesale.price = 70000  # the list price fell below the 20-item tier
    wholesale.save()
    order = place_order(cart_with((wholesale, 20)), delivery_checkout())
    assert OrderLine.objects.get(part__order=order).unit_price == 70000


def test_the_cart_group_and_line_read_the_same_prices(wholesale):
    cart = cart_with((wholesale, 20), (ProductFactory(vendor=wholesale.vendor, price=5000), 3))
    with translation.override("en"):
        (group,) = cart_groups(cart)
    assert [item.unit_price for item in group.items] == [TIER_20, 5000]
    assert group.subtotal == 20 * TIER_20 + 3 * 5000
