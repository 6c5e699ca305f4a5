"""A business's trademark (HKI): its application and, once DJKI grants it, its registration.
Staff verify the record against the DJKI document as they verify a halal certificate; a
verified, registered, unexpired trademark shows as a badge."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from core.storage import private_storage
from vendors.models import Vendor, evidence_path

from .validators import validate_application_number, validate_registration_number

# UU 20/2016 article 35: protection lasts ten years from the filing date, renewable.
PROTECTION_YEARS = 10


class TrademarkQuerySet(models.QuerySet):
    def registered_on(self, date: datetime.date | None = None):
        """Verified by staff, registered at DJKI, protection running on ``date`` (today)."""
        date = date or timezone.localdate()
        return self.filter(
            status=Trademark.Status.VERIFIED, djki_status=Trademark.DjkiStatus.REGISTERED
        ).filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=date))


class Trademark(models.Model):
    class DjkiStatus(models.TextChoices):
        FILED = "filed", _("Application filed")
        REGISTERED = "registered", _("Registered")
        REFUSED = "refused", _("Refused by DJKI")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    TRANSITIONS = Transitions(
        Status,
        {
            Status.PENDING: {Status.VERIFIED, Status.REJECTED},
            Status.REJECTED: {Status.VERIFIED, Status.PENDING},  # pending: corrected
            Status.VERIFIED: {Status.REJECTED, Status.PENDING},  # pending: registered since
        },
        refusal=_("The trademark record is %(old)s; it cannot be changed that way."),
    )

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="trademarks"
    )
    mark = models.CharField(_("mark (brand name)"), max_length=120)
    nice_class = models.PositiveSmallIntegerField(
        _("class (Nice)"),
        validators=[MinValueValidator(1), MaxValueValidator(45)],
        help_text=_("1 to 45; food is usually 29 or 30, drinks 32, clothing 25."),
    )
    application_number = models.CharField(
        _("application number"),
        max_length=13,
        unique=True,
        validators=[validate_application_number],
    )
    filed_on = models.DateField(_("filed on"))
    djki_status = models.CharField(
        _("status at DJKI"), max_length=10, choices=DjkiStatus, default=DjkiStatus.FILED
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_registration_number],
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    expires_on = models.DateField(
        _("protected until"),
        null=True,
        blank=True,
        help_text=_("Ten years from the filing date unless renewed."),
    )
    status = models.CharField(
        _("verification"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    document = models.FileField(
        _("DJKI document"), storage=private_storage, upload_to=evidence_path, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TrademarkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("trademark")
        verbose_name_plural = _("trademarks")

    def __str__(self):
        return f"{self.mark} ({self.registration_number or self.application_number})"
