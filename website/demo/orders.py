"""A few orders in different states, through the same services as the site."""

import datetime

from django.utils import timezone

from catalog.models import Location, Product
from orders import services as order_services
from orders.models import Cart, CartItem, Order, OutletAssignment
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
    place_airport_pickup(airport_items)
    place_shipped_delivery(seller_products[1:3], admin)
    order_services.place_order(
        cart_of(*seller_products[3:4]),
        order_services.Checkout(
            name=BUYERS[2][0],
            email=BUYERS[2][1],
            whatsapp=BUYERS[2][2],
            fulfilment=Order.Fulfilment.PICKUP_RPPKUM,
            payment_method=Order.Payment.AT_OUTLET,
        ),
    )


def place_airport_pickup(products):
    """Paid by card, collected at Terminal 3 tomorrow before a flight."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    order = order_services.place_order(
        cart_of(*products),
        order_services.Checkout(
            name=BUYERS[0][0],
            email=BUYERS[0][1],
            whatsapp=BUYERS[0][2],
            fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
            payment_method=Order.Payment.CARD,
            flight_number="GA404",
            departure_at=at(tomorrow, 13, 30),
            pickup_at=at(tomorrow, 10, 30),
        ),
    )
    order_services.mark_paid(order, amount=order.total, currency="idr", source="demo")


def place_shipped_delivery(products, admin):
    """Paid by card and already shipped by the vendor."""
    order = order_services.place_order(
        cart_of(*products),
        order_services.Checkout(
            name=BUYERS[1][0],
            email=BUYERS[1][1],
            whatsapp=BUYERS[1][2],
            fulfilment=Order.Fulfilment.DELIVERY,
            payment_method=Order.Payment.CARD,
            address="Jl. Citra Raya Boulevard No. 8, Cikupa, Kabupaten Tangerang",
        ),
    )
    order_services.mark_paid(order, amount=order.total, currency="idr", source="demo")
    part = order.parts.first()
    order_services.advance_part(part, admin, "shipped", "JNE CGK1234567890")


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def cart_of(*products):
    cart = Cart.objects.create()
    for product in products:
        CartItem.objects.create(cart=cart, product=product, quantity=1)
    return cart
