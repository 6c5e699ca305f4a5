import threading

import pytest
from django.db import connection, connections

from catalog.models import Product
from orders.models import Order
from orders.services.checkout import OutOfStock, place_order
from tests.factories import ProductFactory
from tests.orders.helpers import cart_with, delivery_checkout

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL concurrency"),
    pytest.mark.django_db(transaction=True),
]


def test_twenty_buyers_racing_for_five_items_never_oversell():
    product = ProductFactory(stock=5, price=30000)
    carts = [cart_with((product, 1)) for _ in range(20)]
    start = threading.Barrier(20)
    outcomes = []

    def buy(cart):
        try:
            start.wait()
            place_order(cart, delivery_checkout())
            outcomes.append("ordered")
        except OutOfStock:
            outcomes.append("sold out")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(cart,)) for cart in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ordered") == 5
    assert outcomes.count("sold out") == 15
    assert Order.objects.count() == 5
    assert Product.objects.get(pk=product.pk).stock == 0


def test_buyers_of_several_products_in_opposite_orders_do_not_deadlock():
    a = ProductFactory(stock=10)
    b = ProductFactory(stock=10)
    carts = [cart_with((a, 1), (b, 1)) if i % 2 else cart_with((b, 1), (a, 1)) for i in range(12)]
    errors = []

    def buy(cart):
        try:
            place_order(cart, delivery_checkout())
        except Exception as error:  # noqa: BLE001 - any failure is the finding
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(cart,)) for cart in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Ten sets exist: ten buyers get them, two are told it sold out; nothing else goes wrong.
    assert len(errors) == 2 and all(isinstance(e, OutOfStock) for e in errors)
    assert Order.objects.count() == 10
    assert Product.objects.get(pk=a.pk).stock == 0
    assert Product.objects.get(pk=b.pk).stock == 0
