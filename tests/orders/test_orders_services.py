import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from catalog.models import LocationStock, Product
from orders.models import LedgerEntry, Order, OrderPart, OrderSettings
from orders.services.cart import add_to_cart, parse_quantity
from orders.services.checkout import OutOfStock, place_order
from orders.services.fulfilment import advance_part
from orders.services.payment import mark_paid
from orders.services.pickup import check_airport_pickup
from orders.services.reservations import cancel_unpaid, expire_reservations
from tests.factories import ProductFactory, VendorFactory
from tests.orders.helpers import cart_with, delivery_checkout, in_jakarta, outlets, two_vendor_order

pytestmark = pytest.mark.django_db


def test_an_order_is_split_per_vendor_with_server_prices_and_reserved_stock():
    order = two_vendor_order()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.number.startswith("ET-")
    assert len(order.token) >= 40
    parts = {p.vendor.name: p for p in order.parts.all()}
    fee = OrderSettings.load().shipping_fee
    assert parts["Usaha A"].subtotal == 50000 and parts["Usaha A"].shipping_fee == fee
    assert parts["Usaha B"].subtotal == 40000
    assert order.total == 90000 + 2 * fee
    line = parts["Usaha A"].lines.get()
    assert (line.unit_price, line.quantity, line.line_total) == (25000, 2, 50000)
    assert Product.objects.get(pk=line.product_id).stock == 8
    assert order.events.filter(new_status="pending_payment").exists()


def test_line_snapshots_survive_a_price_change():
    order = two_vendor_order()
    line = order.parts.first().lines.get()
    Product.objects.filter(pk=line.product_id).update(price=99000, name="Renamed")
    line.refresh_from_db()
    assert line.unit_price in (25000, 40000)
    assert line.product_name != "Renamed"


def test_not_enough_stock_writes_nothing():
    product = ProductFactory(stock=1)
    cart = cart_with((product, 2))
    with pytest.raises(OutOfStock):
        place_order(cart, delivery_checkout())
    product.refresh_from_db()
    assert product.stock == 1
    assert not Order.objects.exists()
    assert cart.items.count() == 1  # the cart is kept to fix


def test_a_product_taken_offline_cannot_be_ordered():
    product = ProductFactory(stock=5)
    cart = cart_with((product, 1))
    Product.objects.filter(pk=product.pk).update(status="draft")
    with pytest.raises(ValidationError):
        place_order(cart, delivery_checkout())
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    "raw", ["abc", "0", "-1", "2.5", "1e3", "", "1000", " ", "²", "٣", "9" * 5000, "0x10"]
)
def test_bad_quantities_are_refused_with_a_reason(raw):
    with pytest.raises(ValidationError):
        parse_quantity(raw)


def test_good_quantities():
    assert parse_quantity(" 3 ") == 3
    assert parse_quantity(999) == 999


def test_adding_beyond_stock_is_refused():
    product = ProductFactory(stock=2)
    cart = cart_with()
    add_to_cart(cart, product.pk, 2)
    with pytest.raises(ValidationError, match="2"):
        add_to_cart(cart, product.pk, 1)


def test_paying_marks_parts_processing_fills_the_ledger_and_mails_everyone(
    django_capture_on_commit_callbacks,
):
    order = two_vendor_order()
    with django_capture_on_commit_callbacks(execute=True):
        order, outcome = mark_paid(order, amount=order.total, currency="idr", source="t")
    assert outcome == "paid"
    assert order.status == Order.Status.PAID
    assert set(order.parts.values_list("status", flat=True)) == {OrderPart.Status.PROCESSING}
    sales = LedgerEntry.objects.filter(kind="sale")
    assert sorted(sales.values_list("amount", flat=True)) == sorted(
        p.total for p in order.parts.all()
    )
    recipients = [m.to for m in mail.outbox]
    assert ["rina@example.com"] in recipients


def test_commission_is_a_setting_and_lands_in_the_ledger():
    settings = OrderSettings.load()
    settings.commission_percent = 10
    settings.save()
    order = two_vendor_order()
    mark_paid(order, amount=order.total, currency="idr", source="t")
    commissions = sorted(
        LedgerEntry.objects.filter(kind="commission").values_list("amount", flat=True)
    )
    assert commissions == [-5000, -4000]


def test_a_wrong_amount_or_currency_does_not_pay():
    order = two_vendor_order()
    assert mark_paid(order, amount=order.total - 1, currency="idr", source="t")[1] == (
        "amount mismatch"
    )
    assert mark_paid(order, amount=order.total, currency="usd", source="t")[1] == (
        "amount mismatch"
    )
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_paying_twice_changes_nothing():
    order = two_vendor_order()
    mark_paid(order, amount=order.total, currency="idr", source="t")
    assert mark_paid(order, amount=order.total, currency="idr", source="t")[1] == ("already paid")
    assert LedgerEntry.objects.filter(kind="sale").count() == 2


def test_expired_reservations_give_the_stock_back():
    order = two_vendor_order()
    Order.objects.filter(pk=order.pk).update(
        reserved_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("expire_reservations", stdout=open("/dev/null", "w"))
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert sorted(Product.objects.values_list("stock", flat=True)) == [10, 10]
    # Expiring again does not add stock twice.
    assert expire_reservations() == 0
    assert sorted(Product.objects.values_list("stock", flat=True)) == [10, 10]


def test_a_reservation_still_running_is_kept():
    order = two_vendor_order()
    assert expire_reservations() == 0
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_a_late_payment_takes_the_stock_again_when_it_is_there():
    order = two_vendor_order()
    cancel_unpaid(order, "reservation_expired")
    order, outcome = mark_paid(order, amount=order.total, currency="idr", source="t")
    assert outcome == "paid"
    assert sorted(Product.objects.values_list("stock", flat=True)) == [8, 9]


def test_airport_pickup_rules():
    airport, _ = outlets()
    on_shelf = ProductFactory(stock=5)
    LocationStock.objects.create(location=airport, product=on_shelf, status="accepted", quantity=3)
    elsewhere = ProductFactory(stock=5)
    now = in_jakarta(days=0, hour=8)

    def check(product, pickup, departure):
        checkout = delivery_checkout(
            fulfilment="pickup_airport",
            pickup_at=pickup,
            departure_at=departure,
            flight_number="GA123",
        )
        return check_airport_pickup(checkout, [product], now=now)

    assert check(on_shelf, in_jakarta(1, 10), in_jakarta(1, 13)) == []
    assert check(on_shelf, in_jakarta(1, 23), in_jakarta(2, 2))  # outlet closed
    assert check(on_shelf, in_jakarta(0, 9), in_jakarta(0, 14))  # no time to prepare
    assert check(on_shelf, in_jakarta(1, 12), in_jakarta(1, 13))  # too close to departure
    assert check(elsewhere, in_jakarta(1, 10), in_jakarta(1, 13))  # not on the shelf
    Product.objects.filter(pk=elsewhere.pk).update(bringable_to_airport=True)
    elsewhere.refresh_from_db()
    assert check(elsewhere, in_jakarta(1, 10), in_jakarta(1, 13)) == []


def test_pay_at_outlet_only_for_pickups():
    outlets()
    product = ProductFactory(stock=3)
    with pytest.raises(ValidationError):
        place_order(cart_with((product, 1)), delivery_checkout(payment_method="at_outlet"))
    order = place_order(
        cart_with((product, 1)),
        delivery_checkout(payment_method="at_outlet", fulfilment="pickup_rppkum"),
    )
    assert order.pickup_location.slug == "rppkum-legok"
    assert order.shipping_total == 0
    assert order.reserved_until > timezone.now() + datetime.timedelta(hours=12)


def test_vendors_move_their_part_and_the_order_completes():
    order = two_vendor_order()
    mark_paid(order, amount=order.total, currency="idr", source="t")
    from tests.factories import MembershipFactory

    for part in order.parts.all():
        member = MembershipFactory(vendor=part.vendor).user
        with pytest.raises(ValidationError):
            advance_part(part, member, OrderPart.Status.READY)  # delivery: ship
        advance_part(part, member, OrderPart.Status.SHIPPED, "JNE 123")
        advance_part(part, member, OrderPart.Status.COMPLETED)
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED


def test_a_vendor_cannot_move_another_vendors_part():
    from django.core.exceptions import PermissionDenied

    from tests.factories import MembershipFactory

    order = two_vendor_order()
    mark_paid(order, amount=order.total, currency="idr", source="t")
    stranger = MembershipFactory(vendor=VendorFactory()).user
    with pytest.raises(PermissionDenied):
        advance_part(order.parts.first(), stranger, OrderPart.Status.SHIPPED)


def test_checkout_takes_to_terminal_3_exactly_what_the_catalog_shows_as_collectable():
    """One rule (catalog's): on the Terminal 3 shelf, or brought there by the vendor."""
    from catalog.filters import ProductFilter

    airport, rppkum = outlets()
    on_shelf = ProductFactory(name="On the shelf")
    LocationStock.objects.create(location=airport, product=on_shelf, status="accepted", quantity=3)
    brought = ProductFactory(name="Brought", bringable_to_airport=True)
    elsewhere = ProductFactory(name="At RPPKUM only")
    LocationStock.objects.create(location=rppkum, product=elsewhere, status="accepted", quantity=3)
    sold_out_shelf = ProductFactory(name="Empty shelf")
    LocationStock.objects.create(
        location=airport, product=sold_out_shelf, status="accepted", quantity=0
    )
    base = Product.objects.public()
    listed = set(ProductFilter({"ambil_bandara": "1"}, queryset=base).apply(base))
    assert listed == {on_shelf, brought}
    now = in_jakarta(days=0, hour=8)
    for product in (on_shelf, brought, elsewhere, sold_out_shelf):
        checkout = delivery_checkout(
            fulfilment="pickup_airport",
            pickup_at=in_jakarta(1, 10),
            departure_at=in_jakarta(1, 13),
            flight_number="GA123",
        )
        accepted = check_airport_pickup(checkout, [product], now=now) == []
        assert accepted == (product in listed), product.name
