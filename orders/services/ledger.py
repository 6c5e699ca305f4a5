"""The vendors' ledger: a sale and its commission when an order is paid, a refund to the
buyer (and the commission given back), and the payouts staff make to vendors."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vendors.models import Vendor

from .. import payments
from ..models import LedgerEntry, Order, OrderPart, OrderSettings
from .states import move_part, set_order_status


def commission_for(amount: int) -> int:
    percent = OrderSettings.load().commission_percent
    return int((Decimal(amount) * percent / 100).quantize(Decimal("1"), ROUND_HALF_UP))


def refund(order: Order, officer, part: OrderPart | None = None, http_client=None) -> int:
    """Refund a whole order, or one vendor's part, through Stripe; the ledger follows."""
    if officer is None or not officer.is_staff:
        raise PermissionDenied
    order = Order.objects.get(pk=order.pk)
    if not Order.TRANSITIONS.allows(order.status, Order.Status.REFUNDED):
        raise ValidationError(_("Only a paid order can be refunded."))
    parts = [part] if part is not None else list(order.parts.all())
    amount = sum(p.total - p.refunded_amount for p in parts)
    if amount <= 0:
        raise ValidationError(_("Nothing left to refund."))
    if order.payment_method == Order.Payment.CARD:
        if not order.stripe_payment_intent:
            raise ValidationError(_("No Stripe payment is recorded for this order."))
        key = f"refund-{order.number}-{'-'.join(str(p.pk) for p in parts)}"
        payments.refund(order.stripe_payment_intent, amount, key=key, http_client=http_client)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        locked = OrderPart.objects.select_for_update().select_related("vendor")
        for p in (locked.get(pk=p.pk) for p in parts):
            _refund_part(order, p, officer)
        order.refunded_amount = sum(order.parts.values_list("refunded_amount", flat=True))
        if order.refunded_amount >= order.total:
            set_order_status(
                order,
                Order.Status.REFUNDED,
                kind="refunded",
                actor=officer,
                fields=["refunded_amount"],
            )
        else:
            order.save(update_fields=["refunded_amount"])
    return amount


def _refund_part(order: Order, part: OrderPart, officer) -> None:
    """What is left of a (locked) part goes back to the buyer: refunded, and taken off its
    vendor's ledger with the commission given back."""
    owed = part.total - part.refunded_amount
    if owed <= 0:
        return
    part.refunded_amount = part.total
    move_part(
        part,
        order,
        OrderPart.Status.REFUNDED,
        kind="part_refunded",
        params={"amount": owed, "vendor": part.vendor.name},
        actor=officer,
        fields=["refunded_amount"],
    )
    LedgerEntry.objects.create(
        vendor_id=part.vendor_id,
        part=part,
        kind=LedgerEntry.Kind.REFUND,
        amount=-owed,
        reference=order.number,
        created_by=officer,
    )
    commission = commission_for(part.subtotal)
    if commission:
        LedgerEntry.objects.create(
            vendor_id=part.vendor_id,
            part=part,
            kind=LedgerEntry.Kind.COMMISSION,
            amount=commission,
            reference=f"{order.number} refund",
            created_by=officer,
        )


def record_payout(vendor: Vendor, officer, amount: int, reference: str) -> LedgerEntry:
    """Staff record a bank transfer to a vendor."""
    if officer is None or not officer.is_staff:
        raise PermissionDenied
    if amount <= 0:
        raise ValidationError(_("A payout is a positive amount."))
    if not reference.strip():
        raise ValidationError(_("Give the bank transfer reference."))
    return LedgerEntry.objects.create(
        vendor=vendor,
        kind=LedgerEntry.Kind.PAYOUT,
        amount=-amount,
        reference=reference,
        created_by=officer,
    )
