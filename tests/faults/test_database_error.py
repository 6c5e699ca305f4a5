"""A database error in the middle of placing an order (a full disk, a dropped connection):
injected with ``connection.execute_wrapper`` on one INSERT. Run as transactional tests, so
``place_order``'s transaction is the real, outermost one (SQLite here, PostgreSQL in CI)."""

import pytest
from django.db import DatabaseError, connection
from django.test import Client

from catalog.models import Product
from orders.models import CartItem, Order, OrderEvent, OrderLine, OrderPart
from tests.factories import ProductFactory, VendorFactory
from tests.orders.helpers import checkout_form, outlets

pytestmark = pytest.mark.django_db(transaction=True)

PICKUP_AT_RPPKUM = checkout_form(fulfilment="pickup_rppkum", address="", payment_method="at_outlet")


class FailingInsert:
    """Raises DatabaseError on the ``nth`` INSERT into ``table``; every other query runs."""

    def __init__(self, table: str, nth: int):
        self.table, self.nth, self.seen = table, nth, 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and f'"{self.table}"' in sql:
            self.seen += 1
            if self.seen == self.nth:
                raise DatabaseError(f"could not write to {self.table}")
        return execute(sql, params, many, context)


@pytest.mark.parametrize(
    ("table", "nth"),
    [
        pytest.param("orders_orderline", 1, id="first order line"),
        pytest.param("orders_orderpart", 2, id="second vendor's part"),
        pytest.param("orders_orderevent", 1, id="the order's history, last of all"),
    ],
)
def test_a_database_error_while_placing_an_order_leaves_no_half_order(table, nth):
    outlets()
    a = ProductFactory(
        name="Dodol Betawi", vendor=VendorFactory(name="Usaha A"), stock=10, price=25000
    )
    b = ProductFactory(
        name="Kerupuk Kulit", vendor=VendorFactory(name="Usaha B"), stock=10, price=40000
    )
    client = Client(raise_request_exception=False)  # as a buyer sees it: our 500 page
    client.post("/keranjang/tambah/", {"product": a.pk, "quantity": 2})
    client.post("/keranjang/tambah/", {"product": b.pk, "quantity": 1})

    failure = FailingInsert(table, nth)
    with connection.execute_wrapper(failure):
        response = client.post("/checkout/", PICKUP_AT_RPPKUM)

    assert failure.seen == nth  # the error really struck in the middle
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan" in html  # our page, in Indonesian
    assert "Terima kasih" not in html
    assert not Order.objects.exists()
    assert not OrderPart.objects.exists()
    assert not OrderLine.objects.exists()
    assert not OrderEvent.objects.exists()
    assert dict(Product.objects.values_list("pk", "stock")) == {a.pk: 10, b.pk: 10}
    assert CartItem.objects.count() == 2
    cart = client.get("/keranjang/").content.decode()
    assert "Dodol Betawi" in cart and "Kerupuk Kulit" in cart

    # The buyer tries again and it works, once.
    retry = client.post("/checkout/", PICKUP_AT_RPPKUM)
    order = Order.objects.get()
    assert retry["Location"] == order.get_absolute_url()
    assert dict(Product.objects.values_list("pk", "stock")) == {a.pk: 8, b.pk: 9}
