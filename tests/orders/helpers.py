import datetime

from django.utils import timezone

from catalog.models import Location
from orders.models import Cart, CartItem, Order
from orders.services.checkout import Checkout, place_order
from tests.factories import ProductFactory, VendorFactory


def outlets():
    airport, _ = Location.objects.get_or_create(
        slug="sentral-oleh-oleh-t3",
        defaults={
            "name": "Sentral Oleh-Oleh T3",
            "kind": "airport",
            "address": "Terminal 3",
            "opens_at": datetime.time(5),
            "closes_at": datetime.time(22),
        },
    )
    rppkum, _ = Location.objects.get_or_create(
        slug="rppkum-legok",
        defaults={
            "name": "RPPKUM Legok",
            "kind": "showroom",
            "address": "Legok",
            "opens_at": datetime.time(8),
            "closes_at": datetime.time(16),
        },
    )
    return airport, rppkum


def cart_with(*pairs) -> Cart:
    cart = Cart.objects.create()
    for product, quantity in pairs:
        CartItem.objects.create(cart=cart, product=product, quantity=quantity)
    return cart


def delivery_checkout(**overrides) -> Checkout:
    data = {
        "name": "Rina",
        "email": "rina@example.com",
        "whatsapp": "6281234567890",
        "fulfilment": Order.Fulfilment.DELIVERY,
        "payment_method": Order.Payment.CARD,
        "address": "Jl. Melati 1, Tangerang",
    }
    data.update(overrides)
    return Checkout(**data)


def two_vendor_order(price_a=25000, price_b=40000, **checkout) -> Order:
    a = ProductFactory(vendor=VendorFactory(name="Usaha A"), price=price_a, stock=10)
    b = ProductFactory(vendor=VendorFactory(name="Usaha B"), price=price_b, stock=10)
    return place_order(cart_with((a, 2), (b, 1)), delivery_checkout(**checkout))


def in_jakarta(days=0, hour=12, minute=0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def checkout_form(**overrides) -> dict:
    """The checkout form as a shopper fills it: delivery, paid by card."""
    data = {
        "name": "Rina Wulandari",
        "email": "rina@example.com",
        "whatsapp": "0812 3456 7890",
        "fulfilment": "delivery",
        "address": "Jl. Melati 1, Legok",
        "flight_number": "",
        "departure_at": "",
        "pickup_at": "",
        "payment_method": "card",
    }
    data.update(overrides)
    return data
