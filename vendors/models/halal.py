import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from core.storage import private_storage

from .places import evidence_path


class HalalCertificateQuerySet(models.QuerySet):
    def valid_on(self, date: datetime.date | None = None):
        """Verified, not revoked, not expired on ``date``: right without any scheduled job."""
        return self.filter(valid_condition(date))


def valid_condition(date: datetime.date | None = None, prefix: str = "") -> models.Q:
    """valid_on() as a condition, on a relation when ``prefix`` names it (``"certs__"``)."""
    date = date or timezone.localdate()
    unexpired = models.Q(**{f"{prefix}expires_on__isnull": True}) | models.Q(
        **{f"{prefix}expires_on__gte": date}
    )
    verified = {f"{prefix}status": HalalCertificate.Status.VERIFIED}
    return models.Q(**verified, **{f"{prefix}revoked_at__isnull": True}) & unexpired


class HalalCertificate(models.Model):
    """A BPJPH certificate. Since UU 6/2023 it has no expiry while ingredients and process
    stay the same, so expiry is optional (older certificates carry one) and revocation is
    what ends it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    # Revocation is not a status: it ends a verified certificate for good (``revoked_at``).
    TRANSITIONS = Transitions(
        Status,
        {
            Status.PENDING: {Status.VERIFIED, Status.REJECTED},
            Status.REJECTED: {Status.VERIFIED},
            Status.VERIFIED: {Status.REJECTED},
        },
        refusal=_("The certificate is %(old)s; it cannot be changed that way."),
    )

    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="halal_certificates"
    )
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("Only for older certificates that carry an expiry date."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    document = models.FileField(
        _("certificate document"), storage=private_storage, upload_to=evidence_path, blank=True
    )
    covers_all_products = models.BooleanField(
        _("covers all the vendor's products"),
        default=False,
        help_text=_("Otherwise it covers the products linked to it one by one."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_note = models.TextField(_("revocation note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = HalalCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("halal certificate")
        verbose_name_plural = _("halal certificates")

    def __str__(self):
        return self.number

    def is_valid_on(self, date: datetime.date | None = None) -> bool:
        date = date or timezone.localdate()
        return (
            self.status == self.Status.VERIFIED
            and self.revoked_at is None
            and (self.expires_on is None or self.expires_on >= date)
        )

    @property
    def is_valid(self) -> bool:
        return self.is_valid_on()

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


# A certificate's status that no choices hold: staff took back a verified one.
REVOKED = {"revoked": _("Revoked")}
