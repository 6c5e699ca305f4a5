from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.events import Event
from core.labels import status_label

from .halal import REVOKED, HalalCertificate
from .vendor import Vendor


class VerificationEvent(Event):
    """One staff decision, or a vendor's submission. Append-only: never changed, never deleted.
    A staff decision carries the officer's note; a vendor's submission is a kind."""

    KINDS = {
        "applied": _("Application submitted"),
        "certificate_submitted": _("Certificate submitted"),
        "resubmitted": _("Corrected and sent again"),
        "issued_through_facilitation": _("Issued through facilitation request %(id)s."),
        "nib_submitted": _("NIB sent for verification"),
        "registered_on_behalf": _("Registered by an officer on the owner's behalf (%(consent)s)"),
    }
    SHOWN_AS = {"consent": lambda value: str(status_label(value, Vendor.Consent))}
    TEXT_FIELD = "note"

    class Subject(models.TextChoices):
        NIB = "nib", "NIB"
        HALAL = "halal", _("Halal certificate")
        VENDOR = "vendor", _("Vendor status")

    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="verification_events")
    subject = models.CharField(_("subject"), max_length=10, choices=Subject)
    certificate = models.ForeignKey(
        HalalCertificate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    old_status = models.CharField(_("from"), max_length=12, blank=True)
    new_status = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verification event")
        verbose_name_plural = _("verification events")

    def __str__(self):
        return f"{self.get_subject_display()}: {self.old_status} → {self.new_status}"

    @staticmethod
    def status_label(status: str) -> str:
        kinds = (Vendor.NibStatus, HalalCertificate.Status, Vendor.Status)
        return str(status_label(status, *kinds, extra=REVOKED))

    @property
    def old_label(self) -> str:
        return self.status_label(self.old_status) if self.old_status else ""

    @property
    def new_label(self) -> str:
        return self.status_label(self.new_status)
