"""Counter sales: stock down, batches first-expiring-first, never expired, receipt numbers,
the vendors' ledger, voids by a supervisor on the same day."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from catalog.models import LocationStock
from orders.models import LedgerEntry
from orders.outlets.models import CounterSale, SaleEvent, ShelfBatch
from orders.outlets.sales import SaleRefused, sell, void
from tests.factories import StaffFactory, UserFactory

from .sales_helpers import MORNING, batch, outlet, shelf_item, staff, supervisor

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _morning():
    with time_machine.travel(MORNING, tick=False), translation.override("en"):
        yield


def _quantity(stock):
    return LocationStock.objects.get(pk=stock.pk).quantity


def test_a_sale_takes_shelf_stock_down_and_numbers_its_receipt_per_outlet_and_day():
    rppkum = outlet()
    clerk = staff(rppkum)
    kopi, dodol = shelf_item(rppkum, quantity=5, price=25000), shelf_item(rppkum, price=40000)
    first = sell(rppkum, clerk, [(kopi, 2), (dodol, 1)], "cash")
    second = sell(rppkum, clerk, [(kopi, 1)], "qris")
    assert first.number == "RPP-20261130-0001"
    assert second.number == "RPP-20261130-0002"
    assert first.total == 90000 and first.lines.count() == 2
    assert _quantity(kopi) == 2 and _quantity(dodol) == 9
    assert SaleEvent.objects.get(sale=first).text.startswith("Sold, receipt RPP-20261130-0001")
    with time_machine.travel(MORNING + datetime.timedelta(days=1), tick=False):
        assert sell(rppkum, clerk, [(kopi, 1)], "card").number == "RPP-20261201-0001"


def test_a_sale_late_in_the_jakarta_evening_is_numbered_for_the_jakarta_day():
    rppkum = outlet()
    clerk = staff(rppkum)
    kopi = shelf_item(rppkum)
    # 23:30 in Jakarta on 30 November is still 16:30 UTC on the 30th; 00:30 on 1 December
    # in Jakarta is 17:30 UTC on 30 November.
    with time_machine.travel(datetime.datetime(2026, 11, 30, 17, 30, tzinfo=datetime.UTC)):
        assert sell(rppkum, clerk, [(kopi, 1)], "cash").number == "RPP-20261201-0001"


def test_beyond_the_shelf_quantity_is_refused_with_how_many_are_left():
    rppkum = outlet()
    kopi = shelf_item(rppkum, quantity=3, name="Kopi Robusta")
    with pytest.raises(SaleRefused, match="Only 3 of Kopi Robusta left on the shelf"):
        sell(rppkum, staff(rppkum), [(kopi, 2), (kopi, 2)], "cash")
    assert _quantity(kopi) == 3 and not CounterSale.objects.exists()


def test_batches_that_expire_first_are_sold_first_and_expired_ones_never():
    rppkum = outlet()
    kopi = shelf_item(rppkum, quantity=9, name="Kopi Robusta")
    expired = batch(kopi, 3, DAY - datetime.timedelta(days=1))
    later = batch(kopi, 3, DAY + datetime.timedelta(days=30))
    sooner = batch(kopi, 3, DAY)
    clerk = staff(rppkum)
    sell(rppkum, clerk, [(kopi, 4)], "cash")
    remaining = dict(ShelfBatch.objects.values_list("pk", "remaining"))
    assert remaining == {expired.pk: 3, later.pk: 2, sooner.pk: 0}
    with pytest.raises(SaleRefused, match="Only 2 of Kopi Robusta are not past their best-before"):
        sell(rppkum, clerk, [(kopi, 3)], "cash")
    assert _quantity(kopi) == 5


def test_an_item_without_batches_sells_from_its_shelf_quantity_unless_expired():
    rppkum = outlet()
    old = shelf_item(rppkum, quantity=4, name="Dodol")
    LocationStock.objects.filter(pk=old.pk).update(best_before=DAY - datetime.timedelta(days=2))
    with pytest.raises(SaleRefused, match="Dodol is past its best-before date"):
        sell(rppkum, staff(rppkum), [(old, 1)], "cash")


def test_bad_input_is_refused():
    rppkum = outlet()
    clerk = staff(rppkum)
    kopi = shelf_item(rppkum)
    elsewhere = shelf_item(outlet_airport())
    with pytest.raises(SaleRefused, match="at least 1"):
        sell(rppkum, clerk, [(kopi, 0)], "cash")
    with pytest.raises(SaleRefused, match="no items"):
        sell(rppkum, clerk, [], "cash")
    with pytest.raises(SaleRefused, match="how the buyer paid"):
        sell(rppkum, clerk, [(kopi, 1)], "bitcoin")
    with pytest.raises(SaleRefused, match="not on this outlet's shelf"):
        sell(rppkum, clerk, [(elsewhere, 1)], "cash")


def outlet_airport():
    from tests.orders.helpers import outlets

    return outlets()[0]


def test_only_that_outlets_staff_or_diskum_staff_sell():
    rppkum = outlet()
    kopi = shelf_item(rppkum)
    with pytest.raises(PermissionDenied):
        sell(rppkum, UserFactory(), [(kopi, 1)], "cash")
    with pytest.raises(PermissionDenied):
        sell(rppkum, staff(outlet_airport()), [(kopi, 1)], "cash")
    assert sell(rppkum, StaffFactory(), [(kopi, 1)], "cash").total == 25000


def test_each_line_credits_its_vendor_the_price_less_the_outlets_margin():
    rppkum = outlet(margin=10)
    kopi = shelf_item(rppkum, price=25000)
    dodol = shelf_item(rppkum, price=40000)
    sale = sell(rppkum, staff(rppkum), [(kopi, 2), (dodol, 1)], "card")
    credited = {
        e.vendor_id: e.amount
        for e in LedgerEntry.objects.filter(kind=LedgerEntry.Kind.COUNTER_SALE, counter_sale=sale)
    }
    assert credited == {kopi.product.vendor_id: 45000, dodol.product.vendor_id: 36000}


def test_a_supervisor_voids_a_sale_on_its_day_and_everything_goes_back():
    rppkum = outlet(margin=10)
    kopi = shelf_item(rppkum, quantity=6)
    first = batch(kopi, 3, DAY + datetime.timedelta(days=5))
    second = batch(kopi, 3, DAY + datetime.timedelta(days=9))
    sale = sell(rppkum, staff(rppkum), [(kopi, 4)], "cash")
    boss = supervisor(rppkum)
    void(sale, boss, "Pembeli batal")
    sale.refresh_from_db()
    assert sale.status == CounterSale.Status.VOIDED and sale.void_reason == "Pembeli batal"
    assert _quantity(kopi) == 6
    assert set(ShelfBatch.objects.values_list("pk", "remaining")) == {(first.pk, 3), (second.pk, 3)}
    entries = LedgerEntry.objects.filter(vendor=kopi.product.vendor)
    assert sum(entries.values_list("amount", flat=True)) == 0
    voided = SaleEvent.objects.filter(sale=sale, kind="voided").get()
    assert voided.text == f"Voided by {boss.username}: Pembeli batal"
    with pytest.raises(ValidationError, match="cannot become voided"):
        void(sale, boss, "lagi")


def test_a_void_is_refused_to_a_clerk_without_a_reason_or_on_another_day():
    rppkum = outlet()
    kopi = shelf_item(rppkum)
    clerk = staff(rppkum)
    sale = sell(rppkum, clerk, [(kopi, 1)], "cash")
    with pytest.raises(SaleRefused, match="Only a supervisor"):
        void(sale, clerk, "salah input")
    with pytest.raises(PermissionDenied):
        void(sale, supervisor(outlet_airport()), "salah input")
    boss = supervisor(rppkum)
    with pytest.raises(SaleRefused, match="reason"):
        void(sale, boss, "  ")
    with time_machine.travel(MORNING + datetime.timedelta(hours=15), tick=False):
        with pytest.raises(SaleRefused, match="on the day it was made"):
            void(sale, boss, "salah input")
    assert CounterSale.objects.get(pk=sale.pk).status == CounterSale.Status.COMPLETED
    assert _quantity(kopi) == 9


def test_a_sale_below_the_minimum_asks_the_vendor_to_restock(django_capture_on_commit_callbacks):
    from orders.outlets.models import RestockRequest

    rppkum = outlet()
    kopi = shelf_item(rppkum, quantity=5)
    LocationStock.objects.filter(pk=kopi.pk).update(minimum=5)
    with django_capture_on_commit_callbacks(execute=True):
        sell(rppkum, staff(rppkum), [(kopi, 1)], "cash")
    request = RestockRequest.objects.get(stock=kopi)
    assert (request.status, request.quantity) == ("open", 6)
