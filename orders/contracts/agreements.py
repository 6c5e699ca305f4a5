"""Supply contracts: drawn from a request's accepted quote, with their schedule, and the
changes either side asks and the other answers (pause, resume, end). Every status change goes
through ``SupplyContract.TRANSITIONS``; every step is a ``ContractEvent``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from core.references import create_with_reference
from orders.partnerships.models import PartnershipRequest, Quote

from .contract_mail import send_contract_email
from .models import ContractDelivery, ContractEvent, ContractLine, DeliveryLine, SupplyContract
from .schedule import delivery_dates

Status = SupplyContract.Status
Change = SupplyContract.Change
Side = SupplyContract.Side
Delivery = ContractDelivery.Status
# What each change asks the contract to become.
CHANGE_STATUS = {
    Change.PAUSE: Status.PAUSED,
    Change.RESUME: Status.ACTIVE,
    Change.END: Status.ENDED,
}


def log(contract, kind, params=None, *, by_buyer=False, actor=None, message="", notify=()):
    """Write the contract's event ``kind``; mail the sides named in ``notify`` ("buyer",
    "vendor") once the transaction commits."""
    ContractEvent.objects.create(
        contract=contract,
        kind=kind,
        params=params or {},
        by_buyer=by_buyer,
        actor=actor,
        message=message[:300],
    )
    for side in notify:
        transaction.on_commit(
            lambda side=side: send_contract_email.enqueue(contract.pk, kind, side == Side.BUYER)
        )


def accepted_quote(partnership) -> Quote | None:
    """The quote the buyer accepted, with its vendor, or None."""
    if partnership.status != PartnershipRequest.Status.ACCEPTED:
        return None
    return partnership.quotes.select_related("vendor").filter(status=Quote.Status.ACCEPTED).first()


def contract_initial(partnership, quote) -> dict:
    """What the contract form starts with: the request's details and the agreed terms."""
    frequency = quote.frequency or partnership.frequency
    start = quote.first_delivery or partnership.wanted_by
    return {
        "buyer_legal_name": partnership.organisation,
        "buyer_npwp": partnership.npwp,
        "delivery_address": partnership.delivery_place,
        "frequency": frequency,
        "start_date": max(start, timezone.localdate()),
        "deliveries_count": 1 if frequency == PartnershipRequest.Frequency.ONCE else 3,
        "invoicing": SupplyContract.Invoicing.PER_DELIVERY,
    }


def contract_lines(partnership, quote) -> list[dict]:
    """The lines: each of the request's products of the quoting vendor (or one line from the
    request's needs), at the agreed quantity; the agreed price, but never above the product's
    own price for that quantity (tier prices apply)."""
    quantity = quote.quantity or partnership.quantity
    products = Product.objects.filter(
        pk__in=partnership.products.values("pk"), vendor_id=quote.vendor_id
    ).prefetch_related("tier_prices")
    lines = [
        {
            "product": product,
            "description": product.name,
            "unit": partnership.unit,
            "quantity": quantity,
            "unit_price": min(quote.unit_price, product.unit_price_for(quantity)),
        }
        for product in products.order_by("pk")
    ]
    if not lines:
        description = (partnership.needs or partnership.number).strip().splitlines()[0]
        lines.append(
            {
                "product": None,
                "description": description[:200],
                "unit": partnership.unit,
                "quantity": quantity,
                "unit_price": quote.unit_price,
            }
        )
    return lines


def check_terms(data: dict) -> None:
    """Refuse a schedule in the past; one delivery when the frequency is once."""
    if data["start_date"] < timezone.localdate():
        raise ValidationError(
            {"start_date": _("The first delivery cannot be in the past.")}, code="past"
        )
    if data["frequency"] == PartnershipRequest.Frequency.ONCE and data["deliveries_count"] != 1:
        raise ValidationError(
            {"deliveries_count": _("A one-time supply has one delivery.")}, code="once"
        )


@transaction.atomic
def create_contract(partnership, data: dict) -> tuple[SupplyContract, bool]:
    """The contract of ``partnership``'s accepted quote with the buyer's ``data``; (contract,
    created): a second submission returns the existing contract unchanged."""
    partnership = PartnershipRequest.objects.select_for_update().get(pk=partnership.pk)
    existing = SupplyContract.objects.filter(request=partnership).first()
    if existing is not None:
        return existing, False
    quote = accepted_quote(partnership)
    if quote is None:
        raise ValidationError(_("A contract needs an accepted quote."))
    check_terms(data)

    def create(number):
        return SupplyContract.objects.create(
            number=number,
            request=partnership,
            quote=quote,
            vendor=quote.vendor,
            buyer_email=partnership.email,
            buyer_contact=partnership.contact_name,
            payment_terms_days=quote.payment_terms_days,
            **data,
        )

    contract = create_with_reference(create, "KK", 4)
    lines = [ContractLine(contract=contract, **line) for line in contract_lines(partnership, quote)]
    ContractLine.objects.bulk_create(lines)
    _schedule(contract, lines)
    log(contract, "agreed", {"number": contract.number}, by_buyer=True, notify=("vendor", "buyer"))
    return contract, True


def _schedule(contract, lines) -> None:
    dates = delivery_dates(contract.start_date, contract.frequency, contract.deliveries_count)
    deliveries = ContractDelivery.objects.bulk_create(
        ContractDelivery(contract=contract, sequence=n, scheduled_on=day)
        for n, day in enumerate(dates, start=1)
    )
    if deliveries[0].pk is None:  # databases that do not return ids from a bulk insert
        deliveries = list(contract.deliveries.order_by("sequence"))
    DeliveryLine.objects.bulk_create(
        DeliveryLine(delivery=delivery, contract_line=line, quantity=line.quantity)
        for delivery in deliveries
        for line in lines
    )


def contract_for_page(queryset, **lookup) -> SupplyContract:
    """One contract with what its page shows, in a fixed number of queries."""
    return (
        queryset.select_related("vendor", "request")
        .prefetch_related(
            "lines",
            Prefetch(
                "deliveries",
                ContractDelivery.objects.prefetch_related("lines__contract_line"),
            ),
            Prefetch("events", ContractEvent.objects.select_related("actor")),
        )
        .get(**lookup)
    )


def vendor_contracts(vendor):
    """The one rule every vendor page of contracts goes through."""
    return SupplyContract.objects.filter(vendor=vendor)


def _locked(contract) -> SupplyContract:
    return SupplyContract.objects.select_for_update().get(pk=contract.pk)


def _other(side: str) -> str:
    return Side.VENDOR if side == Side.BUYER else Side.BUYER


@transaction.atomic
def ask_change(contract, change: str, side: str, reason: str, user=None) -> SupplyContract:
    """One side asks to pause, resume or end the contract; the other answers."""
    contract = _locked(contract)
    if contract.change_requested:
        raise ValidationError(_("A change is already asked for; wait for the answer."))
    if change not in CHANGE_STATUS:
        raise ValidationError(_("This change is not possible."))
    SupplyContract.TRANSITIONS.check(contract, CHANGE_STATUS[change])
    if not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    contract.change_requested, contract.change_requested_by = change, side
    contract.change_reason = reason.strip()[:300]
    contract.save(update_fields=["change_requested", "change_requested_by", "change_reason"])
    log(
        contract,
        f"asked_{change}",
        by_buyer=side == Side.BUYER,
        actor=user,
        message=contract.change_reason,
        notify=(_other(side),),
    )
    return contract


@transaction.atomic
def answer_change(contract, side: str, agree: bool, user=None) -> SupplyContract:
    """The other side agrees (the status changes) or declines (nothing changes)."""
    contract = _locked(contract)
    change = contract.change_requested
    if not change or contract.change_requested_by == side:
        raise ValidationError(_("There is no change for you to answer."))
    if agree:
        new = CHANGE_STATUS[change]
        SupplyContract.TRANSITIONS.check(contract, new)
        contract.status = new
        if new == Status.ENDED:
            contract.deliveries.filter(status=Delivery.SCHEDULED).update(status=Delivery.CANCELLED)
    contract.change_requested = contract.change_requested_by = contract.change_reason = ""
    contract.save()
    kind = f"{'agreed' if agree else 'declined'}_{change}"
    log(contract, kind, by_buyer=side == Side.BUYER, actor=user, notify=(_other(side),))
    return contract


def complete_if_done(contract) -> None:
    """An active contract whose every delivery is received or cancelled is completed."""
    if contract.status != Status.ACTIVE:
        return
    if contract.deliveries.exclude(status__in=[Delivery.RECEIVED, Delivery.CANCELLED]).exists():
        return
    SupplyContract.TRANSITIONS.check(contract, Status.COMPLETED)
    contract.status = Status.COMPLETED
    contract.save(update_fields=["status"])
    log(contract, "completed", notify=(Side.BUYER, Side.VENDOR))


def upcoming_deliveries(vendor, limit: int):
    """The vendor's next scheduled deliveries of its active contracts, soonest first."""
    return (
        ContractDelivery.objects.filter(
            contract__vendor=vendor,
            contract__status=Status.ACTIVE,
            status=Delivery.SCHEDULED,
        )
        .select_related("contract")
        .order_by("scheduled_on", "pk")[:limit]
    )


def set_take_from_stock(contract, vendor, value: bool, user=None) -> None:
    if contract.vendor_id != vendor.pk:
        raise PermissionDenied
    SupplyContract.objects.filter(pk=contract.pk).update(take_from_stock=value)
    log(contract, "stock_on" if value else "stock_off", actor=user)
