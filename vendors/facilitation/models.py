"""A business's request for help with one legal document or with financing, and its log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.events import Event
from core.labels import status_label
from core.states import Transitions
from vendors.models import Vendor
from vendors.trademarks.validators import normalize_registration_number
from vendors.validators import (
    normalize_bpom,
    normalize_halal_number,
    normalize_nib,
    normalize_pirt,
)


class FacilitationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(stage__in=FacilitationRequest.CLOSED)

    def for_vendor(self, vendor):
        """The one rule for what an owner sees: their business's requests, nothing else."""
        return self.filter(vendor=vendor)


class FacilitationRequest(models.Model):
    class Kind(models.TextChoices):
        NIB = "nib", _("NIB (through OSS)")
        HALAL = "halal", _("Halal certificate")
        PIRT = "pirt", "P-IRT"
        BPOM = "bpom", _("BPOM registration")
        HKI = "hki", _("Trademark (HKI)")
        FINANCING = "kur", _("Financing (KUR referral)")

    class Stage(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCREENED = "screened", _("Screened")
        ASSISTED = "assisted", _("Assisted")
        SUBMITTED = "submitted", _("Submitted")
        ISSUED = "issued", _("Issued")
        DECLINED = "declined", _("Declined")

    class HalalRoute(models.TextChoices):
        REGULAR = "regular", _("Regular")
        SELF_DECLARE = "self_declare", _("Self-declare (free, for micro businesses)")

    class Place(models.TextChoices):
        KLINIK = "klinik", _("Klinik UMKM")
        RPPKUM = "rppkum", "RPPKUM"
        OTHER = "other", _("Elsewhere")

    TRANSITIONS = Transitions(
        Stage,
        {
            Stage.REQUESTED: {Stage.SCREENED, Stage.DECLINED},
            Stage.SCREENED: {Stage.ASSISTED, Stage.DECLINED},
            Stage.ASSISTED: {Stage.SUBMITTED, Stage.DECLINED},
            Stage.SUBMITTED: {Stage.ISSUED, Stage.DECLINED},
        },
        field="stage",
        refusal=_("A request that is %(old)s cannot become %(new)s."),
    )
    CLOSED = (Stage.ISSUED, Stage.DECLINED)
    # The shape an issued number must have, per kind (a KUR referral's has no fixed one).
    NUMBER_SHAPES = {
        Kind.NIB: normalize_nib,
        Kind.HALAL: normalize_halal_number,
        Kind.PIRT: normalize_pirt,
        Kind.BPOM: normalize_bpom,
        Kind.HKI: normalize_registration_number,
    }

    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("vendor"),
        on_delete=models.PROTECT,
        related_name="facilitation_requests",
    )
    kind = models.CharField(_("kind of help"), max_length=10, choices=Kind)
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage, default=Stage.REQUESTED, db_index=True
    )
    note = models.TextField(_("what you need"), max_length=2000, blank=True)
    halal_route = models.CharField(_("halal route"), max_length=12, choices=HalalRoute, blank=True)
    halal_companion = models.CharField(
        _("halal process companion"),
        max_length=120,
        blank=True,
        help_text=_(
            "The PPH who accompanies a self-declare application. Leave empty if you have "
            "none yet: the office finds one for you."
        ),
    )
    amount = models.PositiveBigIntegerField(_("amount (Rupiah)"), null=True, blank=True)
    purpose = models.CharField(_("purpose of the loan"), max_length=300, blank=True)
    partner_bank = models.CharField(_("partner bank"), max_length=80, blank=True)
    mark = models.CharField(_("mark (brand name)"), max_length=120, blank=True)
    nice_class = models.PositiveSmallIntegerField(
        _("class (Nice)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(45)],
        help_text=_("1 to 45; food is usually 29 or 30, drinks 32, clothing 25."),
    )
    missing_documents = models.TextField(_("missing documents"), max_length=2000, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=10, choices=Place, blank=True)
    place_other = models.CharField(_("other place"), max_length=200, blank=True)
    external_reference = models.CharField(
        _("reference in the issuing system"), max_length=80, blank=True
    )
    issued_number = models.CharField(_("issued number"), max_length=80, blank=True)
    decline_reason = models.TextField(_("reason declined"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    stage_changed_at = models.DateTimeField(_("stage changed at"), default=timezone.now)

    objects = FacilitationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("facilitation request")
        verbose_name_plural = _("facilitation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "kind"],
                condition=~models.Q(stage__in=["issued", "declined"]),
                name="one_open_facilitation_request_per_kind",
                violation_error_message=_(
                    "This business already has an open request of this kind."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.vendor}"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.HALAL:
            # A self-declare application names its halal process companion (PPH) by the
            # time it is submitted; an owner who has none yet gets one through the office.
            if not self.halal_route:
                errors["halal_route"] = _("Choose the route.")
        if self.kind == self.Kind.HKI:
            if not self.mark.strip():
                errors["mark"] = _("Name the mark you want to protect.")
            if not self.nice_class:
                errors["nice_class"] = _("Choose the class (1 to 45).")
        if self.kind == self.Kind.FINANCING:
            if not self.amount:
                errors["amount"] = _("Say how much you want to borrow.")
            if not self.purpose:
                errors["purpose"] = _("Say what the loan is for.")
        if errors:
            raise ValidationError(errors)

    def normalized_number(self, number: str) -> str:
        """The issued number in its kind's shape; ValidationError names the shape expected."""
        shape = self.NUMBER_SHAPES.get(self.kind)
        number = (number or "").strip()
        if shape is not None:
            return shape(number)
        if not number:
            raise ValidationError(_("Enter the issued number."))
        return number

    @property
    def is_open(self) -> bool:
        return self.stage not in self.CLOSED

    @property
    def place_label(self) -> str:
        if self.place == self.Place.OTHER:
            return self.place_other
        return status_label(self.place, self.Place)


def _place(value) -> str:
    return str(status_label(value, FacilitationRequest.Place))


def _moment(value) -> str:
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return value
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


class FacilitationEvent(Event):
    """One step of a request, by whom and when. Append-only; read in the reader's language."""

    KINDS = {
        "requested": _("Help requested"),
        "screened": _("Screened: the documents are complete"),
        "screened_missing": _("Screened; still missing: %(missing)s"),
        "assisted": _("Officer %(officer)s assigned; appointment on %(when)s at %(place)s"),
        "submitted": _("Submitted to the issuing system, reference %(reference)s"),
        "issued": _("Issued, number %(number)s"),
        "declined": _("Declined: %(reason)s"),
    }
    SHOWN_AS = {"place": _place, "when": _moment}
    TEXT_FIELD = "kind"

    request = models.ForeignKey(
        FacilitationRequest, on_delete=models.PROTECT, related_name="events"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=FacilitationRequest.Stage)
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
        ordering = ["created_at", "id"]
        verbose_name = _("facilitation event")
        verbose_name_plural = _("facilitation events")

    def __str__(self):
        return f"{self.request_id}: {self.kind}"


@register_setting(icon="time")
class FacilitationSettings(BaseGenericSetting):
    """The service level of the staff's queue, editable in the admin."""

    warn_after_days = models.PositiveSmallIntegerField(
        _("days without a move before a warning"),
        default=14,
        help_text=_(
            "An open request that has stayed in its stage for more than this many days is "
            "flagged in the staff's queue."
        ),
    )

    class Meta:
        verbose_name = _("facilitation settings")
