"""Deliveries of a supply contract: the vendor dispatches (from online stock only when the
contract says so), the buyer confirms receipt (BAST), refusals leave nothing changed."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog.models import Product
from orders.contracts import agreements, bast, deliveries
from orders.contracts.models import ContractDelivery, SupplyContract
from tests.factories import VendorFactory
from tests.orders.contracts.helpers_contracts import NOW, make_contract

pytestmark = pytest.mark.django_db

Delivery = ContractDelivery.Status


@pytest.fixture(autouse=True)
def _clock():
    # Refusals are read in English (the msgids).
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


def first(contract) -> ContractDelivery:
    return contract.deliveries.get(sequence=1)


def receive_all(delivery, **kwargs):
    quantities = {line.pk: line.quantity for line in delivery.lines.all()}
    return bast.confirm_receipt(delivery, "Sari (store keeper)", quantities, **kwargs)


def test_dispatch_leaves_stock_alone_unless_the_contract_says_so():
    contract, vendor, user, product = make_contract()
    deliveries.dispatch(first(contract), vendor, "Driver Asep, 09.00", user)
    delivery = first(contract)
    assert (delivery.status, delivery.dispatch_note) == (Delivery.DISPATCHED, "Driver Asep, 09.00")
    assert Product.objects.get(pk=product.pk).stock == 10
    assert contract.events.filter(kind="dispatched").exists()


def test_dispatch_from_stock_takes_the_quantities_or_refuses_with_the_shortfall():
    contract, vendor, user, product = make_contract()
    agreements.set_take_from_stock(contract, vendor, True, user)
    with pytest.raises(ValidationError) as error:
        deliveries.dispatch(first(contract), vendor, "", user)
    assert "590 short" in str(error.value)
    assert first(contract).status == Delivery.SCHEDULED
    Product.objects.filter(pk=product.pk).update(stock=1000)
    deliveries.dispatch(first(contract), vendor, "", user)
    assert Product.objects.get(pk=product.pk).stock == 400


def test_no_dispatch_while_paused_or_twice_or_by_another_vendor():
    contract, vendor, user, _ = make_contract()
    with pytest.raises(Exception):  # noqa: B017, PT011  (PermissionDenied)
        deliveries.dispatch(first(contract), VendorFactory(), "", None)
    deliveries.dispatch(first(contract), vendor, "", user)
    with pytest.raises(ValidationError, match="not waiting"):
        deliveries.dispatch(first(contract), vendor, "", user)
    agreements.ask_change(contract, "pause", "buyer", "Closed for renovation")
    agreements.answer_change(contract, "vendor", True, user)
    second = contract.deliveries.get(sequence=2)
    with pytest.raises(ValidationError, match="paused"):
        deliveries.dispatch(second, vendor, "", user)
    assert ContractDelivery.objects.get(pk=second.pk).status == Delivery.SCHEDULED


def test_receipt_gives_the_bast_number_and_twice_is_refused():
    contract, vendor, user, _ = make_contract()
    deliveries.dispatch(first(contract), vendor, "", user)
    delivery = receive_all(first(contract))
    assert delivery.bast_number == f"BAST/{contract.number}/1"
    assert delivery.lines.get().quantity_received == 600
    with pytest.raises(ValidationError, match="already confirmed"):
        receive_all(first(contract), note="again")
    assert first(contract).shortfall_note == ""
    assert contract.events.filter(kind="received").count() == 1


@pytest.mark.parametrize("received", [601, -1])
def test_quantity_above_sent_or_negative_is_refused(received):
    contract, vendor, user, _ = make_contract()
    deliveries.dispatch(first(contract), vendor, "", user)
    delivery = first(contract)
    line = delivery.lines.get()
    with pytest.raises(ValidationError):
        bast.confirm_receipt(delivery, "Sari", {line.pk: received}, "short")
    assert first(contract).status == Delivery.DISPATCHED
    assert delivery.lines.get().quantity_received is None


def test_a_shortfall_needs_a_note():
    contract, vendor, user, _ = make_contract()
    deliveries.dispatch(first(contract), vendor, "", user)
    delivery = first(contract)
    line = delivery.lines.get()
    with pytest.raises(ValidationError, match="short"):
        bast.confirm_receipt(delivery, "Sari", {line.pk: 550}, "")
    bast.confirm_receipt(delivery, "Sari", {line.pk: 550}, "50 bags torn")
    assert first(contract).lines.get().quantity_received == 550


def test_not_dispatched_cannot_be_received():
    contract, *_ = make_contract()
    with pytest.raises(ValidationError, match="not been dispatched"):
        receive_all(first(contract))


def test_contract_completes_when_every_delivery_is_received():
    contract, vendor, user, _ = make_contract(deliveries_count=2)
    for delivery in contract.deliveries.order_by("sequence"):
        deliveries.dispatch(delivery, vendor, "", user)
        receive_all(delivery)
    contract.refresh_from_db()
    assert contract.status == SupplyContract.Status.COMPLETED
