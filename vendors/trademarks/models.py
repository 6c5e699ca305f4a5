"""A business's trademark (HKI): its application and, once DJKI grants it, its registration.
Staff verify the record against the DJKI document as they verify a halal certificate; a
verified, registered, unexpired trademark shows as a badge."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.events import Event
from core.states import Transitions
from core.storage import private_storage
from vendors.models import Vendor, evidence_path

from .validators import validate_application_number, validate_registration_number

# UU 20/2016 article 35: protection lasts ten years from the filing date, renewable.
PROTECTION_YEARS = 10


class TrademarkQuerySet(models.QuerySet):
    def for_vendor(self, vendor):
        """The one rule for what an owner sees: their business's records, nothing else."""
        return self.filter(vendor=vendor)

    def registered_on(self, date: datetime.date | None = None):
        """Verified by staff, registered at DJKI, protection running on ``date`` (today)."""
        date = date or timezone.localdate()
        return self.filter(
            status=Trademark.Status.VERIFIED, djki_status=Trademark.DjkiStatus.REGISTERED
        ).filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=date))


def with_registered_trademark(vendors, on: datetime.date | None = None):
    """Each vendor marked ``has_registered_trademark`` in the same query (the directory's
    card badge), as ``Vendor.objects.with_valid_halal`` marks halal."""
    registered = Trademark.objects.registered_on(on).filter(vendor=models.OuterRef("pk"))
    return vendors.annotate(has_registered_trademark=models.Exists(registered))


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
    # What DJKI decided, as the owner reports it: an application is registered or refused once.
    DJKI_TRANSITIONS = Transitions(
        DjkiStatus,
        {DjkiStatus.FILED: {DjkiStatus.REGISTERED, DjkiStatus.REFUSED}},
        field="djki_status",
        refusal=_("DJKI's decision on this application is already recorded (%(old)s)."),
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

    @property
    def is_registered(self) -> bool:
        """The badge's rule for one row (``registered_on`` is the queryset's)."""
        today = timezone.localdate()
        return (
            self.status == self.Status.VERIFIED
            and self.djki_status == self.DjkiStatus.REGISTERED
            and (self.expires_on is None or self.expires_on >= today)
        )


def protection_ends(filed_on: datetime.date) -> datetime.date:
    """Ten years from the filing date (29 February files end on 28 February)."""
    try:
        return filed_on.replace(year=filed_on.year + PROTECTION_YEARS)
    except ValueError:
        return filed_on.replace(year=filed_on.year + PROTECTION_YEARS, day=28)


class TrademarkEvent(Event):
    """One change of a trademark record, by whom and when. Append-only; read in the
    reader's language."""

    KINDS = {
        "submitted": _("Trademark record sent for verification"),
        "registered": _("Registration %(number)s recorded; waiting for verification"),
        "refused": _("DJKI's refusal recorded; waiting for verification"),
        "verified": _("Verified by the office"),
        "verified_note": _("Verified by the office: %(note)s"),
        "rejected": _("Rejected: %(reason)s"),
        "issued_through_facilitation": _(
            "Registered as %(number)s through facilitation request %(id)s"
        ),
    }

    trademark = models.ForeignKey(Trademark, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(_("verification"), max_length=10, choices=Trademark.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("trademark event")
        verbose_name_plural = _("trademark events")

    def __str__(self):
        return f"{self.trademark_id}: {self.kind}"
