import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from core.storage import private_storage

from ..validators import (
    validate_bank_account,
    validate_bpom,
    validate_nib,
    validate_npwp,
    validate_pirt,
    validate_whatsapp,
)
from .halal import HalalCertificate
from .places import Kecamatan, evidence_path


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
        NONE = "none", _("No NIB yet")
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
            # No NIB yet: the owner enters one got on their own, or staff record one issued
            # through a facilitation request.
            NibStatus.NONE: {NibStatus.PENDING, NibStatus.VERIFIED},
            NibStatus.PENDING: {NibStatus.VERIFIED, NibStatus.REJECTED},
            NibStatus.UNVERIFIED: {NibStatus.VERIFIED, NibStatus.REJECTED, NibStatus.PENDING},
            NibStatus.REJECTED: {NibStatus.VERIFIED, NibStatus.PENDING},  # pending: corrected
            NibStatus.VERIFIED: {NibStatus.REJECTED},
        },
        field="nib_status",
        refusal=_("The NIB is %(old)s; it cannot be changed that way."),
    )

    class Sector(models.TextChoices):
        FOOD = "kuliner", _("Food and drink")
        FASHION = "fesyen", _("Fashion and textiles")
        CRAFT = "kriya", _("Crafts")
        AGRICULTURE = "agribisnis", _("Farming, fishing and livestock")
        TRADE = "perdagangan", _("Trade (shop, stall)")
        SERVICES = "jasa", _("Services")
        OTHER = "lainnya", _("Other")

    class TurnoverBand(models.TextChoices):
        # Yearly sales bands after PP 7/2021: a micro business sells up to Rp 2 billion a
        # year, a small one up to Rp 15 billion, a medium one up to Rp 50 billion.
        UNDER_300M = "lt300jt", _("Under Rp 300 million a year")
        MICRO = "300jt-2m", _("Rp 300 million to 2 billion a year")
        SMALL = "2m-15m", _("Rp 2 to 15 billion a year")
        MEDIUM = "15m-50m", _("Rp 15 to 50 billion a year")

    class Consent(models.TextChoices):
        SIGNED_FORM = "signed_form", _("Signed the paper form")
        IN_PERSON = "in_person", _("Agreed in person, in front of the officer")
        WHATSAPP = "whatsapp", _("Agreed by WhatsApp message")

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
    owner_name = models.CharField(_("owner's name"), max_length=150, blank=True)
    sector = models.CharField(_("field of business"), max_length=12, choices=Sector, blank=True)
    products_summary = models.CharField(
        _("what the business makes or sells"), max_length=300, blank=True
    )
    workers = models.PositiveIntegerField(
        _("number of workers"), null=True, blank=True, help_text=_("The owner included.")
    )
    women_led = models.BooleanField(
        _("led by a woman"), null=True, blank=True, help_text=_("Empty: not asked.")
    )
    turnover_band = models.CharField(
        _("yearly sales"), max_length=10, choices=TurnoverBand, blank=True
    )
    # Registered by a field officer on the owner's behalf: who, and how the owner agreed.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_consent = models.CharField(
        _("owner's consent"), max_length=12, choices=Consent, blank=True
    )
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
    # Empty (NULL) for a business registered before it has an NIB; unique when given.
    nib = models.CharField(
        "NIB", max_length=13, unique=True, null=True, blank=True, validators=[validate_nib]
    )
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
    # For partnership invoices: whom a hotel or retailer pays, and whether the vendor charges
    # PPN (a PKP, pengusaha kena pajak) or states that it does not.
    npwp = models.CharField(
        _("NPWP"),
        max_length=16,
        blank=True,
        validators=[validate_npwp],
        help_text=_("15 or 16 digits, as on the tax card."),
    )
    is_pkp = models.BooleanField(
        _("registered for VAT (PKP)"),
        default=False,
        help_text=_("A PKP charges PPN on its invoices; others state that they do not."),
    )
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account_number = models.CharField(
        _("account number"), max_length=20, blank=True, validators=[validate_bank_account]
    )
    bank_account_holder = models.CharField(_("account holder"), max_length=120, blank=True)
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
        if not self.nib:
            self.nib = None  # unique: several businesses may have none yet

    @property
    def has_nib(self) -> bool:
        return bool(self.nib)

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
