"""The annual members' meeting (Rapat Anggota Tahunan, RAT): one per cooperative and book
year, reported with its report and verified by staff; the reminders sent when it is late."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.states import Transitions
from core.storage import private_storage
from vendors.models import evidence_path

from .record import Cooperative, ReminderStage


class AnnualMeeting(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Sent back")

    TRANSITIONS = Transitions(
        Status,
        {
            Status.PENDING: {Status.VERIFIED, Status.REJECTED},
            Status.REJECTED: {Status.PENDING},  # corrected and sent again
        },
        refusal=_("A RAT that is %(old)s cannot become %(new)s."),
    )

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="meetings")
    book_year = models.PositiveSmallIntegerField(_("book year"))
    held_on = models.DateField(_("held on"))
    members_present = models.PositiveIntegerField(_("members present"))
    report = models.FileField(_("RAT report"), storage=private_storage, upload_to=evidence_path)
    summary = models.TextField(_("summary"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cooperative", "-book_year"]
        verbose_name = _("annual members' meeting (RAT)")
        verbose_name_plural = _("annual members' meetings (RAT)")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "book_year"],
                name="one_rat_per_book_year",
                violation_error_message=_("This book year's RAT is already recorded."),
            )
        ]

    def __str__(self):
        return f"RAT {self.book_year} — {self.cooperative}"


class RatReminder(models.Model):
    """One row per reminder sent: the scheduled task sends each (cooperative, book year,
    stage) once, however often it runs."""

    Stage = ReminderStage

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="rat_reminders"
    )
    book_year = models.PositiveSmallIntegerField(_("book year"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("RAT reminder")
        verbose_name_plural = _("RAT reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "book_year", "stage"], name="one_rat_reminder_per_stage"
            )
        ]

    def __str__(self):
        return f"RAT {self.book_year} {self.stage} — {self.cooperative_id}"


@register_setting(icon="date")
class RatSettings(BaseGenericSetting):
    """When a book year's RAT must be held and reported by (in the following year)."""

    deadline_month = models.PositiveSmallIntegerField(
        _("deadline month"), default=6, help_text=_("1 to 12; the law expects six months.")
    )
    deadline_day = models.PositiveSmallIntegerField(_("deadline day"), default=30)

    class Meta:
        verbose_name = _("RAT deadline")
