"""Every change of a facilitation request. One function (``_change_stage``) moves a request
from stage to stage: it checks ``FacilitationRequest.TRANSITIONS``, saves, writes the event
and queues the owner's e-mail, in one transaction; the verbs below are what staff and owners
do, each calling it once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import require_staff
from core.time import JAKARTA, jakarta_date
from vendors import services as vendor_services
from vendors.models import HalalCertificate, Vendor
from vendors.trademarks import services as trademark_services
from vendors.trademarks.validators import normalize_application_number

from .models import FacilitationEvent, FacilitationRequest
from .tasks import send_facilitation_email

Kind = FacilitationRequest.Kind
Stage = FacilitationRequest.Stage
STAFF_ONLY = gettext_lazy("Only staff can work on facilitation requests.")
# What the owner may fill in when asking, per kind (the rest is for staff).
DETAILS = {
    Kind.HALAL: ("halal_route", "halal_companion"),
    Kind.HKI: ("mark", "nice_class"),
    Kind.FINANCING: ("amount", "purpose", "partner_bank"),
}


def _notify(event: FacilitationEvent):
    transaction.on_commit(lambda: send_facilitation_email.enqueue(event.pk))


def _log(request, kind, actor, **params) -> FacilitationEvent:
    event = FacilitationEvent.objects.create(
        request=request, stage=request.stage, kind=kind, params=params, actor=actor
    )
    _notify(event)
    return event


def _change_stage(request, new, *, actor, kind=None, params=None, **fields):
    """The one place a request's stage changes. Call inside a transaction with the row
    locked; a refused change raises before anything is written."""
    FacilitationRequest.TRANSITIONS.check(request, new)
    for name, value in fields.items():
        setattr(request, name, value)
    request.stage = new
    request.stage_changed_at = timezone.now()
    request.save()
    return _log(request, kind or new, actor, **(params or {}))


def _locked(request) -> FacilitationRequest:
    return FacilitationRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def request_facilitation(vendor, user, kind, **details) -> FacilitationRequest:
    """A business asks for help of one kind: one open request per kind (the database holds
    the rule), from a member of the business or from staff on its behalf."""
    if not (user.is_staff or Vendor.objects.for_user(user).filter(pk=vendor.pk).exists()):
        raise PermissionDenied
    if kind == Kind.NIB and vendor.nib_verified:
        raise ValidationError(_("This business already has a verified NIB."))
    allowed = {"note", *DETAILS.get(kind, ())}
    request = FacilitationRequest(
        vendor=vendor,
        kind=kind,
        **{name: value for name, value in details.items() if name in allowed},
    )
    request.full_clean(exclude=["vendor", "officer"])
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This business already has an open request of this kind."), code="open"
        ) from error
    _log(request, "requested", user)
    return request


@transaction.atomic
def _step(request, actor, stage, **change) -> FacilitationRequest:
    """A staff step: the request locked, then moved through the one stage change."""
    request = _locked(request)
    _change_stage(request, stage, actor=actor, **change)
    return request


def screen(request, officer, missing: str = "") -> FacilitationRequest:
    """Staff checked the documents; what is still missing is listed back to the owner."""
    require_staff(officer, STAFF_ONLY)
    missing = missing.strip()
    return _step(
        request,
        officer,
        Stage.SCREENED,
        kind="screened_missing" if missing else "screened",
        params={"missing": missing} if missing else {},
        missing_documents=missing,
    )


def assign(
    request, officer, to_officer, appointment_at, place, place_other=""
) -> FacilitationRequest:
    """An officer takes the request, with an appointment at the klinik, RPPKUM or elsewhere."""
    require_staff(officer, STAFF_ONLY)
    if to_officer is None or not to_officer.is_staff:
        raise ValidationError(_("Assign the request to a member of staff."))
    if place not in FacilitationRequest.Place.values:
        raise ValidationError(_("Choose where the appointment is."))
    place_other = place_other.strip() if place == FacilitationRequest.Place.OTHER else ""
    if place == FacilitationRequest.Place.OTHER and not place_other:
        raise ValidationError(_("Say where the appointment is."))
    if appointment_at is None:
        raise ValidationError(_("Give the appointment's date and time."))
    return _step(
        request,
        officer,
        Stage.ASSISTED,
        params={
            "officer": to_officer.get_full_name() or to_officer.get_username(),
            "when": appointment_at.isoformat(),
            "place": place_other or place,
        },
        officer=to_officer,
        appointment_at=appointment_at,
        place=place,
        place_other=place_other,
    )


def record_submission(request, officer, reference: str, companion: str = "") -> FacilitationRequest:
    """Sent to OSS, SIHALAL, the DPMPTSP, BPOM, DJKI or the bank: its reference number (for
    a trademark, DJKI's application number, in its shape). A self-declare halal application
    goes with its halal process companion (PPH), named by the owner or, now, by staff."""
    require_staff(officer, STAFF_ONLY)
    reference = reference.strip()
    if not reference:
        raise ValidationError(_("Enter the reference the issuing system gave."))
    if request.kind == Kind.HKI:
        reference = normalize_application_number(reference)
    companion = companion.strip() or request.halal_companion
    if request.halal_route == FacilitationRequest.HalalRoute.SELF_DECLARE and not companion:
        raise ValidationError(
            _("A self-declare application needs its halal process companion (PPH): name them.")
        )
    return _step(
        request,
        officer,
        Stage.SUBMITTED,
        params={"reference": reference},
        external_reference=reference,
        halal_companion=companion,
    )


def record_issue(request, officer, number: str) -> FacilitationRequest:
    """The document is issued. An NIB is recorded on the business and verified in the same
    step (with its verification event), so the business becomes public; a halal
    certificate is added to the business and verified; a trademark is recorded registered
    and verified. A number already held by another business is refused and nothing
    changes."""
    require_staff(officer, STAFF_ONLY)
    with transaction.atomic():
        request = _locked(request)
        number = request.normalized_number(number)
        FacilitationRequest.TRANSITIONS.check(request, Stage.ISSUED)
        _record_on_vendor(request, officer, number)
        _change_stage(
            request, Stage.ISSUED, actor=officer, params={"number": number}, issued_number=number
        )
    return request


def _record_on_vendor(request, officer, number):
    vendor = Vendor.objects.select_for_update().get(pk=request.vendor_id)
    if request.kind == Kind.NIB:
        if Vendor.objects.filter(nib=number).exclude(pk=vendor.pk).exists():
            raise ValidationError(
                _("NIB %(nib)s is already held by another business; check the number.")
                % {"nib": number},
                code="nib_taken",
            )
        vendor.nib = number
        vendor.save(update_fields=["nib", "updated_at"])
        vendor_services.verify_nib(
            vendor,
            officer,
            notify=False,
            kind="issued_through_facilitation",
            params={"id": request.pk},
        )
    elif request.kind == Kind.HALAL:
        if HalalCertificate.objects.filter(number=number).exists():
            raise ValidationError(
                _("Halal certificate %(number)s is already recorded; check the number.")
                % {"number": number},
                code="halal_taken",
            )
        certificate = vendor_services.submit_halal_certificate(
            vendor, officer, vendor_services.HalalSubmission(number=number)
        )
        vendor_services.verify_halal_certificate(certificate, officer, notify=False)
    elif request.kind == Kind.HKI:
        _record_trademark(request, vendor, officer, number)
    elif request.kind == Kind.PIRT and not vendor.pirt_number:
        vendor.pirt_number = number
        vendor.save(update_fields=["pirt_number", "updated_at"])
    elif request.kind == Kind.BPOM and not vendor.bpom_number:
        vendor.bpom_number = number
        vendor.save(update_fields=["bpom_number", "updated_at"])


def _record_trademark(request, vendor, officer, number):
    """Filed on the day the request was submitted to DJKI (in Jakarta), registered today."""
    trademark_services.record_issued_trademark(
        vendor,
        officer,
        trademark_services.TrademarkSubmission(
            mark=request.mark,
            nice_class=request.nice_class,
            application_number=request.external_reference,
            filed_on=jakarta_date(request.stage_changed_at),
            registration_number=number,
            registered_on=timezone.localdate(timezone=JAKARTA),
        ),
        request_id=request.pk,
    )


def decline(request, officer, reason: str) -> FacilitationRequest:
    """The request ends without a document; the owner reads the reason."""
    require_staff(officer, STAFF_ONLY)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the request is declined: the owner reads this."))
    return _step(request, officer, Stage.DECLINED, params={"reason": reason}, decline_reason=reason)
