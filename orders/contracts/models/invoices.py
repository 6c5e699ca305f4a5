"""Invoices of a supply contract: one per delivery received, or one per month (the
contract's setting). Numbered per vendor; the buyer's and vendor's tax details are copied in
when it is issued, so a later edit of either never changes an issued invoice."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from vendors.models import Vendor

from .agreements import SupplyContract
from .deliveries import ContractDelivery


class Invoice(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    class PaidVia(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer to the vendor")
        CARD = "card", _("Card (Stripe)")

    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="invoices")
    contract = models.ForeignKey(SupplyContract, on_delete=models.PROTECT, related_name="invoices")
    # One per delivery, or the month it covers (its first day) for monthly invoicing.
    delivery = models.OneToOneField(
        ContractDelivery, null=True, blank=True, on_delete=models.PROTECT, related_name="invoice"
    )
    period = models.DateField(_("month"), null=True, blank=True)
    number = models.CharField(_("invoice number"), max_length=40)
    buyer_legal_name = models.CharField(_("buyer"), max_length=150)
    buyer_npwp = models.CharField(_("buyer's NPWP"), max_length=16)
    buyer_address = models.TextField(_("buyer's address"), max_length=500)
    vendor_npwp = models.CharField(_("vendor's NPWP"), max_length=16, blank=True)
    vendor_is_pkp = models.BooleanField(_("vendor is a PKP"), default=False)
    subtotal = models.PositiveIntegerField(_("subtotal (Rp)"))
    tax_base = models.PositiveIntegerField(_("tax base (DPP, Rp)"), default=0)
    vat = models.PositiveIntegerField(_("PPN (Rp)"), default=0)
    total = models.PositiveIntegerField(_("total (Rp)"))
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.ISSUED, db_index=True
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_via = models.CharField(_("paid by"), max_length=10, choices=PaidVia, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=120, blank=True)
    stripe_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    last_reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "number"], name="invoice_number_per_vendor"),
            models.UniqueConstraint(
                fields=["contract", "period"],
                condition=models.Q(period__isnull=False),
                name="one_invoice_per_contract_month",
            ),
        ]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self):
        return self.number

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.ISSUED and self.due_on < timezone.localdate()


Invoice.TRANSITIONS = Transitions(
    Invoice.Status,
    {
        Invoice.Status.ISSUED: {Invoice.Status.PAID, Invoice.Status.CANCELLED},
        Invoice.Status.PAID: set(),
        Invoice.Status.CANCELLED: set(),
    },
)


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=250)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=30)
    unit_price = models.PositiveIntegerField(_("unit price (Rp)"))
    amount = models.PositiveIntegerField(_("amount (Rp)"))

    class Meta:
        ordering = ["invoice", "pk"]

    def __str__(self):
        return self.description
