"""State changes of vendors and their legal documents. Each runs in a transaction, checks
the transition is allowed, and writes an immutable VerificationEvent."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import HalalCertificate, Membership, Vendor, VerificationEvent

NibStatus = Vendor.NibStatus
HalalStatus = HalalCertificate.Status

# Allowed transitions, in one place: decision -> (statuses it may start from, result).
NIB_DECISIONS = {
    "verify": ({NibStatus.PENDING, NibStatus.UNVERIFIED, NibStatus.REJECTED}, NibStatus.VERIFIED),
    "reject": ({NibStatus.PENDING, NibStatus.UNVERIFIED, NibStatus.VERIFIED}, NibStatus.REJECTED),
    "resubmit": ({NibStatus.UNVERIFIED, NibStatus.REJECTED}, NibStatus.PENDING),
}
HALAL_DECISIONS = {
    "verify": ({HalalStatus.PENDING, HalalStatus.REJECTED}, HalalStatus.VERIFIED),
    "reject": ({HalalStatus.PENDING, HalalStatus.VERIFIED}, HalalStatus.REJECTED),
}
VENDOR_STATUS_CHANGES = {
    Vendor.Status.APPLIED: {Vendor.Status.ACTIVE, Vendor.Status.SUSPENDED},
    Vendor.Status.ACTIVE: {Vendor.Status.SUSPENDED},
    Vendor.Status.SUSPENDED: {Vendor.Status.ACTIVE},
}


class TransitionError(ValidationError):
    pass


def _require_staff(officer):
    if officer is None or not officer.is_staff:
        raise PermissionDenied(_("Only staff can decide on verifications."))


def _notify(event: VerificationEvent):
    from .tasks import send_verification_email

    transaction.on_commit(lambda: send_verification_email.enqueue(event.pk))


def _record(vendor, subject, old, new, *, actor=None, note="", certificate=None, notify=True):
    event = VerificationEvent.objects.create(
        vendor=vendor,
        subject=subject,
        certificate=certificate,
        actor=actor,
        old_status=old,
        new_status=new,
        note=note,
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
def apply_vendor(*, account: dict, business: dict, nib_document=None, halal=None) -> Vendor:
    """A new account and its business in one step: the vendor starts as applied with its NIB
    pending staff verification; the applicant becomes its owner."""
    User = get_user_model()
    user = User.objects.create_user(
        username=account["username"],
        email=account["email"],
        password=account["password"],
        first_name=account.get("first_name", ""),
    )
    vendor = Vendor(**business)
    vendor.slug = unique_vendor_slug(vendor.name)
    vendor.status = Vendor.Status.APPLIED
    vendor.nib_status = NibStatus.PENDING
    if nib_document is not None:
        vendor.nib_document = nib_document
    vendor.save()
    Membership.objects.create(user=user, vendor=vendor, role=Membership.Role.OWNER)
    _record(
        vendor,
        VerificationEvent.Subject.NIB,
        "",
        NibStatus.PENDING,
        actor=user,
        note=_("Application submitted"),
        notify=False,
    )
    if halal is not None and halal.number:
        submit_halal_certificate(vendor, user, halal)
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
        VerificationEvent.Subject.HALAL,
        "",
        HalalStatus.PENDING,
        actor=user,
        certificate=certificate,
        note=_("Certificate submitted"),
        notify=False,
    )
    return certificate


def _decide_nib(vendor, decision, officer, note):
    allowed, result = NIB_DECISIONS[decision]
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        if vendor.nib_status not in allowed:
            raise TransitionError(
                _("The NIB is %(status)s; it cannot be changed that way.")
                % {"status": vendor.get_nib_status_display().lower()}
            )
        old = vendor.nib_status
        vendor.nib_status = result
        fields = ["nib_status", "updated_at"]
        if decision == "verify" and vendor.status == Vendor.Status.APPLIED:
            # An applicant whose NIB is verified is open for business.
            vendor.status = Vendor.Status.ACTIVE
            fields.append("status")
        vendor.save(update_fields=fields)
        _record(vendor, VerificationEvent.Subject.NIB, old, result, actor=officer, note=note)
        if "status" in fields:
            _record(
                vendor,
                VerificationEvent.Subject.VENDOR,
                Vendor.Status.APPLIED,
                Vendor.Status.ACTIVE,
                actor=officer,
                notify=False,
            )
    return vendor


def verify_nib(vendor, officer, note: str = "") -> Vendor:
    _require_staff(officer)
    return _decide_nib(vendor, "verify", officer, note)


def reject_nib(vendor, officer, note: str) -> Vendor:
    _require_staff(officer)
    if not note.strip():
        raise ValidationError(_("Say why the NIB is rejected: the vendor reads this note."))
    return _decide_nib(vendor, "reject", officer, note)


def resubmit_nib(vendor, user, nib: str, document=None) -> Vendor:
    """A vendor member corrects a rejected NIB and sends it back for verification."""
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        allowed, result = NIB_DECISIONS["resubmit"]
        if vendor.nib_status not in allowed:
            raise TransitionError(_("This NIB is not waiting for a correction."))
        old = vendor.nib_status
        vendor.nib = nib
        vendor.nib_status = result
        if document is not None:
            vendor.nib_document = document
        vendor.full_clean(exclude=["kecamatan", "logo", "cover"])
        vendor.save()
        _record(
            vendor,
            VerificationEvent.Subject.NIB,
            old,
            result,
            actor=user,
            note=_("Corrected and sent again"),
            notify=False,
        )
    return vendor


def _decide_halal(certificate, decision, officer, note):
    allowed, result = HALAL_DECISIONS[decision]
    with transaction.atomic():
        certificate = HalalCertificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status not in allowed:
            raise TransitionError(
                _("The certificate is %(status)s; it cannot be changed that way.")
                % {"status": certificate.get_status_display().lower()}
            )
        old = certificate.status
        certificate.status = result
        certificate.save(update_fields=["status"])
        _record(
            certificate.vendor,
            VerificationEvent.Subject.HALAL,
            old,
            result,
            actor=officer,
            note=note,
            certificate=certificate,
        )
    return certificate


def verify_halal_certificate(certificate, officer, note: str = "") -> HalalCertificate:
    _require_staff(officer)
    return _decide_halal(certificate, "verify", officer, note)


def reject_halal_certificate(certificate, officer, note: str) -> HalalCertificate:
    _require_staff(officer)
    if not note.strip():
        raise ValidationError(_("Say why the certificate is rejected: the vendor reads this."))
    return _decide_halal(certificate, "reject", officer, note)


def revoke_halal_certificate(certificate, officer, note: str) -> HalalCertificate:
    """Revocation ends a certificate whatever its expiry: the badge goes at once."""
    _require_staff(officer)
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
            VerificationEvent.Subject.HALAL,
            certificate.status,
            "revoked",
            actor=officer,
            note=note,
            certificate=certificate,
        )
    return certificate


def change_vendor_status(vendor, status, officer, note: str = "") -> Vendor:
    _require_staff(officer)
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        if status not in VENDOR_STATUS_CHANGES.get(vendor.status, set()):
            raise TransitionError(
                _("A vendor that is %(old)s cannot become %(new)s.")
                % {
                    "old": vendor.get_status_display().lower(),
                    "new": Vendor.Status(status).label.lower(),
                }
            )
        old = vendor.status
        vendor.status = status
        vendor.save(update_fields=["status", "updated_at"])
        _record(vendor, VerificationEvent.Subject.VENDOR, old, status, actor=officer, note=note)
    return vendor
