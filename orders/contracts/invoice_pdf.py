"""An invoice as a printable paper (core.pdf), the same words as its printable page."""

from django.utils import formats
from django.utils.translation import gettext as _

from core.pdf import Paper, render
from core.templatetags.etalase import rupiah

from .models import Invoice

NOT_PKP = "Penjual bukan PKP; tidak memungut PPN"


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def invoice_paper(invoice: Invoice) -> Paper:
    vendor = invoice.vendor
    seller = [vendor.name, vendor.address or ""]
    if invoice.vendor_npwp:
        seller.append(f"NPWP {invoice.vendor_npwp}")
    seller.append(_("PKP") if invoice.vendor_is_pkp else _("Not a PKP"))
    buyer = [invoice.buyer_legal_name, f"NPWP {invoice.buyer_npwp}", invoice.buyer_address]
    rows = [
        [
            line.description,
            f"{line.quantity} {line.unit}",
            rupiah(line.unit_price),
            rupiah(line.amount),
        ]
        for line in invoice.lines.all()
    ]
    totals = [(_("Subtotal"), rupiah(invoice.subtotal))]
    if invoice.vendor_is_pkp:
        totals += [
            (_("Tax base (DPP, 11/12)"), rupiah(invoice.tax_base)),
            ("PPN 12%", rupiah(invoice.vat)),
        ]
    totals.append((_("Total"), rupiah(invoice.total)))
    notes = [] if invoice.vendor_is_pkp else [NOT_PKP]
    if vendor.bank_account_number:
        notes.append(
            _("Pay by transfer to %(bank)s %(number)s in the name of %(holder)s.")
            % {
                "bank": vendor.bank_name,
                "number": vendor.bank_account_number,
                "holder": vendor.bank_account_holder,
            }
        )
    facts = [
        (_("Contract"), invoice.contract.number),
        (_("Issued on"), _day(invoice.issued_on)),
        (_("Due on"), _day(invoice.due_on)),
        (_("Status"), str(invoice.get_status_display())),
    ]
    return Paper(
        title=_("Invoice"),
        number=invoice.number,
        parties=[(_("Seller"), seller), (_("Billed to"), buyer)],
        facts=facts,
        table=(
            [_("Description"), _("Quantity"), _("Unit price"), _("Amount")],
            rows,
            [46, 18, 18, 18],
            ["L", "R", "R", "R"],
        ),
        totals=totals,
        notes=notes,
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    return render(invoice_paper(invoice))
