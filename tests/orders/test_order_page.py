"""The private order page (/pesanan/<token>/): found only by its token, never indexed or
leaked through the Referer header, saying in words where the order stands and what to do
next, and never showing an order as paid because the browser came back from Stripe.

Pages are requested on the English paths (/en/…), so the assertions read the msgids."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import Location, Product
from orders.models import Cart, CartItem, Order, OrderEvent, OrderPart
from orders.services.checkout import Checkout, place_order
from orders.services.fulfilment import advance_part
from orders.services.payment import mark_paid
from tests.factories import MembershipFactory, ProductFactory, VendorFactory

pytestmark = pytest.mark.django_db

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def place(*pairs, **checkout) -> Order:
    cart = Cart.objects.create()
    for product, quantity in pairs:
        CartItem.objects.create(cart=cart, product=product, quantity=quantity)
    data = {
        "name": "Rina",
        "email": "rina@example.com",
        "whatsapp": "6281234567890",
        "fulfilment": Order.Fulfilment.DELIVERY,
        "payment_method": Order.Payment.CARD,
        "address": "Jl. Melati 1, Legok",
    }
    data.update(checkout)
    return place_order(cart, Checkout(**data))


def card_order() -> Order:
    a = ProductFactory(vendor=VendorFactory(name="Usaha A"), name="Keripik Pisang", price=20000)
    b = ProductFactory(vendor=VendorFactory(name="Usaha B"), name="Dodol Betawi", price=35000)
    return place((a, 2), (b, 1))


def airport_order() -> Order:
    airport = Location.objects.create(
        slug="sentral-oleh-oleh-t3",
        name="Sentral Oleh-Oleh T3",
        kind="airport",
        address="Terminal 3, Bandara Soekarno-Hatta",
        where_en="Terminal 3 Departures, after the security check",
        opens_at=datetime.time(5),
        closes_at=datetime.time(22),
    )
    product = ProductFactory(bringable_to_airport=True)
    day = timezone.localdate() + datetime.timedelta(days=1)
    order = place(
        (product, 1),
        fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
        payment_method=Order.Payment.AT_OUTLET,
        address="",
        flight_number="QZ 7510",
        pickup_at=datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=JAKARTA),
        departure_at=datetime.datetime.combine(day, datetime.time(13, 15), tzinfo=JAKARTA),
    )
    assert order.pickup_location == airport
    return order


def test_a_wrong_token_is_not_found(client):
    order = card_order()
    assert client.get(en("orders:detail", "not-the-right-token-0123456789")).status_code == 404
    assert client.get(en("orders:detail", order.token[:-1])).status_code == 404
    assert client.post(en("orders:pay", "not-the-right-token-0123456789")).status_code == 404


def test_the_right_token_shows_the_order_privately(client):
    order = card_order()
    response = client.get(en("orders:detail", order.token))
    assert response.status_code == 200
    assert (
        response["Referrer-Policy"] == "same-origin"
    )  # the token never leaves our site; forms keep their Origin
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert f'<span class="shop-number" data-number>{order.number}</span>' in html
    assert 'data-status="pending_payment"' in html
    assert "Waiting for your card payment." in html
    assert client.get(f"/pesanan/{order.token}/").status_code == 200


def test_coming_back_from_stripe_never_shows_the_order_as_paid(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    order = card_order()
    html = client.get(en("orders:detail", order.token) + "?bayar=selesai").content.decode()
    assert "We are confirming your payment with the bank and Stripe." in html
    assert 'data-status="pending_payment"' in html
    assert 'data-status="paid"' not in html
    assert ">Paid<" not in html
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.paid_at is None


def test_leaving_stripe_keeps_the_order_payable(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    order = card_order()
    html = client.get(en("orders:detail", order.token) + "?bayar=batal").content.decode()
    assert "data-payment-cancelled" in html
    assert "data-pay-now" in html
    assert f'action="{en("orders:pay", order.token)}"' in html


def test_pay_now_is_offered_only_while_stripe_is_set_up(client, settings):
    order = card_order()
    html = client.get(en("orders:detail", order.token)).content.decode()
    assert "data-pay-now" not in html
    assert "data-card-unavailable" in html
    response = client.post(en("orders:pay", order.token))
    assert response["Location"] == en("orders:detail", order.token)
    order.refresh_from_db()
    assert order.stripe_session_id == ""


def test_a_paid_order_says_so_and_cannot_be_paid_again(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    order = card_order()
    mark_paid(order, amount=order.total, currency="idr", source="test")
    response = client.get(en("orders:detail", order.token) + "?bayar=selesai")
    html = response.content.decode()
    assert 'data-status="paid"' in html
    assert "data-confirming" not in html
    assert "data-pay-now" not in html
    response = client.post(en("orders:pay", order.token))
    assert response["Location"] == en("orders:detail", order.token)


def test_the_page_shows_each_vendors_part_with_snapshot_names_and_prices(client):
    order = card_order()
    fee = order.shipping_total // 2
    Product.objects.update(name="Renamed", price=99000)
    part = order.parts.get(vendor__name="Usaha A")
    user = MembershipFactory(vendor=part.vendor).user
    mark_paid(order, amount=order.total, currency="idr", source="test")
    advance_part(part, user, OrderPart.Status.SHIPPED, "JNE 0123456789")

    html = client.get(en("orders:detail", order.token)).content.decode()
    assert html.count("data-part=") == 2
    assert "2 × Keripik Pisang" in html and "1 × Dodol Betawi" in html
    assert "Renamed" not in html
    assert "Rp\xa020.000" in html and "Rp\xa099.000" not in html
    assert 'data-part-status="shipped"' in html
    assert 'data-part-status="processing"' in html
    assert '<p class="note" data-tracking>JNE 0123456789</p>' in html
    total = f"{75000 + 2 * fee:,}".replace(",", ".")
    assert f'<dd class="shop-chosen" data-total>Rp\xa0{total}</dd>' in html
    assert "Jl. Melati 1, Legok" in html


def test_the_history_is_shown_in_jakarta_time(client):
    order = card_order()
    OrderEvent.objects.create(
        order=order,
        message="Checked by the office",
        created_at=datetime.datetime(2025, 3, 1, 1, 30, tzinfo=datetime.UTC),
    )
    html = client.get(en("orders:detail", order.token)).content.decode()
    history = html[html.index("data-history") :]
    assert "1 Mar 2025, 08.30</time> WIB" in history
    assert "Checked by the office" in history
    assert "Order placed; stock reserved" in history


def test_a_terminal_3_pickup_shows_where_when_and_the_flight(client):
    order = airport_order()
    html = client.get(en("orders:detail", order.token)).content.decode()
    assert "data-pay-at-outlet" in html
    assert "Terminal 3 Departures, after the security check" in html
    assert "10.30</time> WIB" in html
    assert "QZ7510" in html and "13.15 WIB" in html
    assert "data-pay-now" not in html


def test_the_page_is_in_indonesian_at_the_root_and_english_under_en(client):
    order = card_order()
    english = client.get(en("orders:detail", order.token)).content.decode()
    indonesian = client.get(f"/pesanan/{order.token}/").content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="id">' in indonesian
    assert order.number in indonesian


def test_the_english_page_lists_the_english_names_the_cart_showed(client):
    product = ProductFactory(name="Keripik Pisang", name_en="Banana Chips", price=20000)
    plain = ProductFactory(name="Dodol Betawi", name_en="", price=35000)
    order = place((product, 2), (plain, 1))
    Product.objects.filter(pk=product.pk).update(name_en="Renamed Later")

    english = client.get(en("orders:detail", order.token)).content.decode()
    assert "2 × Banana Chips" in english  # the snapshot, not today's name
    assert "Keripik Pisang" not in english and "Renamed Later" not in english
    assert "1 × Dodol Betawi" in english  # no English name: the one it has
    indonesian = client.get(f"/pesanan/{order.token}/").content.decode()
    assert "2 × Keripik Pisang" in indonesian and "Banana Chips" not in indonesian


def test_whatsapp_numbers_read_as_plus_62_and_link_to_the_vendor_and_the_outlet(client):
    order = airport_order()
    Location.objects.filter(pk=order.pickup_location_id).update(whatsapp="081199887766")
    vendor = order.parts.get().vendor
    vendor.whatsapp = "6281234567890"
    vendor.save()

    html = client.get(en("orders:detail", order.token)).content.decode()
    part = html[html.index("data-part=") :]
    assert (
        '<a href="https://wa.me/6281234567890" rel="noopener noreferrer" data-whatsapp>'
        "+62\xa0812-3456-7890</a>"
    ) in part
    place = html[html.index("data-pickup-place") : html.index("data-pickup-at")]
    assert '<a href="https://wa.me/6281199887766"' in place and "+62\xa0811-9988-7766" in place
    assert "WhatsApp +62\xa0812-3456-7890</dd>" in html  # the buyer's own number, no link
    assert "6281234567890<" not in html


def pickup_place(response) -> str:
    html = response.content.decode()
    start = html.index("data-pickup-place")
    return html[start : html.index("</dd>", start)]


def test_the_terminal_3_outlet_is_named_once_where_the_address_repeats_it(client):
    order = airport_order()
    Location.objects.filter(pk=order.pickup_location_id).update(
        where="Terminal 3 Keberangkatan",
        where_en="Terminal 3 Departures",
        address="Terminal 3 Keberangkatan, Bandara Internasional Soekarno-Hatta, Banten",
    )
    place = pickup_place(client.get(f"/pesanan/{order.token}/"))
    assert place.count("Terminal 3 Keberangkatan") == 1
    assert "Bandara Internasional Soekarno-Hatta, Banten" in place
    place = pickup_place(client.get(en("orders:detail", order.token)))
    assert "Terminal 3 Departures" in place and "Keberangkatan" not in place
