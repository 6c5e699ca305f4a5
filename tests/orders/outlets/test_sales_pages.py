"""The counter, the receipt and the void on the phone pages of an outlet's staff."""

import pytest
import time_machine
from django.urls import reverse

from catalog.models import LocationStock
from orders.outlets.models import CounterSale
from orders.outlets.sales import sell
from tests.orders.helpers import outlets

from .sales_helpers import MORNING, outlet, shelf_item, staff, supervisor

pytestmark = pytest.mark.django_db
# Session, user, outlet, assignment, search results, the sale's items, savepoints...
COUNTER_QUERIES = 7


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(MORNING, tick=False):
        yield


def _receipt(slug, number):
    return reverse("outlets:receipt", args=[slug, number])


def _counter(location):
    return reverse("outlets:counter", args=[location.slug])


def test_staff_find_by_name_shelf_code_or_barcode_add_and_record_a_sale(client):
    rppkum = outlet()
    client.force_login(staff(rppkum))
    kopi = shelf_item(rppkum, quantity=5, price=25000, name="Kopi Robusta", shelf="B2")
    dodol = shelf_item(rppkum, price=40000, name="Dodol Betawi", barcode="8991234567890")
    url = _counter(rppkum)
    assert "Kopi Robusta" in client.get(url, {"q": "robusta"}).content.decode()
    assert "Kopi Robusta" in client.get(url, {"q": "b2"}).content.decode()
    found = client.get(url, {"q": "8991234567890"}).content.decode()
    assert "Dodol Betawi" in found and "Kopi Robusta" not in found
    client.post(url, {"stock": kopi.pk, "quantity": 2})
    client.post(url, {"stock": dodol.pk, "quantity": 1})
    page = client.get(url).content.decode()
    assert "Rp\u00a090.000" in page
    response = client.post(url, {"record": "1", "payment": "qris"})
    sale = CounterSale.objects.get()
    assert response.url == reverse("outlets:receipt", args=[rppkum.slug, sale.number])
    assert sale.payment == "qris" and sale.total == 90000
    assert LocationStock.objects.get(pk=kopi.pk).quantity == 3
    receipt = client.get(response.url).content.decode()
    assert sale.number in receipt and "Rp\u00a090.000" in receipt
    assert "Belum ada barang" in client.get(url).content.decode()


def test_beyond_the_shelf_is_refused_on_the_page_and_the_sale_is_kept(client):
    rppkum = outlet()
    client.force_login(staff(rppkum))
    kopi = shelf_item(rppkum, quantity=2, name="Kopi Robusta")
    url = _counter(rppkum)
    client.post(url, {"stock": kopi.pk, "quantity": 3})
    page = client.post(url, {"record": "1", "payment": "cash"}, follow=True).content.decode()
    assert "Hanya tersisa 2 Kopi Robusta di rak" in page
    assert 'value="3"' in page and not CounterSale.objects.exists()


def test_another_outlets_staff_and_strangers_get_404(client):
    rppkum = outlet()
    airport = outlets()[0]
    sale = sell(rppkum, staff(rppkum), [(shelf_item(rppkum), 1)], "cash")
    client.force_login(staff(airport))
    assert client.get(_counter(rppkum)).status_code == 404
    assert client.get(_receipt(rppkum.slug, sale.number)).status_code == 404


def test_a_receipt_of_another_outlet_or_a_wrong_number_is_404(client):
    rppkum = outlet()
    airport = outlets()[0]
    sale = sell(rppkum, staff(rppkum), [(shelf_item(rppkum), 1)], "cash")
    person = staff(airport)
    from orders.models import OutletAssignment

    OutletAssignment.objects.create(user=person, location=rppkum)
    client.force_login(person)
    assert client.get(_receipt(airport.slug, sale.number)).status_code == 404
    assert client.get(_receipt(rppkum.slug, "RPP-1")).status_code == 404
    assert client.get(_receipt(rppkum.slug, sale.number)).status_code == 200


def test_the_receipt_prints_on_58mm_paper(client):
    rppkum = outlet()
    clerk = staff(rppkum)
    sale = sell(rppkum, clerk, [(shelf_item(rppkum), 1)], "cash")
    client.force_login(clerk)
    page = client.get(_receipt(rppkum.slug, sale.number)).content.decode()
    assert "css/counter.css" in page
    from django.contrib.staticfiles import finders

    assert "size: 58mm" in open(finders.find("css/counter.css")).read()


def test_only_a_supervisor_sees_and_uses_the_void(client):
    rppkum = outlet()
    clerk = staff(rppkum)
    kopi = shelf_item(rppkum, quantity=4)
    sale = sell(rppkum, clerk, [(kopi, 1)], "cash")
    receipt = reverse("outlets:receipt", args=[rppkum.slug, sale.number])
    void = reverse("outlets:void", args=[rppkum.slug, sale.number])
    client.force_login(clerk)
    assert "Batalkan penjualan ini" not in client.get(receipt).content.decode()
    page = client.post(void, {"reason": "salah"}, follow=True).content.decode()
    assert "Hanya supervisor gerai ini yang dapat membatalkan" in page
    client.force_login(supervisor(rppkum))
    assert "Batalkan penjualan ini" in client.get(receipt).content.decode()
    page = client.post(void, {"reason": ""}, follow=True).content.decode()
    assert "Tuliskan alasan" in page
    page = client.post(void, {"reason": "Pembeli batal"}, follow=True).content.decode()
    assert "DIBATALKAN" in page and "Pembeli batal" in page
    assert LocationStock.objects.get(pk=kopi.pk).quantity == 4


def test_the_outlet_page_links_the_counter_and_for_a_supervisor_the_close(client):
    rppkum = outlet()
    client.force_login(staff(rppkum))
    page = client.get(reverse("fulfilment:outlet", args=[rppkum.slug])).content.decode()
    assert _counter(rppkum) in page and reverse("outlets:close", args=[rppkum.slug]) not in page
    client.force_login(supervisor(rppkum))
    page = client.get(reverse("fulfilment:outlet", args=[rppkum.slug])).content.decode()
    assert reverse("outlets:close", args=[rppkum.slug]) in page


def test_the_counter_query_count_does_not_grow_with_the_sale(client, django_assert_num_queries):
    rppkum = outlet()
    client.force_login(staff(rppkum))
    url = _counter(rppkum)
    items = [shelf_item(rppkum, name=f"Kopi {i}") for i in range(6)]
    client.post(url, {"stock": items[0].pk, "quantity": 1})
    client.get(url, {"q": "kopi"})
    with django_assert_num_queries(COUNTER_QUERIES):
        client.get(url, {"q": "kopi"})
    for item in items[1:]:
        client.post(url, {"stock": item.pk, "quantity": 1})
    with django_assert_num_queries(COUNTER_QUERIES):
        client.get(url, {"q": "kopi"})
