"""The shelf pages for outlet staff: what they show, forms that keep what was typed when a
change is refused, and 404 for anyone who does not work at that outlet."""

import pytest
import time_machine
from django.test import Client

from orders.outlets.models import OutletSettings, ShelfBatch
from orders.outlets.shelf import Received, receive_delivery

from .shelf_helpers import NOW, days, shelf_item, world

pytestmark = pytest.mark.django_db
SHELF = "/outlet/rppkum-legok/rak/"


@pytest.fixture
def w():
    with time_machine.travel(NOW, tick=False):
        yield world()


@pytest.fixture
def staff_client(w):
    client = Client()
    client.force_login(w["clerk"])
    with time_machine.travel(NOW, tick=False):
        yield client


def stocked(w, item, quantity, best_before):
    vendor = item.product.vendor
    receive_delivery(w["rppkum"], vendor, w["clerk"], [Received(item, quantity, best_before)])


def test_the_outlet_page_links_to_the_shelf(w, staff_client):
    assert f'href="{SHELF}"' in staff_client.get("/outlet/rppkum-legok/").content.decode()


def test_the_shelf_lists_quantity_minimum_batches_and_best_before(w, staff_client):
    w["a"].minimum = 12
    w["a"].save()
    stocked(w, w["a"], 10, days(20))
    stocked(w, w["a"], 4, days(5))
    page = staff_client.get(SHELF).content.decode()
    assert "Dodol Legok" in page and "Kerupuk Kulit" in page
    assert "data-quantity>14<" in page
    assert "2 batch" in page
    assert "15 Mar 2026" in page  # the earliest batch's best-before


def test_the_shelfs_queries_do_not_grow_with_its_items(
    w, staff_client, django_assert_max_num_queries
):
    stocked(w, w["a"], 3, days(9))
    with django_assert_max_num_queries(14) as few:
        staff_client.get(SHELF)
    for _ in range(6):
        item = shelf_item(w["rppkum"], w["vendor_b"])
        stocked(w, item, 2, days(30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(SHELF)


def test_receiving_goods_picks_the_vendor_then_records_the_delivery(w, staff_client):
    picker = staff_client.get(SHELF + "terima/").content.decode()
    assert f'?vendor={w["vendor_a"].pk}"' in picker and f'?vendor={w["vendor_b"].pk}"' in picker
    url = SHELF + f"terima/?vendor={w['vendor_a'].pk}"
    form = staff_client.get(url).content.decode()
    assert "Dodol Legok" in form and "Kerupuk Kulit" not in form
    data = {"note_number": "SJ-7", f"q{w['a'].pk}": "12", f"bb{w['a'].pk}": "2026-05-01"}
    response = staff_client.post(url, data)
    assert response.status_code == 302 and response.url == SHELF
    w["a"].refresh_from_db()
    assert (w["a"].quantity, str(w["a"].best_before)) == (12, "2026-05-01")


def test_a_past_best_before_is_refused_and_the_form_keeps_what_was_typed(w, staff_client):
    url = SHELF + f"terima/?vendor={w['vendor_a'].pk}"
    data = {"note_number": "SJ-8", f"q{w['a'].pk}": "9", f"bb{w['a'].pk}": "2026-03-01"}
    page = staff_client.post(url, data).content.decode()
    assert "Dodol Legok: tanggal kedaluwarsanya sudah lewat" in page
    assert 'value="SJ-8"' in page and 'value="9"' in page and 'value="2026-03-01"' in page
    assert not ShelfBatch.objects.exists()


def test_a_count_that_differs_without_a_reason_is_refused(w, staff_client):
    stocked(w, w["a"], 5, days(20))
    page = staff_client.post(SHELF + "opname/", {f"c{w['a'].pk}": "3"}).content.decode()
    assert 'role="alert"' in page and 'value="3"' in page
    w["a"].refresh_from_db()
    assert w["a"].quantity == 5
    response = staff_client.post(
        SHELF + "opname/", {f"c{w['a'].pk}": "3", f"r{w['a'].pk}": "damaged"}
    )
    assert response.status_code == 302
    w["a"].refresh_from_db()
    assert w["a"].quantity == 3


def test_returning_more_than_remains_is_refused(w, staff_client):
    stocked(w, w["a"], 2, days(20))
    batch = ShelfBatch.objects.get()
    url = SHELF + f"retur/?vendor={w['vendor_a'].pk}"
    page = staff_client.post(url, {f"q{batch.pk}": "3", "reason": "rusak"}).content.decode()
    assert 'role="alert"' in page and 'value="rusak"' in page
    assert ShelfBatch.objects.get().remaining == 2
    assert staff_client.post(url, {f"q{batch.pk}": "2", "reason": "rusak"}).status_code == 302
    w["a"].refresh_from_db()
    assert w["a"].quantity == 0


def test_the_best_before_list_shows_expiring_and_expired_batches(w, staff_client):
    OutletSettings.objects.create(location=w["rppkum"], best_before_warning_days=7)
    stocked(w, w["a"], 3, days(1))
    stocked(w, w["a"], 4, days(6))
    stocked(w, w["b"], 5, days(12))  # 22 March: beyond the 7 days, not listed
    with time_machine.travel(NOW.replace(day=12), tick=False):
        page = staff_client.get(SHELF + "kedaluwarsa/").content.decode()
    assert page.count("data-batch=") == 2
    assert page.count("data-expired") == 1  # the batch of 11 March
    assert "Kerupuk Kulit" not in page


def test_pages_in_english(w, staff_client):
    page = staff_client.get("/en" + SHELF).content.decode()
    assert "Receive goods" in page and "Stock-take" in page


@pytest.mark.parametrize("path", ["", "terima/", "opname/", "retur/", "kedaluwarsa/"])
def test_another_outlets_staff_get_404(w, path):
    client = Client()
    client.force_login(w["other_clerk"])
    assert client.get(SHELF + path).status_code == 404
    assert client.post(SHELF + path, {}).status_code == 404
    vendor_client = Client()
    vendor_client.force_login(w["member_a"])
    assert vendor_client.get(SHELF + path).status_code == 404


def test_another_outlets_staff_cannot_receive_here(w):
    client = Client()
    client.force_login(w["other_clerk"])
    url = SHELF + f"terima/?vendor={w['vendor_a'].pk}"
    assert client.post(url, {f"q{w['a'].pk}": "5"}).status_code == 404
    assert not ShelfBatch.objects.exists()


def test_the_shelf_shows_who_did_what_and_when(w, staff_client):
    from orders.outlets.shelf import Counted, Returned, return_to_vendor, take_stock

    w["clerk"].first_name, w["clerk"].last_name = "Siti", "Aminah"
    w["clerk"].save()
    stocked(w, w["a"], 6, days(20))
    take_stock(w["rppkum"], w["clerk"], [Counted(w["a"], 5, "damaged")])
    batch = ShelfBatch.objects.get()
    return_to_vendor(w["rppkum"], w["vendor_a"], w["clerk"], [Returned(batch, 2)], "penyok")
    page = staff_client.get(SHELF).content.decode()
    assert page.count('data-movement="') == 3
    assert f"Diterima dari {w['vendor_a'].name}: 6 unit" in page
    assert "Stock opname: 1 selisih" in page
    assert f"Diretur ke {w['vendor_a'].name}: 2 unit" in page and "(penyok)" in page
    assert page.count("oleh Siti Aminah") == 3
    assert "10 Mar 2026, 12.00" in page  # Jakarta time
