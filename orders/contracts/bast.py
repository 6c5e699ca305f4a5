"""The buyer confirms receipt of a dispatched delivery (who received it, the quantity of each
line, a note on shortfalls): the delivery receipt (BAST, berita acara serah terima), numbered
``BAST/<contract number>/<sequence>``, printable and as PDF. Confirming twice is refused."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import Paper

from . import invoicing
from .agreements import complete_if_done, log
from .models import ContractDelivery, DeliveryLine, SupplyContract

Delivery = ContractDelivery.Status


def _check_quantities(lines, quantities: dict) -> bool:
    """Refuse a missing, negative or too large quantity; True when something is short."""
    errors = {}
    for line in lines:
        received = quantities.get(line.pk)
        if received is None or received < 0 or received > line.quantity:
            errors[f"line_{line.pk}"] = _("Between 0 and the %(sent)s sent.") % {
                "sent": line.quantity
            }
    if errors:
        raise ValidationError(errors, code="quantity")
    return any(quantities[line.pk] < line.quantity for line in lines)


@transaction.atomic
def confirm_receipt(delivery, received_by: str, quantities: dict, note: str = ""):
    """The buyer (holder of the private link) confirms ``delivery``: ``quantities`` maps each
    delivery line's id to the quantity received."""
    delivery = ContractDelivery.objects.select_for_update().get(pk=delivery.pk)
    contract = SupplyContract.objects.select_for_update().get(pk=delivery.contract_id)
    if delivery.status == Delivery.RECEIVED:
        raise ValidationError(_("This delivery is already confirmed."), code="already")
    if delivery.status != Delivery.DISPATCHED:
        raise ValidationError(_("This delivery has not been dispatched yet."), code="status")
    ContractDelivery.TRANSITIONS.check(delivery, Delivery.RECEIVED)
    if not received_by.strip():
        raise ValidationError({"received_by": _("Who received the delivery?")})
    lines = list(delivery.lines.all())
    if _check_quantities(lines, quantities) and not note.strip():
        raise ValidationError(
            {"shortfall_note": _("Something is short: say what, in the note.")}, code="note"
        )
    for line in lines:
        line.quantity_received = quantities[line.pk]
    DeliveryLine.objects.bulk_update(lines, ["quantity_received"])
    delivery.status = Delivery.RECEIVED
    delivery.received_at = timezone.now()
    delivery.received_by = received_by.strip()[:120]
    delivery.shortfall_note = note.strip()[:500]
    delivery.bast_number = f"BAST/{contract.number}/{delivery.sequence}"
    delivery.save()
    log(
        contract,
        "received",
        {"sequence": delivery.sequence, "bast": delivery.bast_number},
        by_buyer=True,
        message=delivery.shortfall_note,
        notify=("vendor",),
    )
    invoicing.delivery_received(delivery)
    complete_if_done(contract)
    return delivery


def bast_paper(contract, delivery, lines) -> Paper:
    """The receipt as a printed paper (``core.pdf.render`` makes the PDF)."""
    vendor = contract.vendor
    return Paper(
        title=_("Delivery receipt (BAST)"),
        number=delivery.bast_number,
        parties=[
            (_("Vendor"), [vendor.name, f"NPWP {vendor.npwp}" if vendor.npwp else ""]),
            (
                _("Buyer"),
                [
                    contract.buyer_legal_name,
                    f"NPWP {contract.buyer_npwp}",
                    contract.delivery_address,
                ],
            ),
        ],
        facts=[
            (_("Contract"), contract.number),
            (_("Delivery"), str(delivery.sequence)),
            (_("Scheduled for"), format_date(delivery.scheduled_on, "j F Y")),
            (
                _("Received on"),
                format_date(timezone.localtime(delivery.received_at), "j F Y, H.i") + " WIB",
            ),
            (_("Received by"), delivery.received_by),
        ],
        table=(
            [_("Item"), _("Unit"), _("Sent"), _("Received")],
            [
                [
                    line.contract_line.description,
                    line.contract_line.unit,
                    str(line.quantity),
                    str(line.quantity_received),
                ]
                for line in lines
            ],
            [52, 16, 16, 16],
            ["L", "L", "R", "R"],
        ),
        notes=[_("Note on shortfalls: %(note)s") % {"note": delivery.shortfall_note}]
        if delivery.shortfall_note
        else [],
        signatures=[_("Handed over by"), _("Received by")],
    )
