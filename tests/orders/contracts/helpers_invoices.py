"""Contracts, deliveries and invoices written straight with the models, for the invoice
tests (the contract and delivery services are another area's)."""

import datetime
import itertools

from django.utils import timezone

from orders.contracts.models import (
    ContractDelivery,
    ContractLine,
    DeliveryLine,
    SupplyContract,
)
from orders.partnerships import services as partnerships
from orders.partnerships.models import Quote
from tests.factories import MembershipFactory, VendorFactory
from tests.orders.partnerships.test_partnerships import quote_terms, request_data

_numbers = itertools.count(1)
BUYER_NPWP = "0123456789012345"


def vendor_with_member(**fields):
    vendor = VendorFactory(**fields)
    member = MembershipFactory(vendor=vendor)
    return vendor, member.user


def make_contract(
    vendor,
    *,
    invoicing=SupplyContract.Invoicing.PER_DELIVERY,
    terms=30,
    lines=(("Keripik singkong 100 g", "pcs", 100, 2500),),
):
    number = next(_numbers)
    # Each its own buyer address and IP, so the request form's rate limit never trips.
    request = partnerships.submit_request(
        request_data(vendor=vendor, email=f"buyer{number}@hotel.example"),
        ip=f"10.0.{number // 250}.{number % 250}",
    )
    quote = Quote.objects.create(request=request, vendor=vendor, **quote_terms())
    contract = SupplyContract.objects.create(
        number=f"KTR-T-{number:04d}",
        request=request,
        quote=quote,
        vendor=vendor,
        buyer_legal_name="PT Cisadane Asri Hotel",
        buyer_npwp=BUYER_NPWP,
        buyer_email="pengadaan@hotel.example",
        buyer_contact="Rudi Hartono",
        delivery_address="Jl. Raya Serpong 8, Kelapa Dua",
        frequency="monthly",
        start_date=timezone.localdate(),
        deliveries_count=3,
        invoicing=invoicing,
        payment_terms_days=terms,
    )
    for description, unit, quantity, price in lines:
        ContractLine.objects.create(
            contract=contract,
            description=description,
            unit=unit,
            quantity=quantity,
            unit_price=price,
        )
    return contract


def receive(contract, sequence=1, received=None, at=None):
    """A delivery of every line, received (``received`` quantities, default all)."""
    at = at or timezone.now()
    delivery = ContractDelivery.objects.create(
        contract=contract,
        sequence=sequence,
        scheduled_on=timezone.localdate(at),
        status=ContractDelivery.Status.RECEIVED,
        dispatched_at=at - datetime.timedelta(hours=3),
        received_at=at,
        received_by="Rudi",
        bast_number=f"BAST/{contract.number}/{sequence}",
    )
    for index, line in enumerate(contract.lines.all()):
        quantity = received[index] if received is not None else line.quantity
        DeliveryLine.objects.create(
            delivery=delivery,
            contract_line=line,
            quantity=line.quantity,
            quantity_received=quantity,
        )
    return delivery
