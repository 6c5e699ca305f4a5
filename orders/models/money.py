"""The vendors' money and the outlets' staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Location
from vendors.models import Vendor

from .orders import OrderPart


class LedgerEntry(models.Model):
    """A vendor's settlement ledger: what the platform owes each vendor, and what it paid."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale")
        COMMISSION = "commission", _("Commission")
        REFUND = "refund", _("Refund")
        PAYOUT = "payout", _("Payout")
        COUNTER_SALE = "counter", _("Counter sale at an outlet")
        COUNTER_VOID = "counter_void", _("Counter sale voided")
        INVOICE = "invoice", _("Partnership invoice paid")
        INVOICE_DIRECT = "invoice_direct", _("Invoice paid directly to the vendor")

    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="ledger")
    part = models.ForeignKey(
        OrderPart, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    counter_sale = models.ForeignKey(
        "outlets.CounterSale",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger",
    )
    # A paid partnership invoice: paid by card, the platform holds the money (owed to the
    # vendor); paid by transfer to the vendor, a second entry takes it back out (the vendor
    # has it), so the statement shows the trade without a debt that is not there.
    invoice = models.ForeignKey(
        "contracts.Invoice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger",
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind)
    amount = models.IntegerField(_("amount (Rp)"), help_text=_("Positive: owed to the vendor."))
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self):
        return f"{self.vendor} {self.kind} {self.amount}"


class OutletAssignment(models.Model):
    """Who works at which outlet: they see its pickups and mark them collected, and sell at
    its counter; a supervisor also voids sales and closes the day."""

    class Role(models.TextChoices):
        CLERK = "clerk", _("Clerk")
        SUPERVISOR = "supervisor", _("Supervisor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outlet_assignments"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.CLERK)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "location"], name="unique_outlet_staff")
        ]
        verbose_name = _("outlet staff")
        verbose_name_plural = _("outlet staff")

    def __str__(self):
        return f"{self.user} @ {self.location}"
