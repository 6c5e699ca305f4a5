"""State changes of vendors and their legal documents. Each runs in a transaction, checks
the transition is allowed, and writes an immutable VerificationEvent."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import require_staff
from core.states import TransitionNotAllowed

from .models import HalalCertificate, Membership, Vendor, VerificationEvent
from .tasks import send_verification_email

NibStatus = Vendor.NibStatus
STAFF_ONLY = gettext_lazy("Only staff can decide on verifications.")
HalalStatus = HalalCertificate.Status
Subject = VerificationEvent.Subject

# What each decision makes of the NIB or certificate; whether it may is the model's table.
NIB_DECISIONS = {
    "verify": NibStatus.VERIFIED,
    "reject": NibStatus.REJECTED,
    "resubmit": NibStatus.PENDING,
}
HALAL_DECISIONS = {"verify": HalalStatus.VERIFIED, "reject": HalalStatus.REJECTED}
# A refused status change (in the table's words, or the service's own).
TransitionError = TransitionNotAllowed


def _notify(event: VerificationEvent):
    transaction.on_commit(lambda: send_verification_email.enqueue(event.pk))


def _record(
    vendor,
    subject,
    old,
    new,
    *,
    actor=None,
    note="",
    kind="",
    params=None,
    certificate=None,
    notify=True,
):
    event = VerificationEvent.objects.create(
        vendor=vendor,
        subject=subject,
        certificate=certificate,
        actor=actor,
        old_status=old,
        new_status=new,
        note=note,
        kind=kind,
        params=params or {},
    )
    if notify:
        _notify(event)
    return event


def unique_vendor_slug(name: str) -> str:
    base = slugify(name)[:120] or "umkm"
    slug, n = base, 2
    while Vendor.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@dataclass
class HalalSubmission:
    number: str
    issued_on: object = None
    expires_on: object = None
    document: object = None


@transaction.atomic
def apply_vendor(
    *, account: dict | None, business: dict, nib_document=None, halal=None, officer=None
) -> Vendor:
    """A business enters the register. With an NIB it waits for staff to verify it; without
    one (``business["nib"]`` empty) it is registered with no NIB yet, not public. The
    applicant's new account (``account``) becomes its owner. A field officer (``officer``)
    may register it on the owner's behalf, with the owner's consent in ``business``; then
    ``account`` may be None (the owner has no e-mail) and the officer is the event's actor."""
    if officer is not None:
        require_staff(officer, STAFF_ONLY)
        if not business.get("owner_consent"):
            raise ValidationError(_("Record how the owner agreed to be registered."))
    user = None
    if account is not None:
        user = get_user_model().objects.create_user(
            username=account["username"],
            email=account["email"],
            password=account.get("password"),  # None: unusable until the owner chooses one
            first_name=account.get("first_name", ""),
        )
    vendor = Vendor(**business)
    vendor.nib = vendor.nib or None
    vendor.slug = unique_vendor_slug(vendor.name)
    vendor.status = Vendor.Status.APPLIED
    vendor.nib_status = NibStatus.PENDING if vendor.nib else NibStatus.NONE
    vendor.registered_by = officer
    if nib_document is not None and vendor.nib:
        vendor.nib_document = nib_document
    vendor.save()
    if user is not None:
        Membership.objects.create(user=user, vendor=vendor, role=Membership.Role.OWNER)
    _record(
        vendor,
        Subject.NIB,
        "",
        vendor.nib_status,
        actor=officer or user,
        kind="registered_on_behalf" if officer else "applied",
        params={"consent": vendor.owner_consent} if officer else None,
        notify=False,
    )
    if halal is not None and halal.number:
        submit_halal_certificate(vendor, officer or user, halal)
    return vendor


def submit_halal_certificate(vendor, user, halal: HalalSubmission) -> HalalCertificate:
    certificate = HalalCertificate.objects.create(
        vendor=vendor,
        number=halal.number,
        issued_on=halal.issued_on,
        expires_on=halal.expires_on,
        document=halal.document or "",
        covers_all_products=True,
        status=HalalStatus.PENDING,
    )
    _record(
        vendor,
        Subject.HALAL,
        "",
        HalalStatus.PENDING,
        actor=user,
        certificate=certificate,
        kind="certificate_submitted",
        notify=False,
    )
    return certificate


def _set_nib_status(vendor, new, *, actor, note="", kind="", params=None, notify=True) -> str:
    """The one place a NIB's status changes: allowed by ``Vendor.NIB_TRANSITIONS``, saved,
    recorded. Call inside a transaction with the vendor locked; returns the old status."""
    old = Vendor.NIB_TRANSITIONS.check(vendor, new)
    vendor.nib_status = new
    vendor.save(update_fields=["nib", "nib_document", "nib_status", "updated_at"])
    _record(
        vendor,
        Subject.NIB,
        old,
        new,
        actor=actor,
        note=note,
        kind=kind,
        params=params,
        notify=notify,
    )
    return old


def _set_vendor_status(vendor, new, *, actor, note="", notify=True) -> str:
    """The one place a vendor's status changes: allowed by ``Vendor.TRANSITIONS``."""
    old = Vendor.TRANSITIONS.check(vendor, new)
    vendor.status = new
    vendor.save(update_fields=["status", "updated_at"])
    _record(vendor, Subject.VENDOR, old, new, actor=actor, note=note, notify=notify)
    return old


def _decide_nib(vendor, decision, officer, note, notify=True, **event):
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        _set_nib_status(
            vendor, NIB_DECISIONS[decision], actor=officer, note=note, notify=notify, **event
        )
        if decision == "verify" and vendor.status == Vendor.Status.APPLIED:
            # An applicant whose NIB is verified is open for business.
            _set_vendor_status(vendor, Vendor.Status.ACTIVE, actor=officer, notify=False)
    return vendor


def verify_nib(vendor, officer, note: str = "", *, notify: bool = True, **event) -> Vendor:
    """``notify=False`` where the caller's own e-mail already tells the vendor (an NIB
    issued through a facilitation request); ``event`` (``kind``, ``params``) records why
    when no officer's note does."""
    require_staff(officer, STAFF_ONLY)
    if not vendor.nib:
        raise ValidationError(_("This business has no NIB to verify yet."))
    return _decide_nib(vendor, "verify", officer, note, notify, **event)


def reject_nib(vendor, officer, note: str) -> Vendor:
    require_staff(officer, STAFF_ONLY)
    if not note.strip():
        raise ValidationError(_("Say why the NIB is rejected: the vendor reads this note."))
    return _decide_nib(vendor, "reject", officer, note)


def resubmit_nib(vendor, user, nib: str, document=None) -> Vendor:
    """A vendor member corrects a rejected NIB and sends it back for verification, or sends
    the NIB of a business registered without one."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        if not Vendor.NIB_TRANSITIONS.allows(vendor.nib_status, NibStatus.PENDING):
            raise TransitionError(_("This NIB is not waiting for a correction."))
        vendor.nib = nib
        if document is not None:
            vendor.nib_document = document
        vendor.full_clean(exclude=["kecamatan", "logo", "cover"])
        kind = "nib_submitted" if vendor.nib_status == NibStatus.NONE else "resubmitted"
        _set_nib_status(vendor, NibStatus.PENDING, actor=user, kind=kind, notify=False)
    return vendor


def _set_halal_status(certificate, new, *, actor, note="", notify=True) -> str:
    """The one place a certificate's status changes: allowed by
    ``HalalCertificate.TRANSITIONS``, saved, recorded."""
    old = HalalCertificate.TRANSITIONS.check(certificate, new)
    certificate.status = new
    certificate.save(update_fields=["status"])
    _record(
        certificate.vendor,
        Subject.HALAL,
        old,
        new,
        actor=actor,
        note=note,
        certificate=certificate,
        notify=notify,
    )
    return old


def _decide_halal(certificate, decision, officer, note, notify=True):
    with transaction.atomic():
        certificate = HalalCertificate.objects.select_for_update().get(pk=certificate.pk)
        _set_halal_status(
            certificate, HALAL_DECISIONS[decision], actor=officer, note=note, notify=notify
        )
    return certificate


def verify_halal_certificate(
    certificate, officer, note: str = "", *, notify: bool = True
) -> HalalCertificate:
    require_staff(officer, STAFF_ONLY)
    return _decide_halal(certificate, "verify", officer, note, notify)


def reject_halal_certificate(certificate, officer, note: str) -> HalalCertificate:
    require_staff(officer, STAFF_ONLY)
    if not note.strip():
        raise ValidationError(_("Say why the certificate is rejected: the vendor reads this."))
    return _decide_halal(certificate, "reject", officer, note)


def revoke_halal_certificate(certificate, officer, note: str) -> HalalCertificate:
    """Revocation ends a certificate whatever its expiry: the badge goes at once."""
    require_staff(officer, STAFF_ONLY)
    if not note.strip():
        raise ValidationError(_("Say why the certificate is revoked."))
    with transaction.atomic():
        certificate = HalalCertificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            raise TransitionError(_("This certificate is already revoked."))
        certificate.revoked_at = timezone.now()
        certificate.revocation_note = note
        certificate.save(update_fields=["revoked_at", "revocation_note"])
        _record(
            certificate.vendor,
            Subject.HALAL,
            certificate.status,
            "revoked",
            actor=officer,
            note=note,
            certificate=certificate,
        )
    return certificate


def change_vendor_status(vendor, status, officer, note: str = "") -> Vendor:
    require_staff(officer, STAFF_ONLY)
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        _set_vendor_status(vendor, status, actor=officer, note=note)
    return vendor
