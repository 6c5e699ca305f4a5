"""Every change of a cooperative's record: the legal entity, the classification, the KDKMP
village, the board and the status (by staff), the member counts (by the cooperative's own
admins). Each change is checked here, saved, and written as a ``CooperativeEvent`` with its
actor. The record of a cooperative vendor is created the first time it is needed."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import require_staff
from core.time import JAKARTA, jakarta_date
from vendors.models import Vendor

from .models import BoardMember, Cooperative, CooperativeEvent, MemberCount
from .validators import normalize_ahu

COOPERATIVE_KINDS = (Vendor.Kind.COOPERATIVE, Vendor.Kind.VILLAGE_COOPERATIVE)
STAFF_ONLY = gettext_lazy("Only staff can change a cooperative's record.")


def today() -> datetime.date:
    return datetime.datetime.now(JAKARTA).date()


def log(cooperative, kind, actor, **params) -> CooperativeEvent:
    return CooperativeEvent.objects.create(
        cooperative=cooperative, kind=kind, params=params, actor=actor
    )


def _new_record(vendor) -> Cooperative:
    cooperative = Cooperative.objects.create(vendor=vendor)
    if vendor.member_count is not None:
        MemberCount.objects.create(
            cooperative=cooperative,
            counted_on=jakarta_date(vendor.created_at),
            members=vendor.member_count,
        )
    return cooperative


def cooperative_for(vendor) -> Cooperative | None:
    """The record of a cooperative vendor, created (with its first member count, from the
    vendor's number) the first time it is asked for; None for a micro-business."""
    if vendor.kind not in COOPERATIVE_KINDS:
        return None
    cooperative = Cooperative.objects.filter(vendor=vendor).first()
    if cooperative is not None:
        return cooperative
    try:
        with transaction.atomic():
            return _new_record(vendor)
    except IntegrityError:  # created by another request a moment ago
        return Cooperative.objects.get(vendor=vendor)


def ensure_records() -> int:
    """Records for every cooperative vendor that has none yet (before listing them all)."""
    missing = Vendor.objects.filter(kind__in=COOPERATIVE_KINDS, cooperative__isnull=True)
    return sum(1 for vendor in missing if cooperative_for(vendor) is not None)


def is_admin_of(user, cooperative) -> bool:
    return Vendor.objects.for_user(user).filter(pk=cooperative.vendor_id).exists()


def _locked(cooperative) -> Cooperative:
    return Cooperative.objects.select_for_update().select_related("vendor").get(pk=cooperative.pk)


def _not_future(day, field, message) -> None:
    if day and day > today():
        raise ValidationError({field: message})


@transaction.atomic
def record_legal_entity(cooperative, officer, ahu_number: str, ahu_date) -> Cooperative:
    """The AHU decree: its number in the one stored form, and its date (not in the future)."""
    require_staff(officer, STAFF_ONLY)
    try:
        number = normalize_ahu(ahu_number)
    except ValidationError as error:
        raise ValidationError({"ahu_number": error.messages}) from error
    if not ahu_date:
        raise ValidationError({"ahu_date": _("Give the date of the AHU decree.")})
    _not_future(ahu_date, "ahu_date", _("The AHU decree's date cannot be in the future."))
    taken = Cooperative.objects.filter(ahu_number=number).exclude(pk=cooperative.pk).first()
    if taken is not None:
        raise ValidationError(
            {
                "ahu_number": _("%(number)s is already recorded for %(name)s.")
                % {"number": number, "name": taken.vendor.name}
            }
        )
    cooperative = _locked(cooperative)
    cooperative.ahu_number, cooperative.ahu_date = number, ahu_date
    cooperative.save()
    log(cooperative, "legal_entity", officer, ahu=number, date=ahu_date.isoformat())
    return cooperative


@transaction.atomic
def classify(cooperative, officer, classification: str) -> Cooperative:
    """One of the five classifications of Permenkop 8/2021; "serba usaha" is not chosen."""
    require_staff(officer, STAFF_ONLY)
    if classification not in Cooperative.CURRENT_CLASSIFICATIONS:
        raise ValidationError(
            {"classification": _("Choose one of the five classifications of Permenkop 8/2021.")}
        )
    cooperative = _locked(cooperative)
    cooperative.classification = classification
    cooperative.save()
    log(cooperative, "classified", officer, classification=classification)
    return cooperative


@transaction.atomic
def set_village(cooperative, officer, village) -> Cooperative:
    """The desa or kelurahan of a KDKMP: one of its own kecamatan."""
    require_staff(officer, STAFF_ONLY)
    cooperative = _locked(cooperative)
    vendor = cooperative.vendor
    if vendor.kind != Vendor.Kind.VILLAGE_COOPERATIVE:
        raise ValidationError({"village": _("Only a village cooperative (KDKMP) has a village.")})
    if village is None or village.kecamatan_id != vendor.kecamatan_id:
        raise ValidationError(
            {
                "village": _("Choose a desa or kelurahan of kecamatan %(kecamatan)s.")
                % {"kecamatan": vendor.kecamatan.name}
            }
        )
    cooperative.village = village
    cooperative.save()
    log(cooperative, "village", officer, village=village.name)
    return cooperative


@transaction.atomic
def add_board_member(cooperative, officer, role, name, term_start, term_end) -> BoardMember:
    """A member of the board (pengurus) or a supervisor (pengawas), with the term."""
    require_staff(officer, STAFF_ONLY)
    name = (name or "").strip()
    if role not in BoardMember.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if not name:
        raise ValidationError({"name": _("Enter the name.")})
    if term_start and term_end and term_end <= term_start:
        raise ValidationError({"term_end": _("The term must end after it starts.")})
    member = BoardMember.objects.create(
        cooperative=cooperative, role=role, name=name, term_start=term_start, term_end=term_end
    )
    log(
        cooperative,
        "board",
        officer,
        role=role,
        name=name,
        start=term_start.isoformat(),
        end=term_end.isoformat(),
    )
    return member


@transaction.atomic
def change_status(cooperative, officer, new: str, note: str = "") -> Cooperative:
    """The one place a cooperative's status changes: allowed by the table, with a note."""
    require_staff(officer, STAFF_ONLY)
    cooperative = _locked(cooperative)
    old = Cooperative.TRANSITIONS.check(cooperative, new)
    cooperative.status = new
    cooperative.save()
    log(cooperative, "status", officer, old=old, new=new, note=(note or "").strip())
    return cooperative


def record_member_count(cooperative, user, counted_on, members) -> MemberCount:
    """The cooperative's admins count their members on a date (not in the future, one
    count a date); the vendor's number of members follows the latest count."""
    if not is_admin_of(user, cooperative):
        raise PermissionDenied
    if members is None or members < 0:
        raise ValidationError({"members": _("The number of members cannot be negative.")})
    if not counted_on:
        raise ValidationError({"counted_on": _("Give the date of the count.")})
    _not_future(counted_on, "counted_on", _("A count cannot be dated in the future."))
    if MemberCount.objects.filter(cooperative=cooperative, counted_on=counted_on).exists():
        raise ValidationError({"counted_on": _("There is already a count for this date.")})
    try:
        with transaction.atomic():
            count = MemberCount.objects.create(
                cooperative=cooperative, counted_on=counted_on, members=members, recorded_by=user
            )
            latest = cooperative.member_counts.order_by("-counted_on").first()
            Vendor.objects.filter(pk=cooperative.vendor_id).update(member_count=latest.members)
            log(cooperative, "members_counted", user, members=members, date=counted_on.isoformat())
    except IntegrityError as error:
        raise ValidationError(
            {"counted_on": _("There is already a count for this date.")}
        ) from error
    return count


def to_migrate():
    """Cooperatives still "serba usaha": staff are asked to move them to one of the five."""
    return Cooperative.objects.filter(classification=Cooperative.Classification.MULTIPURPOSE)
