"""Invoices of supply contracts: issued when the buyer confirms a delivery (or once a month),
numbered per vendor, with the tax the vendor charges. Paying and reminding are in
``invoice_payments``."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.time import JAKARTA
from vendors.models import Vendor

from .invoice_tasks import send_invoice_email
from .models import (
    ContractDelivery,
    ContractEvent,
    DeliveryLine,
    Invoice,
    InvoiceLine,
    SupplyContract,
)

# PMK 131/2024: a PKP charges PPN 12 % on the "nilai lain" tax base, 11/12 of the price.
VAT_RATE = Decimal("0.12")
TAX_BASE_SHARE = Decimal(11) / Decimal(12)


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tax_amounts(subtotal: int, is_pkp: bool) -> dict:
    """The invoice's tax fields: a PKP's DPP (11/12 of the price) and PPN 12 % on it, added to
    the total; nothing for a vendor that is not a PKP."""
    if not is_pkp:
        return {"subtotal": subtotal, "tax_base": 0, "vat": 0, "total": subtotal}
    tax_base = _round(Decimal(subtotal) * TAX_BASE_SHARE)
    vat = _round(Decimal(tax_base) * VAT_RATE)
    return {"subtotal": subtotal, "tax_base": tax_base, "vat": vat, "total": subtotal + vat}


def today() -> datetime.date:
    return timezone.localdate(timezone.now(), JAKARTA)


def next_number(vendor_id: int, year: int) -> str:
    """The vendor's next invoice number of ``year``, ``INV/<vendor>/<year>/<seq>``, gap-free.
    Call inside a transaction: the vendor's row is locked until it commits, so two invoices
    of one vendor are numbered one after the other."""
    Vendor.objects.select_for_update().filter(pk=vendor_id).values_list("pk", flat=True).get()
    prefix = f"INV/{vendor_id}/{year}/"
    issued = Invoice.objects.filter(vendor_id=vendor_id, number__startswith=prefix).count()
    return f"{prefix}{issued + 1:04d}"


def _issue(contract: SupplyContract, lines: list[dict], *, delivery=None, period=None):
    """Write one invoice with its lines (each a dict: description, unit, quantity,
    unit_price), the parties' details copied in. Inside the caller's transaction."""
    vendor = contract.vendor
    issued_on = today()
    subtotal = sum(line["quantity"] * line["unit_price"] for line in lines)
    invoice = Invoice.objects.create(
        vendor=vendor,
        contract=contract,
        delivery=delivery,
        period=period,
        number=next_number(vendor.pk, issued_on.year),
        buyer_legal_name=contract.buyer_legal_name,
        buyer_npwp=contract.buyer_npwp,
        buyer_address=contract.delivery_address,
        vendor_npwp=vendor.npwp,
        vendor_is_pkp=vendor.is_pkp,
        issued_on=issued_on,
        due_on=issued_on + datetime.timedelta(days=contract.payment_terms_days),
        **tax_amounts(subtotal, vendor.is_pkp),
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, amount=line["quantity"] * line["unit_price"], **line)
        for line in lines
    )
    ContractEvent.objects.create(
        contract=contract,
        kind="invoice_issued",
        params={"number": invoice.number, "total": invoice.total},
    )
    transaction.on_commit(lambda: send_invoice_email.enqueue(invoice.pk, "issued"))
    return invoice


def _lines_of(delivery_lines) -> list[dict]:
    """Invoice lines for the quantities received, one per contract line (summed over the
    deliveries of a month), lines received as nothing left out."""
    by_line: dict[int, dict] = {}
    for item in delivery_lines:
        received = item.quantity_received or 0
        if not received:
            continue
        line = item.contract_line
        entry = by_line.setdefault(
            line.pk,
            {
                "description": line.description,
                "unit": line.unit,
                "quantity": 0,
                "unit_price": line.unit_price,
            },
        )
        entry["quantity"] += received
    return list(by_line.values())


def delivery_received(delivery) -> Invoice | None:
    """Called by the delivery service, inside its transaction, when the buyer confirms receipt
    of ``delivery``: issues its invoice (the quantities received at the contract's prices)
    when the contract invoices per delivery. None otherwise, or when nothing was received."""
    contract = SupplyContract.objects.select_related("vendor").get(pk=delivery.contract_id)
    if contract.invoicing != SupplyContract.Invoicing.PER_DELIVERY:
        return None
    if Invoice.objects.filter(delivery=delivery).exists():
        return None
    lines = _lines_of(
        DeliveryLine.objects.filter(delivery=delivery).select_related("contract_line")
    )
    if not lines:
        return None
    return _issue(contract, lines, delivery=delivery)


def month_bounds(first_day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight of the month's first day and of the next month's, in Jakarta."""
    start = datetime.datetime(first_day.year, first_day.month, 1, tzinfo=JAKARTA)
    following = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = datetime.datetime(following.year, following.month, 1, tzinfo=JAKARTA)
    return start, end


def previous_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def issue_month_invoice(contract: SupplyContract, period: datetime.date) -> Invoice | None:
    """The monthly contract's invoice for the deliveries received in the Jakarta month
    ``period`` (its first day); None when it exists already or nothing was received."""
    start, end = month_bounds(period)
    try:
        with transaction.atomic():
            if Invoice.objects.filter(contract=contract, period=period).exists():
                return None
            delivery_lines = DeliveryLine.objects.filter(
                delivery__contract=contract,
                delivery__status=ContractDelivery.Status.RECEIVED,
                delivery__received_at__gte=start,
                delivery__received_at__lt=end,
            ).select_related("contract_line")
            lines = _lines_of(delivery_lines)
            if not lines:
                return None
            return _issue(contract, lines, period=period)
    except IntegrityError:
        # Another run issued it at the same moment (one invoice per contract and month).
        return None


def issue_monthly_invoices(on: datetime.date | None = None) -> int:
    """Issue every monthly contract's invoice for the last Jakarta month (run daily; each
    contract and month gets one, however often it runs). Returns how many were issued."""
    period = previous_month(on or today())
    start, end = month_bounds(period)
    contracts = (
        SupplyContract.objects.filter(
            invoicing=SupplyContract.Invoicing.MONTHLY,
            deliveries__status=ContractDelivery.Status.RECEIVED,
            deliveries__received_at__gte=start,
            deliveries__received_at__lt=end,
        )
        .exclude(invoices__period=period)
        .select_related("vendor")
        .distinct()
    )
    return sum(1 for contract in contracts if issue_month_invoice(contract, period))
