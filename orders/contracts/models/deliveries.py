"""The deliveries a contract's schedule sets, each dispatched by the vendor and received by
the buyer, who confirms the quantities on the private link: the receipt (BAST, berita acara
serah terima), numbered per contract."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.states import Transitions

from .agreements import ContractLine, SupplyContract


class ContractDelivery(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        DISPATCHED = "dispatched", _("Dispatched")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    contract = models.ForeignKey(
        SupplyContract, on_delete=models.CASCADE, related_name="deliveries"
    )
    sequence = models.PositiveSmallIntegerField(_("delivery"))
    scheduled_on = models.DateField(_("scheduled for"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.SCHEDULED, db_index=True
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    dispatch_note = models.CharField(_("dispatch note"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.CharField(_("received by"), max_length=120, blank=True)
    shortfall_note = models.CharField(_("note on shortfalls"), max_length=500, blank=True)
    # Given when the buyer confirms receipt: BAST/<contract number>/<sequence>.
    bast_number = models.CharField(
        _("receipt number"), max_length=40, unique=True, null=True, blank=True
    )

    class Meta:
        ordering = ["contract", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "sequence"], name="one_delivery_number_per_contract"
            )
        ]
        verbose_name = _("contract delivery")
        verbose_name_plural = _("contract deliveries")

    def __str__(self):
        return f"{self.contract.number} #{self.sequence}"


_Status = ContractDelivery.Status
ContractDelivery.TRANSITIONS = Transitions(
    _Status,
    {
        _Status.SCHEDULED: {_Status.DISPATCHED, _Status.CANCELLED},
        _Status.DISPATCHED: {_Status.RECEIVED},
        _Status.RECEIVED: set(),
        _Status.CANCELLED: set(),
    },
)


class DeliveryLine(models.Model):
    delivery = models.ForeignKey(ContractDelivery, on_delete=models.CASCADE, related_name="lines")
    contract_line = models.ForeignKey(ContractLine, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity sent"), validators=[MinValueValidator(1)])
    quantity_received = models.PositiveIntegerField(_("quantity received"), null=True, blank=True)

    class Meta:
        ordering = ["delivery", "pk"]

    def __str__(self):
        return f"{self.delivery} {self.contract_line}"
