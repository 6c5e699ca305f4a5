"""Goods received, stock-takes and returns to vendors: the batches and the shelf quantity
follow, atomically, with who and when recorded; bad input is refused and changes nothing."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from orders.outlets.models import Delivery, ShelfBatch, StockTake, VendorReturn
from orders.outlets.shelf import (
    Counted,
    Received,
    Returned,
    receive_delivery,
    return_to_vendor,
    take_stock,
)

from .shelf_helpers import NOW, days, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    """The world, with messages in English (the site's default is Indonesian)."""
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield world()


def receive(w, *lines, vendor=None, user=None):
    return receive_delivery(
        w["rppkum"], vendor or w["vendor_a"], user or w["clerk"], list(lines), note_number="SJ-1"
    )


def test_goods_received_make_batches_and_raise_the_shelf(w):
    receive(w, Received(w["a"], 10, days(30)))
    delivery = receive(w, Received(w["a"], 5, days(20)))
    w["a"].refresh_from_db()
    assert w["a"].quantity == 15
    assert w["a"].best_before == days(20)  # the earliest batch's
    assert sorted(ShelfBatch.objects.values_list("remaining", "best_before")) == [
        (5, days(20)),
        (10, days(30)),
    ]
    assert delivery.received_by == w["clerk"]
    assert delivery.received_at == NOW
    assert delivery.note_number == "SJ-1"


def test_best_before_is_the_earliest_unexpired_batch(w):
    receive(w, Received(w["a"], 4, days(2)))
    receive(w, Received(w["a"], 6, days(40)))
    with time_machine.travel(NOW + (days(3) - days(0)), tick=False):
        receive(w, Received(w["a"], 1, days(60)))
    w["a"].refresh_from_db()
    assert w["a"].best_before == days(40)


@pytest.mark.parametrize(
    "line_of",
    [
        lambda w: Received(w["a"], 5, days(-1)),  # best-before in the past
        lambda w: Received(w["a"], -2, days(10)),  # negative quantity
        lambda w: Received(w["b"], 5, days(10)),  # another vendor's item
    ],
    ids=["past-best-before", "negative", "other-vendors-item"],
)
def test_bad_deliveries_are_refused_and_change_nothing(w, line_of):
    with pytest.raises(ValidationError):
        receive(w, Received(w["a"], 3, days(10)), line_of(w))
    w["a"].refresh_from_db()
    assert w["a"].quantity == 0
    assert not Delivery.objects.exists()
    assert not ShelfBatch.objects.exists()


def test_a_delivery_needs_a_quantity(w):
    with pytest.raises(ValidationError, match="at least one item"):
        receive(w, Received(w["a"], 0, days(10)))


def test_another_outlets_item_cannot_be_received_here(w):
    from .shelf_helpers import shelf_item

    theirs = shelf_item(w["airport"], w["vendor_a"])
    with pytest.raises(ValidationError):
        receive(w, Received(theirs, 3, days(10)))
    theirs.refresh_from_db()
    assert theirs.quantity == 0


def test_only_the_outlets_staff_or_diskum_staff_act(w):
    for outsider in (w["other_clerk"], w["member_a"]):
        with pytest.raises(PermissionDenied):
            receive(w, Received(w["a"], 3, days(10)), user=outsider)
        with pytest.raises(PermissionDenied):
            take_stock(w["rppkum"], outsider, [Counted(w["a"], 0)])
        with pytest.raises(PermissionDenied):
            return_to_vendor(w["rppkum"], w["vendor_a"], outsider, [], "rusak")
    assert not Delivery.objects.exists() and not StockTake.objects.exists()


def test_stock_take_shortfall_comes_off_the_batches_expiring_first(w):
    receive(w, Received(w["a"], 5, days(30)))
    receive(w, Received(w["a"], 5, days(10)))
    take = take_stock(w["rppkum"], w["clerk"], [Counted(w["a"], 7, "missing")])
    w["a"].refresh_from_db()
    assert w["a"].quantity == 7
    assert dict(ShelfBatch.objects.values_list("best_before", "remaining")) == {
        days(10): 2,
        days(30): 5,
    }
    line = take.lines.get()
    assert (line.expected, line.counted, line.difference, line.reason) == (10, 7, -3, "missing")
    assert take.taken_by == w["clerk"] and take.taken_at == NOW


def test_stock_take_surplus_becomes_a_batch_without_a_date(w):
    receive(w, Received(w["a"], 2, days(30)))
    take_stock(w["rppkum"], w["clerk"], [Counted(w["a"], 5, "found")])
    w["a"].refresh_from_db()
    assert w["a"].quantity == 5
    assert w["a"].best_before == days(30)
    assert ShelfBatch.objects.get(best_before__isnull=True).remaining == 3


def test_a_difference_without_a_reason_is_refused(w):
    receive(w, Received(w["a"], 4, days(30)))
    with pytest.raises(ValidationError, match="reason"):
        take_stock(w["rppkum"], w["clerk"], [Counted(w["a"], 3)])
    w["a"].refresh_from_db()
    assert w["a"].quantity == 4
    assert not StockTake.objects.exists()


def test_a_count_that_matches_needs_no_reason(w):
    receive(w, Received(w["a"], 4, days(30)))
    take = take_stock(w["rppkum"], w["clerk"], [Counted(w["a"], 4)])
    assert take.lines.get().difference == 0


def test_expired_batches_are_written_off_in_a_stock_take(w):
    receive(w, Received(w["a"], 3, days(1)))
    receive(w, Received(w["a"], 4, days(50)))
    with time_machine.travel(NOW + (days(5) - days(0)), tick=False):
        take_stock(w["rppkum"], w["clerk"], [Counted(w["a"], 4, "expired")])
    w["a"].refresh_from_db()
    assert w["a"].quantity == 4
    assert dict(ShelfBatch.objects.values_list("best_before", "remaining")) == {
        days(1): 0,
        days(50): 4,
    }


def test_return_to_vendor_from_named_batches(w):
    receive(w, Received(w["a"], 3, days(1)))
    receive(w, Received(w["a"], 6, days(50)))
    expired = ShelfBatch.objects.get(best_before=days(1))
    with time_machine.travel(NOW + (days(5) - days(0)), tick=False):
        returned = return_to_vendor(
            w["rppkum"], w["vendor_a"], w["clerk"], [Returned(expired, 3)], "kedaluwarsa"
        )
    w["a"].refresh_from_db()
    expired.refresh_from_db()
    assert (w["a"].quantity, expired.remaining) == (6, 0)
    assert returned.lines.get().quantity == 3
    assert (returned.reason, returned.returned_by) == ("kedaluwarsa", w["clerk"])


@pytest.mark.parametrize(
    "quantity, reason, message",
    [(4, "rusak", "only 3 left"), (2, "  ", "reason")],
    ids=["beyond-remaining", "no-reason"],
)
def test_bad_returns_are_refused_and_change_nothing(w, quantity, reason, message):
    receive(w, Received(w["a"], 3, days(20)))
    batch = ShelfBatch.objects.get()
    with pytest.raises(ValidationError, match=message):
        return_to_vendor(
            w["rppkum"], w["vendor_a"], w["clerk"], [Returned(batch, quantity)], reason
        )
    batch.refresh_from_db()
    w["a"].refresh_from_db()
    assert (batch.remaining, w["a"].quantity) == (3, 3)
    assert not VendorReturn.objects.exists()


def test_a_batch_cannot_be_returned_to_another_vendor(w):
    receive(w, Received(w["a"], 3, days(20)))
    batch = ShelfBatch.objects.get()
    with pytest.raises(ValidationError):
        return_to_vendor(w["rppkum"], w["vendor_b"], w["clerk"], [Returned(batch, 1)], "salah")
    assert ShelfBatch.objects.get().remaining == 3
