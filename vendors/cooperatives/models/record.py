"""A cooperative's record: its legal entity, classification, status, board and members over
time, and the log of every change."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.events import Event
from core.labels import status_label
from core.states import Transitions
from vendors.models import Desa, Vendor

from ..validators import validate_ahu


class ReminderStage(models.TextChoices):
    """The stages of a RAT reminder (``RatReminder.Stage``), here for the events' text."""

    DUE_SOON = "due_soon", _("Due within a month")
    OVERDUE = "overdue", _("Past the deadline")


class CooperativeQuerySet(models.QuerySet):
    def kdkmp(self):
        return self.filter(vendor__kind=Vendor.Kind.VILLAGE_COOPERATIVE)


class Cooperative(models.Model):
    """One per vendor of kind koperasi or KDKMP."""

    class Classification(models.TextChoices):
        # Permenkop 8/2021: every cooperative is one of five; "serba usaha" (multipurpose)
        # is only kept for cooperatives not yet moved to one.
        PRODUCER = "produsen", _("Producer")
        CONSUMER = "konsumen", _("Consumer")
        SAVINGS_AND_LOAN = "simpan_pinjam", _("Savings and loan")
        MARKETING = "pemasaran", _("Marketing")
        SERVICES = "jasa", _("Services")
        MULTIPURPOSE = "serba_usaha", _("Multipurpose (legacy: to be migrated)")

    class Status(models.TextChoices):
        ACTIVE = "aktif", _("Active")
        INACTIVE = "tidak_aktif", _("Inactive")
        DISSOLVING = "dalam_pembubaran", _("Being dissolved")
        DISSOLVED = "dibubarkan", _("Dissolved")
        REVITALISED = "direvitalisasi", _("Revitalised")

    # What a cooperative may choose today (the legacy value only stays where it is).
    CURRENT_CLASSIFICATIONS = (
        Classification.PRODUCER,
        Classification.CONSUMER,
        Classification.SAVINGS_AND_LOAN,
        Classification.MARKETING,
        Classification.SERVICES,
    )
    TRANSITIONS = Transitions(
        Status,
        {
            Status.ACTIVE: {Status.INACTIVE, Status.DISSOLVING},
            Status.INACTIVE: {Status.REVITALISED, Status.DISSOLVING},
            Status.DISSOLVING: {Status.DISSOLVED, Status.REVITALISED},
            Status.REVITALISED: {Status.ACTIVE, Status.INACTIVE, Status.DISSOLVING},
        },
        refusal=_("A cooperative that is %(old)s cannot become %(new)s."),
    )

    vendor = models.OneToOneField(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="cooperative"
    )
    ahu_number = models.CharField(
        _("legal entity number (AHU)"),
        max_length=48,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_ahu],
    )
    ahu_date = models.DateField(_("legal entity date"), null=True, blank=True)
    classification = models.CharField(
        _("classification"), max_length=14, choices=Classification, blank=True
    )
    village = models.ForeignKey(
        Desa,
        verbose_name=_("desa / kelurahan (KDKMP)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperatives",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.ACTIVE, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CooperativeQuerySet.as_manager()

    class Meta:
        ordering = ["vendor__name"]
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")

    def __str__(self):
        return self.vendor.name

    @property
    def has_legal_entity(self) -> bool:
        return bool(self.ahu_number and self.ahu_date)

    @property
    def is_not_running(self) -> bool:
        """Inactive, being dissolved or dissolved: shown to visitors beside its name."""
        return self.status in (self.Status.INACTIVE, self.Status.DISSOLVING, self.Status.DISSOLVED)

    @property
    def needs_classification_move(self) -> bool:
        return self.classification == self.Classification.MULTIPURPOSE


class BoardMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "ketua", _("Chair (ketua)")
        SECRETARY = "sekretaris", _("Secretary (sekretaris)")
        TREASURER = "bendahara", _("Treasurer (bendahara)")
        SUPERVISOR = "pengawas", _("Supervisor (pengawas)")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="board_members"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role)
    name = models.CharField(_("name"), max_length=150)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))

    class Meta:
        ordering = ["cooperative", "role", "-term_start"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")),
                name="board_term_ends_after_it_starts",
                violation_error_message=_("The term must end after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}"


class MemberCount(models.Model):
    """The number of members on a date: the history, not one number."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="member_counts"
    )
    counted_on = models.DateField(_("counted on"))
    members = models.PositiveIntegerField(_("members"), validators=[MinValueValidator(0)])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cooperative", "-counted_on"]
        verbose_name = _("member count")
        verbose_name_plural = _("member counts")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "counted_on"],
                name="one_member_count_per_day",
                violation_error_message=_("There is already a count for this date."),
            )
        ]

    def __str__(self):
        return f"{self.members} ({self.counted_on})"


class CooperativeEvent(Event):
    """A change of a cooperative's record, RAT or membership, by whom and when."""

    KINDS = {
        "legal_entity": _("Legal entity recorded: %(ahu)s of %(date)s"),
        "classified": _("Classification: %(classification)s"),
        "status": _("Status: %(old)s → %(new)s. %(note)s"),
        "village": _("Desa / kelurahan: %(village)s"),
        "board": _("Board: %(role)s %(name)s, %(start)s to %(end)s"),
        "members_counted": _("%(members)s members on %(date)s"),
        "rat_recorded": _("RAT for book year %(year)s recorded, held on %(date)s"),
        "rat_verified": _("RAT for book year %(year)s verified"),
        "rat_rejected": _("RAT for book year %(year)s sent back: %(reason)s"),
        "rat_reminded": _("Reminded of the RAT for book year %(year)s (%(stage)s)"),
        "member_requested": _("%(business)s asked to join"),
        "member_invited": _("The cooperative invited %(business)s to join"),
        "member_joined": _("%(business)s joined"),
        "member_declined": _("%(business)s did not join: %(reason)s"),
        "member_left": _("%(business)s left"),
    }
    SHOWN_AS = {
        "classification": lambda value: str(status_label(value, Cooperative.Classification)),
        "old": lambda value: str(status_label(value, Cooperative.Status)),
        "new": lambda value: str(status_label(value, Cooperative.Status)),
        "role": lambda value: str(status_label(value, BoardMember.Role)),
        "stage": lambda value: str(status_label(value, ReminderStage)),
    }

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="events")
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
        verbose_name = _("cooperative event")
        verbose_name_plural = _("cooperative events")
