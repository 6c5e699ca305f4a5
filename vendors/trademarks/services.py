"""Every change of a trademark record. One function (``_set_status``) changes its
verification through ``Trademark.TRANSITIONS`` and writes the event; DJKI's decision moves
through ``Trademark.DJKI_TRANSITIONS``. Each change runs in a transaction and queues the
owner's e-mail once it is committed."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import require_staff
from vendors.models import Vendor

from .models import Trademark, TrademarkEvent, protection_ends
from .tasks import send_trademark_email

Status = Trademark.Status
DjkiStatus = Trademark.DjkiStatus
STAFF_ONLY = gettext_lazy("Only staff can verify trademark records.")


@dataclass
class TrademarkSubmission:
    mark: str
    nice_class: int
    application_number: str
    filed_on: datetime.date
    registration_number: str = ""
    registered_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    document: object = None


def _log(trademark, kind, actor, *, notify=True, **params) -> TrademarkEvent:
    event = TrademarkEvent.objects.create(
        trademark=trademark, status=trademark.status, kind=kind, params=params, actor=actor
    )
    if notify:
        transaction.on_commit(lambda: send_trademark_email.enqueue(event.pk))
    return event


def _set_status(trademark, new, *, actor, kind, notify=True, **params) -> str:
    """The one place a record's verification changes: allowed by the table, saved, logged.
    Call inside a transaction with the row locked; returns the old status."""
    old = Trademark.TRANSITIONS.check(trademark, new)
    trademark.status = new
    trademark.save()
    _log(trademark, kind, actor, notify=notify, **params)
    return old


def _require_member(vendor, user):
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied


def _refuse_taken(trademark) -> None:
    """A number recorded on another record (of this business or another) is refused, by
    name, before the database's unique constraint would."""
    others = Trademark.objects.exclude(pk=trademark.pk)
    taken = others.filter(application_number=trademark.application_number).first()
    if taken is not None:
        raise ValidationError(_taken_message(taken, trademark, trademark.application_number))
    if trademark.registration_number:
        taken = others.filter(registration_number=trademark.registration_number).first()
        if taken is not None:
            raise ValidationError(_taken_message(taken, trademark, trademark.registration_number))


def _taken_message(taken, trademark, number) -> str:
    if taken.vendor_id == trademark.vendor_id:
        return _("%(number)s is already recorded for this business.") % {"number": number}
    return _(
        "%(number)s is already recorded on another business. Check the number on your DJKI "
        "document, or contact the office if it is yours."
    ) % {"number": number}


def _validate(trademark) -> None:
    """Shapes, class and dates; a number recorded on another record is refused by name."""
    trademark.full_clean(exclude=["vendor", "submitted_by"], validate_unique=False)
    _check_dates(trademark)
    _refuse_taken(trademark)


def _save_new(trademark) -> None:
    try:
        with transaction.atomic():
            trademark.save()
    except IntegrityError as error:  # recorded by someone else a moment ago
        raise ValidationError(_("This trademark number has just been recorded.")) from error


def _check_dates(trademark) -> None:
    today = timezone.localdate()
    errors = {}
    if trademark.filed_on and trademark.filed_on > today:
        errors["filed_on"] = _("The filing date cannot be in the future.")
    registered = trademark.registered_on
    if registered and registered > today:
        errors["registered_on"] = _("The registration date cannot be in the future.")
    elif registered and trademark.filed_on and registered < trademark.filed_on:
        errors["registered_on"] = _("A trademark is registered after it is filed.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_trademark(vendor, user, submission: TrademarkSubmission) -> Trademark:
    """A member records the business's trademark application (already registered, if DJKI
    has registered it) with its DJKI document; it waits for staff verification. Protection
    runs ten years from filing unless the document says otherwise."""
    _require_member(vendor, user)
    registered = bool(submission.registration_number)
    trademark = Trademark(
        vendor=vendor,
        mark=submission.mark.strip(),
        nice_class=submission.nice_class,
        application_number=submission.application_number,
        filed_on=submission.filed_on,
        djki_status=DjkiStatus.REGISTERED if registered else DjkiStatus.FILED,
        registration_number=submission.registration_number or None,
        registered_on=submission.registered_on if registered else None,
        expires_on=submission.expires_on or protection_ends(submission.filed_on),
        document=submission.document or "",
        submitted_by=user,
    )
    if registered and not trademark.registered_on:
        raise ValidationError({"registered_on": _("Give the date DJKI registered the mark.")})
    _validate(trademark)
    _save_new(trademark)
    _log(trademark, "submitted", user, notify=False)
    return trademark


def _djki_decision(trademark, user, new, document=None, **fields) -> Trademark:
    """The owner reports DJKI's decision: recorded, and the record waits for staff again."""
    _require_member(trademark.vendor, user)
    with transaction.atomic():
        trademark = Trademark.objects.select_for_update().get(pk=trademark.pk)
        Trademark.DJKI_TRANSITIONS.check(trademark, new)
        trademark.djki_status = new
        for name, value in fields.items():
            setattr(trademark, name, value)
        if document:
            trademark.document = document
        _validate(trademark)
        kind = "registered" if new == DjkiStatus.REGISTERED else "refused"
        params = {"number": trademark.registration_number} if kind == "registered" else {}
        if trademark.status == Status.PENDING:
            trademark.save()
            _log(trademark, kind, user, notify=False, **params)
        else:
            _set_status(trademark, Status.PENDING, actor=user, kind=kind, notify=False, **params)
    return trademark


def record_registration(trademark, user, number, registered_on, document=None) -> Trademark:
    """DJKI registered the mark: its IDM number and date; staff verify it again."""
    if not number or not registered_on:
        raise ValidationError(_("Give the registration number and the date DJKI registered it."))
    return _djki_decision(
        trademark,
        user,
        DjkiStatus.REGISTERED,
        registration_number=number,
        registered_on=registered_on,
        document=document,
    )


def record_refusal(trademark, user, document=None) -> Trademark:
    """DJKI refused the application; staff verify the refusal against its document."""
    return _djki_decision(trademark, user, DjkiStatus.REFUSED, document=document)


@transaction.atomic
def _decide(trademark, officer, new, kind, **params) -> Trademark:
    trademark = Trademark.objects.select_for_update().get(pk=trademark.pk)
    _set_status(trademark, new, actor=officer, kind=kind, **params)
    return trademark


def verify_trademark(trademark, officer, note: str = "") -> Trademark:
    """Staff checked the record against the DJKI document; a registered, unexpired mark
    now shows its badge."""
    require_staff(officer, STAFF_ONLY)
    note = note.strip()
    if note:
        return _decide(trademark, officer, Status.VERIFIED, "verified_note", note=note)
    return _decide(trademark, officer, Status.VERIFIED, "verified")


def reject_trademark(trademark, officer, reason: str) -> Trademark:
    """The record does not match its document; the owner reads the reason."""
    require_staff(officer, STAFF_ONLY)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the record is rejected: the owner reads this."))
    return _decide(trademark, officer, Status.REJECTED, "rejected", reason=reason)


def record_issued_trademark(vendor, officer, submission: TrademarkSubmission, request_id):
    """A trademark registered through a facilitation request: recorded verified at once
    (staff saw DJKI's decision themselves), with its event; the business's own record of
    the same application, if it sent one, is the one completed. The caller's transaction
    and e-mail cover it; a number already recorded elsewhere is refused, nothing written."""
    require_staff(officer, STAFF_ONLY)
    trademark = (
        Trademark.objects.select_for_update()
        .filter(
            vendor=vendor,
            application_number=submission.application_number,
            djki_status=DjkiStatus.FILED,
        )
        .first()
    )
    if trademark is None:
        trademark = Trademark(
            vendor=vendor,
            mark=submission.mark,
            nice_class=submission.nice_class,
            application_number=submission.application_number,
            filed_on=submission.filed_on,
            expires_on=protection_ends(submission.filed_on),
            submitted_by=officer,
        )
    else:
        Trademark.DJKI_TRANSITIONS.check(trademark, DjkiStatus.REGISTERED)
    trademark.djki_status = DjkiStatus.REGISTERED
    trademark.registration_number = submission.registration_number
    trademark.registered_on = submission.registered_on
    params = {"number": submission.registration_number, "id": request_id}
    _refuse_taken(trademark)
    if trademark.status == Status.VERIFIED:
        trademark.save()
        _log(trademark, "issued_through_facilitation", officer, notify=False, **params)
        return trademark
    if trademark.pk is None:
        _save_new(trademark)
    kind = "issued_through_facilitation"
    _set_status(trademark, Status.VERIFIED, actor=officer, kind=kind, notify=False, **params)
    return trademark
