"""Payment by bank transfer: the buyer's receipt and the staff's decision on it. Confirming
makes the order paid through ``payment.mark_paid``, the same path as a Stripe payment (vendor
notices, ledger, e-mail). A rejected receipt leaves the order waiting for payment: the buyer
can upload another one until the reservation runs out; then
``reservations.expire_reservations`` cancels it and releases the stock like an unpaid card
order. Staff may still confirm a transfer that arrives after that, if the stock is there. The
account buyers transfer to is ``orders.transfers.collecting_account``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.validators import validate_evidence_document

from ..emails import send_order_emails
from ..models import Order
from .events import log
from .payment import mark_paid

Receipt = Order.Receipt


def submit_receipt(order: Order, upload) -> Order:
    """The buyer's proof of transfer (PDF, JPEG or PNG, at most 5 MB, judged by content as
    the vendors' documents are), kept in the private storage. A new upload replaces one
    that was rejected or is still waiting."""
    validate_evidence_document(upload)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not order.awaits_transfer:
            raise ValidationError(_("This order is not waiting for a bank transfer."))
        replaced = order.transfer_receipt.name
        order.transfer_receipt.save(upload.name, upload, save=False)
        order.receipt_status = Receipt.UPLOADED
        order.receipt_uploaded_at = timezone.now()
        order.receipt_note = ""
        order.save(
            update_fields=[
                "transfer_receipt",
                "receipt_status",
                "receipt_uploaded_at",
                "receipt_note",
            ]
        )
        log(order, "receipt_uploaded")
        if replaced:
            # One receipt per order in the storage: the one replaced is not kept.
            storage = order.transfer_receipt.storage
            transaction.on_commit(lambda: storage.delete(replaced))
    return order


def _staff_only(officer) -> None:
    if officer is None or not (officer.is_active and officer.is_staff):
        raise PermissionDenied


def confirm_transfer(order: Order, officer) -> tuple[Order, str]:
    """Staff saw the money arrive: the order becomes paid exactly as from Stripe. Returns
    the order and mark_paid's outcome ("paid", "already paid", "paid too late…")."""
    _staff_only(officer)
    order = Order.objects.get(pk=order.pk)
    if order.payment_method != Order.Payment.TRANSFER:
        raise ValidationError(_("This order is not paid by bank transfer."))
    if not Order.TRANSITIONS.allows(order.status, Order.Status.PAID):
        raise ValidationError(_("This order is already paid."))
    with transaction.atomic():
        log(order, "transfer_confirmed", actor=officer)
        order, outcome = mark_paid(order, amount=order.total, currency="idr", source="transfer")
        if outcome == "paid":
            Order.objects.filter(pk=order.pk).update(receipt_status=Receipt.CONFIRMED)
        else:
            transaction.set_rollback(True)
    if outcome != "paid" and outcome != "already paid":
        log(order, "transfer_not_booked", actor=officer)
    order.refresh_from_db()
    return order, outcome


def reject_receipt(order: Order, officer, reason: str) -> Order:
    """The receipt does not show the payment (wrong amount, unreadable, another account…).
    The order keeps waiting for payment until its deadline; the buyer is e-mailed why and
    may upload another receipt."""
    _staff_only(officer)
    reason = " ".join((reason or "").split())[:250]
    if not reason:
        raise ValidationError(_("Say why, so that the buyer knows what to do."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not order.awaits_transfer:
            raise ValidationError(_("This order is not waiting for a bank transfer."))
        if order.receipt_status != Receipt.UPLOADED:
            raise ValidationError(_("There is no receipt waiting for a check."))
        order.receipt_status = Receipt.REJECTED
        order.receipt_note = reason
        order.save(update_fields=["receipt_status", "receipt_note"])
        log(order, "receipt_rejected", {"reason": reason}, actor=officer)
        transaction.on_commit(lambda: send_order_emails.enqueue(order.pk, "receipt_rejected"))
    return order
