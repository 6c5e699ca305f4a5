"""The vendor dispatches a scheduled delivery: refused while the contract is paused or over,
or when the delivery is not scheduled; from the shop's online stock when the contract says
so (under a row lock, refused with the shortfall), else stock is untouched."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product

from .agreements import log
from .models import ContractDelivery, SupplyContract

Delivery = ContractDelivery.Status


def _take_stock(delivery) -> None:
    wanted = {}
    for line in delivery.lines.select_related("contract_line"):
        product_id = line.contract_line.product_id
        if product_id is not None:
            wanted[product_id] = wanted.get(product_id, 0) + line.quantity
    products = Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    short = [
        _("%(product)s: %(missing)s short") % {"product": p.name, "missing": wanted[p.pk] - p.stock}
        for p in products
        if p.stock < wanted[p.pk]
    ]
    if short:
        raise ValidationError(
            _("Not enough online stock: %(shortfall)s.") % {"shortfall": "; ".join(short)},
            code="stock",
        )
    for product_id, quantity in wanted.items():
        Product.objects.filter(pk=product_id).update(stock=F("stock") - quantity)


@transaction.atomic
def dispatch(delivery, vendor, note: str = "", user=None) -> ContractDelivery:
    """The vendor marks ``delivery`` dispatched, with a note."""
    delivery = ContractDelivery.objects.select_for_update().get(pk=delivery.pk)
    contract = SupplyContract.objects.select_for_update().get(pk=delivery.contract_id)
    if contract.vendor_id != vendor.pk:
        raise PermissionDenied
    if contract.status != SupplyContract.Status.ACTIVE:
        raise ValidationError(
            _("The contract is %(status)s: nothing is dispatched.")
            % {"status": contract.get_status_display().lower()},
            code="contract_status",
        )
    if delivery.status != Delivery.SCHEDULED:
        raise ValidationError(_("This delivery is not waiting to be dispatched."), code="status")
    ContractDelivery.TRANSITIONS.check(delivery, Delivery.DISPATCHED)
    if contract.take_from_stock:
        _take_stock(delivery)
    delivery.status = Delivery.DISPATCHED
    delivery.dispatched_at = timezone.now()
    delivery.dispatch_note = note.strip()[:300]
    delivery.save(update_fields=["status", "dispatched_at", "dispatch_note"])
    log(
        contract,
        "dispatched",
        {"sequence": delivery.sequence},
        actor=user,
        message=delivery.dispatch_note,
        notify=("buyer",),
    )
    return delivery
