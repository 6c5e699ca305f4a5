"""Rows for the buyers' and the figures' tests, made directly with the models: a request, its
accepted quote and contract, deliveries with received quantities, invoices."""

import datetime
import itertools

from django.utils import timezone

from orders.contracts.models import (
    ContractDelivery,
    ContractLine,
    DeliveryLine,
    Invoice,
    SupplyContract,
)
from orders.partnerships.models import PartnershipRequest, Quote
from tests.factories import VendorFactory

_n = itertools.count(1)
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def partnership(email="pengadaan@hotel.example", buyer_type="hotel", status="accepted", **extra):
    n = next(_n)
    return PartnershipRequest.objects.create(
        number=f"KMT{n:04d}",
        organisation=extra.pop("organisation", "Hotel Cisadane Asri"),
        buyer_type=buyer_type,
        contact_name="Rudi",
        email=email,
        whatsapp="6281298765432",
        quantity=100,
        unit="pcs",
        frequency="monthly",
        delivery_place="Kelapa Dua",
        wanted_by=datetime.date(2026, 12, 31),
        status=status,
        **extra,
    )


def contract(
    email="pengadaan@hotel.example",
    vendor=None,
    buyer_type="hotel",
    unit_price=5000,
    status="active",
    created_at=None,
):
    vendor = vendor or VendorFactory(slug=f"fig-vendor-{next(_n)}")
    request = partnership(email=email, buyer_type=buyer_type)
    quote = Quote.objects.create(
        request=request,
        vendor=vendor,
        unit_price=unit_price,
        min_order=1,
        lead_time_days=3,
        delivery_terms="Diantar",
        valid_until=datetime.date(2026, 12, 31),
        status="accepted",
    )
    made = SupplyContract.objects.create(
        number=f"KS{next(_n):05d}",
        request=request,
        quote=quote,
        vendor=vendor,
        buyer_legal_name="PT Cisadane Asri",
        buyer_npwp="0123456789012345",
        buyer_email=email,
        buyer_contact="Rudi",
        delivery_address="Kelapa Dua",
        frequency="monthly",
        start_date=datetime.date(2026, 3, 1),
        deliveries_count=3,
        status=status,
        created_at=created_at or timezone.now(),
    )
    ContractLine.objects.create(
        contract=made, description="Keripik", unit="pcs", quantity=100, unit_price=unit_price
    )
    return made


def delivery(contract, sequence, scheduled_on, received_at=None, received=None, status=None):
    """A delivery of the contract's first line; received (quantity) at ``received_at``."""
    line = contract.lines.first()
    made = ContractDelivery.objects.create(
        contract=contract,
        sequence=sequence,
        scheduled_on=scheduled_on,
        status=status or ("received" if received_at else "scheduled"),
        received_at=received_at,
    )
    DeliveryLine.objects.create(
        delivery=made, contract_line=line, quantity=line.quantity, quantity_received=received
    )
    return made


def invoice(contract, number, total, issued_on, due_on, status="issued", delivery=None):
    return Invoice.objects.create(
        vendor=contract.vendor,
        contract=contract,
        delivery=delivery,
        number=number,
        buyer_legal_name=contract.buyer_legal_name,
        buyer_npwp=contract.buyer_npwp,
        buyer_address=contract.delivery_address,
        subtotal=total,
        total=total,
        issued_on=issued_on,
        due_on=due_on,
        status=status,
        created_at=datetime.datetime.combine(issued_on, datetime.time(9), tzinfo=JAKARTA),
    )
