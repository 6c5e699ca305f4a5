import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.events import Event
from core.labels import status_label
from core.states import Transitions
from core.storage import private_storage

from .validators import validate_bpom, validate_nib, validate_pirt, validate_whatsapp


def evidence_path(instance, filename):
    """Random names: a document's address can never be guessed from the vendor or the file."""
    import os
    import uuid

    extension = os.path.splitext(filename)[1].lower()[:5]
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Kecamatan(models.Model):
    """The 29 districts of Kabupaten Tangerang (Kemendagri code 36.03.xx), loaded as data."""

    code = models.CharField(_("Kemendagri code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class VendorQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)

    def with_valid_halal(self, on: datetime.date | None = None):
        """Each vendor marked ``has_valid_halal``: a certificate valid on ``on`` (today)."""
        valid = HalalCertificate.objects.valid_on(on).filter(vendor=models.OuterRef("pk"))
        return self.annotate(has_valid_halal=models.Exists(valid))

    def directory(self, *, kecamatan=None, kind="", halal=False, name="", condition=None):
        """The public directory (/umkm/): public vendors only, filtered, ordered by name, each with
        ``has_valid_halal`` and what its card shows read in the same query. ``condition``
        is a filter given by a higher app (the field of business, from catalog)."""
        vendors = self.public().with_valid_halal()
        if kecamatan is not None:
            vendors = vendors.filter(kecamatan=kecamatan)
        if kind:
            vendors = vendors.filter(kind=kind)
        if halal:
            vendors = vendors.filter(has_valid_halal=True)
        if name:
            vendors = vendors.filter(name__icontains=name)
        if condition is not None:
            vendors = vendors.filter(condition)
        return vendors.select_related("kecamatan", "logo").order_by("name", "pk")

    def for_user(self, user):
        """The one rule for what a signed-in user may manage: vendors they are a member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Vendor(models.Model):
    class Kind(models.TextChoices):
        MICRO = "usaha_mikro", _("Micro-business")
        COOPERATIVE = "koperasi", _("Cooperative")
        VILLAGE_COOPERATIVE = "kdkmp", _("Village cooperative (KDKMP)")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")

    class NibStatus(models.TextChoices):
        UNVERIFIED = "unverified", _("Not verified")
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    # Every change of ``status`` and of ``nib_status`` is checked against these tables
    # (vendors.services._set_vendor_status / _set_nib_status).
    TRANSITIONS = Transitions(
        Status,
        {
            Status.APPLIED: {Status.ACTIVE, Status.SUSPENDED},
            Status.ACTIVE: {Status.SUSPENDED},
            Status.SUSPENDED: {Status.ACTIVE},
        },
        refusal=_("A vendor that is %(old)s cannot become %(new)s."),
    )
    NIB_TRANSITIONS = Transitions(
        NibStatus,
        {
            NibStatus.PENDING: {NibStatus.VERIFIED, NibStatus.REJECTED},
            NibStatus.UNVERIFIED: {NibStatus.VERIFIED, NibStatus.REJECTED, NibStatus.PENDING},
            NibStatus.REJECTED: {NibStatus.VERIFIED, NibStatus.PENDING},  # pending: corrected
            NibStatus.VERIFIED: {NibStatus.REJECTED},
        },
        field="nib_status",
        refusal=_("The NIB is %(old)s; it cannot be changed that way."),
    )

    class KbliEdition(models.TextChoices):
        KBLI_2020 = "2020", "KBLI 2020"
        KBLI_2025 = "2025", "KBLI 2025"

    name = models.CharField(_("business name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.MICRO)
    member_count = models.PositiveIntegerField(
        _("number of members"), null=True, blank=True, help_text=_("Cooperatives only.")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="vendors"
    )
    desa = models.CharField(_("desa / kelurahan"), max_length=80, blank=True)
    address = models.TextField(_("address"), max_length=400, blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"), max_length=16, blank=True, validators=[validate_whatsapp]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("story"), max_length=4000, blank=True)
    description_en = models.TextField(_("story (English)"), max_length=4000, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    kbli_codes = models.CharField(
        _("KBLI codes"),
        max_length=120,
        blank=True,
        help_text=_("Five-digit codes from your NIB, separated by commas."),
    )
    kbli_edition = models.CharField(
        _("KBLI edition"), max_length=4, choices=KbliEdition, default=KbliEdition.KBLI_2020
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.APPLIED, db_index=True
    )
    nib = models.CharField("NIB", max_length=13, unique=True, validators=[validate_nib])
    nib_status = models.CharField(
        _("NIB status"), max_length=12, choices=NibStatus, default=NibStatus.PENDING, db_index=True
    )
    nib_document = models.FileField(
        _("NIB document"), storage=private_storage, upload_to=evidence_path, blank=True
    )
    pirt_number = models.CharField(
        _("P-IRT number"), max_length=16, blank=True, validators=[validate_pirt]
    )
    bpom_number = models.CharField(
        _("BPOM number"), max_length=14, blank=True, validators=[validate_bpom]
    )
    created_at = models.DateTimeField(_("applied at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VendorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        indexes = [models.Index(fields=["status", "nib_status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("vendors:profile", kwargs={"slug": self.slug})

    def clean(self):
        if self.kind == self.Kind.MICRO:
            self.member_count = None

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ACTIVE and self.nib_status == self.NibStatus.VERIFIED

    @property
    def nib_verified(self) -> bool:
        return self.nib_status == self.NibStatus.VERIFIED

    @property
    def is_cooperative(self) -> bool:
        return self.kind != self.Kind.MICRO

    @property
    def story(self) -> str:
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description

    @property
    def whatsapp_url(self) -> str:
        return f"https://wa.me/{self.whatsapp}" if self.whatsapp else ""

    @property
    def kbli_list(self) -> list[str]:
        return [code.strip() for code in self.kbli_codes.split(",") if code.strip()]

    def valid_halal_certificates(self, on: datetime.date | None = None):
        return [c for c in self.halal_certificates.all() if c.is_valid_on(on)]


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.OWNER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "vendor"], name="unique_membership")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.vendor} ({self.get_role_display()})"


class HalalCertificateQuerySet(models.QuerySet):
    def valid_on(self, date: datetime.date | None = None):
        """Verified, not revoked, not expired on ``date``: right without any scheduled job."""
        date = date or timezone.localdate()
        return self.filter(status=HalalCertificate.Status.VERIFIED, revoked_at__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=date)
        )


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

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="halal_certificates")
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


class VerificationEvent(Event):
    """One staff decision, or a vendor's submission. Append-only: never changed, never deleted.
    A staff decision carries the officer's note; a vendor's submission is a kind."""

    KINDS = {
        "applied": _("Application submitted"),
        "certificate_submitted": _("Certificate submitted"),
        "resubmitted": _("Corrected and sent again"),
        "issued_through_facilitation": _("Issued through facilitation request %(id)s."),
    }
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
