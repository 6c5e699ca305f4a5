"""Sales at an outlet's counter: a numbered receipt, its lines (each product's vendor paid
its share, the outlet keeping its margin), voided only by a supervisor on the same day."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Location, LocationStock, Product
from core.events import Event
from core.states import Transitions
from vendors.models import Vendor


class OutletSettings(models.Model):
    """Per outlet: the margin it keeps on consignment sales, and how early best-before dates
    are flagged."""

    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, related_name="outlet_settings"
    )
    margin_percent = models.PositiveSmallIntegerField(
        _("outlet margin (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Kept by the outlet from each counter sale; the vendor is paid the rest."),
    )
    best_before_warning_days = models.PositiveSmallIntegerField(
        _("flag best-before dates within (days)"), default=14
    )
    supervisor_email = models.EmailField(
        _("supervisor's e-mail"), blank=True, help_text=_("Gets the day's close.")
    )

    class Meta:
        verbose_name = _("outlet settings")
        verbose_name_plural = _("outlet settings")

    def __str__(self):
        return str(self.location)


class CounterSale(models.Model):
    class Payment(models.TextChoices):
        CASH = "cash", _("Cash")
        CARD = "card", _("Card (terminal)")
        QRIS = "qris", "QRIS"

    class Status(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        VOIDED = "voided", _("Voided")

    TRANSITIONS = Transitions(
        Status,
        {Status.COMPLETED: {Status.VOIDED}},
        refusal=_("A sale that is %(old)s cannot become %(new)s."),
    )

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="counter_sales")
    number = models.CharField(_("receipt number"), max_length=32, unique=True)
    sold_at = models.DateTimeField(_("sold at"), default=timezone.now, db_index=True)
    sold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    payment = models.CharField(_("payment"), max_length=8, choices=Payment)
    total = models.PositiveBigIntegerField(_("total (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.COMPLETED, db_index=True
    )
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.CharField(_("reason voided"), max_length=300, blank=True)

    class Meta:
        ordering = ["-sold_at", "-id"]
        verbose_name = _("counter sale")
        verbose_name_plural = _("counter sales")
        indexes = [models.Index(fields=["location", "sold_at"])]

    def __str__(self):
        return self.number


class CounterSaleLine(models.Model):
    sale = models.ForeignKey(CounterSale, on_delete=models.CASCADE, related_name="lines")
    stock = models.ForeignKey(LocationStock, on_delete=models.PROTECT, related_name="sale_lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="counter_sales")
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.PositiveBigIntegerField(_("unit price (Rp)"))
    margin = models.PositiveBigIntegerField(_("outlet margin (Rp)"), default=0)

    class Meta:
        ordering = ["sale", "id"]
        verbose_name = _("counter sale line")
        verbose_name_plural = _("counter sale lines")

    def __str__(self):
        return f"{self.quantity} × {self.product}"

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price

    @property
    def vendor_share(self) -> int:
        return self.amount - self.margin


class SaleEvent(Event):
    """A sale recorded or voided, by whom and when."""

    KINDS = {
        "sold": _("Sold, receipt %(number)s, %(total)s"),
        "voided": _("Voided by %(by)s: %(reason)s"),
    }

    sale = models.ForeignKey(CounterSale, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("sale event")
        verbose_name_plural = _("sale events")


class DailyClose(models.Model):
    """An outlet's day closed: the summary as it stood (sales by payment, by vendor, voids,
    pickups collected), kept and e-mailed to the supervisor once."""

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="closes")
    day = models.DateField(_("day"))
    summary = models.JSONField(_("summary"), default=dict)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("day's close")
        verbose_name_plural = _("days' closes")
        constraints = [
            models.UniqueConstraint(fields=["location", "day"], name="one_close_per_outlet_day")
        ]

    def __str__(self):
        return f"{self.location} {self.day}"
