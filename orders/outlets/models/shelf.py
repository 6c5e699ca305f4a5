"""The shelf's movements: goods received from a vendor in batches (each with its best-before
date), stock-takes that record differences with a reason, goods returned to the vendor, and
restock requests when an item falls below its minimum."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Location, LocationStock
from core.states import Transitions
from vendors.models import Vendor


class Delivery(models.Model):
    """A vendor's delivery note, received at an outlet."""

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="deliveries")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="deliveries")
    note_number = models.CharField(_("delivery note number"), max_length=60, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    remark = models.CharField(_("remark"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.vendor} → {self.location} ({self.received_at:%Y-%m-%d})"


class ShelfBatch(models.Model):
    """Units of one shelf item received together, with their best-before date; sales take
    from the batch that expires first, never from an expired one."""

    stock = models.ForeignKey(LocationStock, on_delete=models.PROTECT, related_name="batches")
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.PROTECT, related_name="batches"
    )
    received = models.PositiveIntegerField(_("received"))
    remaining = models.PositiveIntegerField(_("remaining"))
    best_before = models.DateField(_("best before"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        ordering = ["stock", "best_before", "received_at", "id"]
        verbose_name = _("shelf batch")
        verbose_name_plural = _("shelf batches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remaining__lte=models.F("received")),
                name="batch_remaining_at_most_received",
            )
        ]

    def __str__(self):
        return f"{self.stock} ×{self.remaining} (bb {self.best_before})"


class StockTake(models.Model):
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="stock_takes")
    taken_at = models.DateTimeField(_("counted at"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("stock-take")
        verbose_name_plural = _("stock-takes")

    def __str__(self):
        return f"{self.location} {self.taken_at:%Y-%m-%d %H:%M}"


class StockTakeLine(models.Model):
    class Reason(models.TextChoices):
        DAMAGED = "damaged", _("Damaged")
        EXPIRED = "expired", _("Expired, taken off the shelf")
        MISSING = "missing", _("Missing")
        FOUND = "found", _("Found (more than expected)")
        MISCOUNTED = "miscounted", _("Earlier count was wrong")

    take = models.ForeignKey(StockTake, on_delete=models.CASCADE, related_name="lines")
    stock = models.ForeignKey(LocationStock, on_delete=models.PROTECT, related_name="+")
    expected = models.PositiveIntegerField(_("expected"))
    counted = models.PositiveIntegerField(_("counted"))
    reason = models.CharField(_("reason"), max_length=12, choices=Reason, blank=True)

    class Meta:
        verbose_name = _("stock-take line")
        verbose_name_plural = _("stock-take lines")

    def __str__(self):
        return f"{self.stock}: {self.expected} → {self.counted}"

    @property
    def difference(self) -> int:
        return self.counted - self.expected


class VendorReturn(models.Model):
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="returns")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="returns")
    returned_at = models.DateTimeField(_("returned at"), default=timezone.now)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["-returned_at", "-id"]
        verbose_name = _("return to vendor")
        verbose_name_plural = _("returns to vendors")

    def __str__(self):
        return f"{self.location} → {self.vendor}"


class VendorReturnLine(models.Model):
    vendor_return = models.ForeignKey(VendorReturn, on_delete=models.CASCADE, related_name="lines")
    batch = models.ForeignKey(ShelfBatch, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("returned batch")
        verbose_name_plural = _("returned batches")

    def __str__(self):
        return f"{self.quantity} × {self.batch}"


class RestockRequest(models.Model):
    """Asked of a vendor when a shelf item fell below its minimum; one open per item."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the vendor")
        DELIVERED = "delivered", _("Delivered")
        CLOSED = "closed", _("Closed without delivery")

    TRANSITIONS = Transitions(
        Status,
        {Status.OPEN: {Status.DELIVERED, Status.CLOSED}},
        refusal=_("A restock request that is %(old)s cannot become %(new)s."),
    )

    stock = models.ForeignKey(LocationStock, on_delete=models.PROTECT, related_name="restocks")
    quantity = models.PositiveIntegerField(_("quantity asked"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("restock request")
        verbose_name_plural = _("restock requests")
        constraints = [
            models.UniqueConstraint(
                fields=["stock"], condition=models.Q(status="open"), name="one_open_restock"
            )
        ]

    def __str__(self):
        return f"{self.stock}: {self.quantity}"
