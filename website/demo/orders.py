"""A few orders in different states, through the same services as the site."""

import datetime

from django.utils import timezone

from catalog.models import Location, Product
from orders.models import Cart, CartItem, Order, OutletAssignment
from orders.services.checkout import Checkout, place_order
from orders.services.fulfilment import advance_part
from orders.services.payment import mark_paid
from website.demo.people import seed_outlet_user

BUYERS = [
    ("Ayu Lestari", "ayu@example.com", "6281311112222"),
    ("Budi Santoso", "budi@example.com", "6281233334444"),
    ("Clara Wijaya", "clara@example.com", "6285755556666"),
]


def seed_orders(admin):
    """A paid airport pickup, a shipped delivery and an unpaid outlet pickup."""
    if Order.objects.exists():
        return
    outlet_user = seed_outlet_user()
    airport = Location.objects.get(slug="sentral-oleh-oleh-t3")
    OutletAssignment.objects.get_or_create(user=outlet_user, location=airport)
    airport_items, seller_products = products_to_order(airport)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    place_paid(
        airport_items,
        BUYERS[0],
        fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
        payment_method=Order.Payment.CARD,
        flight_number="GA404",
        departure_at=at(tomorrow, 13, 30),
        pickup_at=at(tomorrow, 10, 30),
    )
    order = place_paid(
        seller_products[1:3],
        BUYERS[1],
        fulfilment=Order.Fulfilment.DELIVERY,
        payment_method=Order.Payment.CARD,
        address="Jl. Citra Raya Boulevard No. 8, Cikupa, Kabupaten Tangerang",
    )
    part = order.parts.first()
    advance_part(part, admin, "shipped", "JNE CGK1234567890")
    place(
        seller_products[3:4],
        BUYERS[2],
        fulfilment=Order.Fulfilment.PICKUP_RPPKUM,
        payment_method=Order.Payment.AT_OUTLET,
    )


def products_to_order(airport):
    """For the airport pickup: one product on the Terminal 3 shelf and one of the demo
    vendor's, which it may bring to the airport; and the demo vendor's products in stock."""
    on_t3 = list(
        Product.objects.public()
        .filter(shelf_stock__location=airport, shelf_stock__status="accepted", stock__gt=2)
        .order_by("vendor_id")
    )
    seller_products = list(
        Product.objects.public().filter(vendor__slug="keripik-tempe-bu-sari", stock__gt=2)
    )
    for product in seller_products[:1]:
        Product.objects.filter(pk=product.pk).update(bringable_to_airport=True)
    airport_items = [p for p in on_t3 if p.vendor.slug != "keripik-tempe-bu-sari"][:1]
    airport_items += seller_products[:1]
    return airport_items, seller_products


def place_paid(products, buyer, **checkout):
    """An order placed and paid by card."""
    order = place(products, buyer, **checkout)
    mark_paid(order, amount=order.total, currency="idr", source="demo")
    return order


def place(products, buyer, **checkout):
    """One order of ``products`` (one of each) by ``buyer``, through checkout's service."""
    name, email, whatsapp = buyer
    return place_order(
        cart_of(*products),
        Checkout(name=name, email=email, whatsapp=whatsapp, **checkout),
    )


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def cart_of(*products):
    cart = Cart.objects.create()
    for product in products:
        CartItem.objects.create(cart=cart, product=product, quantity=1)
    return cart
