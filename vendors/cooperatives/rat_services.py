"""The annual members' meeting (RAT): recorded by the cooperative's admins for a book year,
verified or sent back by staff; the badge of the last book year; the cooperatives late with
it and their reminders (one per cooperative, book year and stage, however often it runs)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import require_staff
from vendors.validators import validate_evidence_document

from .models import AnnualMeeting, Cooperative, RatReminder, RatSettings
from .services import ensure_records, is_admin_of, log, today
from .tasks import send_cooperative_email

Status = AnnualMeeting.Status
STAFF_ONLY = gettext_lazy("Only staff can verify a RAT.")
# Cooperatives that no longer hold a RAT.
CLOSED = (Cooperative.Status.DISSOLVED,)
DUE_SOON = datetime.timedelta(days=30)


def last_book_year(on: datetime.date | None = None) -> int:
    """The book year whose RAT is due now: the year before this one, in Jakarta."""
    return (on or today()).year - 1


def rat_deadline(book_year: int) -> datetime.date:
    """When a book year's RAT must be held and reported by (RatSettings, in the next year)."""
    settings = RatSettings.load()
    year = book_year + 1
    try:
        return datetime.date(year, settings.deadline_month, settings.deadline_day)
    except ValueError:  # 31 June, 29 February…: the month's last day
        first_of_next = datetime.date(
            year + settings.deadline_month // 12, settings.deadline_month % 12 + 1, 1
        )
        return first_of_next - datetime.timedelta(days=1)


def _check(book_year, held_on, members_present, summary, report, *, new_report) -> None:
    errors = {}
    now = today()
    if book_year is None or book_year >= now.year:
        errors["book_year"] = _("The RAT is held after its book year has ended.")
    if held_on and held_on > now:
        errors["held_on"] = _("The RAT's date cannot be in the future.")
    elif held_on and book_year and held_on <= datetime.date(book_year, 12, 31):
        errors["held_on"] = _("The RAT of book year %(year)s is held after the year ended.") % {
            "year": book_year
        }
    if members_present is None or members_present < 0:
        errors["members_present"] = _("The number of members present cannot be negative.")
    if not (summary or "").strip():
        errors["summary"] = _("Write a short summary of the RAT.")
    if new_report and not report:
        errors["report"] = _("Attach the RAT report.")
    elif new_report:
        try:
            validate_evidence_document(report)
        except ValidationError as error:
            errors["report"] = error.messages
    if errors:
        raise ValidationError(errors)


def _duplicate(cooperative, book_year) -> ValidationError:
    return ValidationError(
        {
            "book_year": _(
                "The RAT of book year %(year)s is already recorded. Correct it from "
                "your dashboard if the office sent it back."
            )
            % {"year": book_year}
        }
    )


def record_rat(cooperative, user, *, book_year, held_on, members_present, report, summary):
    """The cooperative's admins record a book year's RAT with its report; it waits for staff."""
    if not is_admin_of(user, cooperative):
        raise PermissionDenied
    _check(book_year, held_on, members_present, summary, report, new_report=True)
    if AnnualMeeting.objects.filter(cooperative=cooperative, book_year=book_year).exists():
        raise _duplicate(cooperative, book_year)
    try:
        with transaction.atomic():
            meeting = AnnualMeeting.objects.create(
                cooperative=cooperative,
                book_year=book_year,
                held_on=held_on,
                members_present=members_present,
                report=report,
                summary=summary.strip(),
                submitted_by=user,
            )
            log(cooperative, "rat_recorded", user, year=book_year, date=held_on.isoformat())
    except IntegrityError as error:
        raise _duplicate(cooperative, book_year) from error
    return meeting


@transaction.atomic
def correct_rat(meeting, user, *, held_on, members_present, summary, report=None):
    """A RAT sent back is corrected (a new report if given) and waits for staff again."""
    meeting = AnnualMeeting.objects.select_for_update().get(pk=meeting.pk)
    if not is_admin_of(user, meeting.cooperative):
        raise PermissionDenied
    AnnualMeeting.TRANSITIONS.check(meeting, Status.PENDING)
    _check(
        meeting.book_year, held_on, members_present, summary, report, new_report=report is not None
    )
    meeting.held_on, meeting.members_present = held_on, members_present
    meeting.summary = summary.strip()
    if report is not None:
        meeting.report = report
    meeting.status = Status.PENDING
    meeting.save()
    log(meeting.cooperative, "rat_recorded", user, year=meeting.book_year, date=held_on.isoformat())
    return meeting


def _decide(meeting, officer, new, kind, **params):
    require_staff(officer, STAFF_ONLY)
    with transaction.atomic():
        meeting = AnnualMeeting.objects.select_for_update().get(pk=meeting.pk)
        AnnualMeeting.TRANSITIONS.check(meeting, new)
        meeting.status = new
        meeting.save()
        event = log(meeting.cooperative, kind, officer, year=meeting.book_year, **params)
        transaction.on_commit(lambda: send_cooperative_email.enqueue(event.pk))
    return meeting


def verify_rat(meeting, officer):
    return _decide(meeting, officer, Status.VERIFIED, "rat_verified")


def send_back_rat(meeting, officer, reason: str):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the RAT is sent back: the cooperative reads this."))
    return _decide(meeting, officer, Status.REJECTED, "rat_rejected", reason=reason)


def held_rat(vendor, on: datetime.date | None = None):
    """The verified RAT of the last book year, shown as the badge; None without one."""
    return AnnualMeeting.objects.filter(
        cooperative__vendor=vendor, book_year=last_book_year(on), status=Status.VERIFIED
    ).first()


def without_verified_rat(book_year):
    return (
        Cooperative.objects.exclude(status__in=CLOSED)
        .exclude(meetings__book_year=book_year, meetings__status=Status.VERIFIED)
        .select_related("vendor", "vendor__kecamatan")
    )


def overdue(on: datetime.date | None = None):
    """Past the deadline, the cooperatives without a verified RAT of the last book year."""
    on = on or today()
    year = last_book_year(on)
    if on <= rat_deadline(year):
        return Cooperative.objects.none()
    return without_verified_rat(year)


def reminder_stage(on: datetime.date) -> str | None:
    """ "Overdue" after the deadline, "due soon" in the month (30 days) before it."""
    deadline = rat_deadline(last_book_year(on))
    if on > deadline:
        return RatReminder.Stage.OVERDUE
    if on >= deadline - DUE_SOON:
        return RatReminder.Stage.DUE_SOON
    return None


def send_reminders(on: datetime.date | None = None) -> int:
    """E-mail each cooperative without a verified RAT of the last book year: once "due
    soon" in the month before the deadline, once "overdue" after it. Returns how many."""
    on = on or today()
    stage = reminder_stage(on)
    if stage is None:
        return 0
    ensure_records()
    year, sent = last_book_year(on), 0
    for cooperative in without_verified_rat(year):
        with transaction.atomic():
            _reminder, created = RatReminder.objects.get_or_create(
                cooperative=cooperative, book_year=year, stage=stage
            )
            if not created:
                continue
            event = log(cooperative, "rat_reminded", None, year=year, stage=stage)
            transaction.on_commit(lambda pk=event.pk: send_cooperative_email.enqueue(pk))
        sent += 1
    return sent
