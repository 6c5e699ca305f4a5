import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    HalalCertificateFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)
from vendors import services
from vendors.models import HalalCertificate, Vendor, VerificationEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return StaffFactory(username="petugas")


@pytest.fixture
def applicant():
    membership = MembershipFactory(
        vendor=VendorFactory(status=Vendor.Status.APPLIED, nib_status=Vendor.NibStatus.PENDING),
        user=UserFactory(email="sari@example.com"),
    )
    return membership.vendor


def test_verifying_a_nib_activates_the_applicant_logs_and_tells_the_vendor(
    applicant, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_nib(applicant, officer, "Cocok dengan OSS")
    applicant.refresh_from_db()
    assert applicant.nib_status == Vendor.NibStatus.VERIFIED
    assert applicant.status == Vendor.Status.ACTIVE
    assert applicant.is_public
    nib_event = VerificationEvent.objects.get(vendor=applicant, subject="nib", actor=officer)
    assert (nib_event.old_status, nib_event.new_status) == ("pending", "verified")
    assert nib_event.note == "Cocok dengan OSS"
    assert VerificationEvent.objects.filter(
        vendor=applicant, subject="vendor", old_status="applied", new_status="active"
    ).exists()
    assert len(mail.outbox) == 1
    assert "sari@example.com" in mail.outbox[0].to
    assert "terverifikasi" in mail.outbox[0].subject.lower()


def test_rejecting_needs_a_note_the_vendor_reads(
    applicant, officer, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        services.reject_nib(applicant, officer, "  ")
    applicant.refresh_from_db()
    assert applicant.nib_status == Vendor.NibStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_nib(applicant, officer, "Nomor tidak ditemukan di OSS")
    applicant.refresh_from_db()
    assert applicant.nib_status == Vendor.NibStatus.REJECTED
    assert not applicant.is_public
    assert "Nomor tidak ditemukan di OSS" in mail.outbox[0].body


def test_only_staff_decide(applicant):
    with pytest.raises(PermissionDenied):
        services.verify_nib(applicant, UserFactory(), "")
    with pytest.raises(PermissionDenied):
        services.verify_nib(applicant, None, "")


def test_a_verified_nib_cannot_be_verified_twice(applicant, officer):
    services.verify_nib(applicant, officer)
    with pytest.raises(services.TransitionError):
        services.verify_nib(applicant, officer)
    assert VerificationEvent.objects.filter(subject="nib", new_status="verified").count() == 1


def test_a_rejected_vendor_corrects_and_resubmits(applicant, officer):
    services.reject_nib(applicant, officer, "Salah ketik")
    member = applicant.memberships.get().user
    services.resubmit_nib(applicant, member, "9120009999999")
    applicant.refresh_from_db()
    assert applicant.nib == "9120009999999"
    assert applicant.nib_status == Vendor.NibStatus.PENDING


def test_a_stranger_cannot_resubmit_another_vendors_nib(applicant, officer):
    services.reject_nib(applicant, officer, "Salah")
    with pytest.raises(PermissionDenied):
        services.resubmit_nib(applicant, UserFactory(), "9120009999999")


def test_halal_verification_and_revocation_are_logged(officer):
    certificate = HalalCertificateFactory(status=HalalCertificate.Status.PENDING)
    services.verify_halal_certificate(certificate, officer, "Sesuai SIHALAL")
    certificate.refresh_from_db()
    assert certificate.is_valid
    services.revoke_halal_certificate(certificate, officer, "Bahan berubah")
    certificate.refresh_from_db()
    assert not certificate.is_valid
    subjects = list(
        VerificationEvent.objects.filter(certificate=certificate)
        .order_by("id")
        .values_list("old_status", "new_status")
    )
    assert subjects == [("pending", "verified"), ("verified", "revoked")]
    with pytest.raises(services.TransitionError):
        services.revoke_halal_certificate(certificate, officer, "lagi")


def test_suspending_hides_the_vendor_and_is_logged(officer):
    vendor = VendorFactory()
    services.change_vendor_status(vendor, Vendor.Status.SUSPENDED, officer, "Keluhan pembeli")
    vendor.refresh_from_db()
    assert not vendor.is_public
    assert not Vendor.objects.public().filter(pk=vendor.pk).exists()
    with pytest.raises(services.TransitionError):
        services.change_vendor_status(vendor, Vendor.Status.APPLIED, officer)


def test_verification_events_are_immutable(applicant, officer):
    services.verify_nib(applicant, officer)
    event = VerificationEvent.objects.filter(vendor=applicant).first()
    event.note = "changed"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
