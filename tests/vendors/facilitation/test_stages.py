"""Facilitation requests move through one table; every move is an event and one e-mail to
the owner; a refused move leaves nothing behind."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.factories import (
    HalalCertificateFactory,
    MembershipFactory,
    UserFactory,
    VendorFactory,
)
from tests.vendors.facilitation.helpers import APPOINTMENT, HKI, walk_to
from vendors.facilitation import services
from vendors.facilitation.models import FacilitationEvent, FacilitationRequest
from vendors.models import HalalCertificate, Vendor, VerificationEvent

pytestmark = pytest.mark.django_db

Stage = FacilitationRequest.Stage
Kind = FacilitationRequest.Kind
ALL_STAGES = list(Stage.values)


def _request_at(vendor, owner, officer, stage, kind=Kind.PIRT):
    request = services.request_facilitation(vendor, owner, kind)
    if stage == Stage.ISSUED:
        request = walk_to(request, officer, Stage.SUBMITTED)
        return services.record_issue(request, officer, "1234567890123-29")
    if stage == Stage.DECLINED:
        return services.decline(request, officer, "Tidak datang")
    return walk_to(request, officer, stage)


MOVES = {
    Stage.SCREENED: lambda r, o: services.screen(r, o, ""),
    Stage.ASSISTED: lambda r, o: services.assign(r, o, o, APPOINTMENT, "rppkum"),
    Stage.SUBMITTED: lambda r, o: services.record_submission(r, o, "REF-1"),
    Stage.ISSUED: lambda r, o: services.record_issue(r, o, "1234567890123-29"),
    Stage.DECLINED: lambda r, o: services.decline(r, o, "Berkas tidak lengkap"),
}
TABLE = {
    Stage.REQUESTED: {Stage.SCREENED, Stage.DECLINED},
    Stage.SCREENED: {Stage.ASSISTED, Stage.DECLINED},
    Stage.ASSISTED: {Stage.SUBMITTED, Stage.DECLINED},
    Stage.SUBMITTED: {Stage.ISSUED, Stage.DECLINED},
    Stage.ISSUED: set(),
    Stage.DECLINED: set(),
}
CASES = [(old, new) for old in ALL_STAGES for new in MOVES]


@pytest.mark.parametrize(("old", "new"), CASES, ids=[f"{o}->{n}" for o, n in CASES])
def test_each_move_is_allowed_only_by_the_table_and_a_refused_one_writes_nothing(
    newcomer, owner, officer, old, new, django_capture_on_commit_callbacks
):
    request = _request_at(newcomer, owner, officer, old)
    events_before = FacilitationEvent.objects.filter(request=request).count()
    mail.outbox.clear()
    if new in TABLE[old]:
        with django_capture_on_commit_callbacks(execute=True):
            moved = MOVES[new](request, officer)
        assert moved.stage == new
        assert FacilitationEvent.objects.filter(request=request).count() == events_before + 1
        assert FacilitationEvent.objects.filter(request=request).last().stage == new
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["sari@example.com"]
    else:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            MOVES[new](request, officer)
        request.refresh_from_db()
        assert request.stage == old
        assert FacilitationEvent.objects.filter(request=request).count() == events_before
        assert mail.outbox == []


def test_every_stage_change_writes_an_event_with_actor_and_queues_one_indonesian_email(
    newcomer, owner, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_facilitation(newcomer, owner, Kind.BPOM)
        request = services.screen(request, officer, "Label kemasan\nHasil uji lab")
        request = services.assign(request, officer, officer, APPOINTMENT, "other", "Balai Desa")
        request = services.record_submission(request, officer, "BPOM-REG-77")
        request = services.record_issue(request, officer, "MD 224510101234")
    assert len(mail.outbox) == 5
    events = list(request.events.all())
    assert [e.stage for e in events] == ["requested", "screened", "assisted", "submitted", "issued"]
    assert [e.actor for e in events] == [owner, officer, officer, officer, officer]
    with translation.override("id"):
        assert events[1].text == "Disaring; masih kurang: Label kemasan\nHasil uji lab"
        assert events[2].text == (
            "Petugas Dewi Lestari ditugaskan; janji temu 3 Desember 2026 09:30 di Balai Desa"
        )
    assert "Label kemasan" in mail.outbox[1].body
    assert "Desember 2026 09:30" in mail.outbox[2].body
    assert "MD224510101234" in mail.outbox[4].body
    assert "Terbit" in mail.outbox[4].subject
    request.refresh_from_db()
    assert request.issued_number == "MD224510101234"
    assert request.external_reference == "BPOM-REG-77"
    assert request.place_label == "Balai Desa"


def test_only_staff_move_a_request(newcomer, owner):
    request = services.request_facilitation(newcomer, owner, Kind.HKI, **HKI)
    with pytest.raises(PermissionDenied):
        services.screen(request, owner)
    with pytest.raises(PermissionDenied):
        services.decline(request, None, "x")
    assert request.events.count() == 1


def test_someone_outside_the_business_cannot_ask_on_its_behalf(newcomer):
    with pytest.raises(PermissionDenied):
        services.request_facilitation(newcomer, UserFactory(), Kind.NIB)
    assert not FacilitationRequest.objects.exists()


def test_a_request_is_assigned_only_to_staff_with_a_place(newcomer, owner, officer):
    request = walk_to(
        services.request_facilitation(newcomer, owner, Kind.PIRT), officer, "screened"
    )
    with pytest.raises(ValidationError):
        services.assign(request, officer, owner, APPOINTMENT, "klinik")
    with pytest.raises(ValidationError):
        services.assign(request, officer, officer, APPOINTMENT, "other", "  ")
    request.refresh_from_db()
    assert request.stage == Stage.SCREENED


def test_declining_needs_a_reason_the_owner_reads(newcomer, owner, officer):
    request = services.request_facilitation(newcomer, owner, Kind.HKI, **HKI)
    with pytest.raises(ValidationError):
        services.decline(request, officer, "   ")
    request = services.decline(request, officer, "Merek sudah terdaftar atas nama lain")
    assert request.decline_reason == "Merek sudah terdaftar atas nama lain"
    with translation.override("en"):
        assert request.events.last().text == "Declined: Merek sudah terdaftar atas nama lain"


def test_issuing_an_nib_records_it_verifies_it_and_makes_the_business_public(
    newcomer, owner, officer, django_capture_on_commit_callbacks
):
    assert not newcomer.is_public
    request = walk_to(
        services.request_facilitation(newcomer, owner, Kind.NIB), officer, "submitted"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_issue(request, officer, "9120 0077 1234 5")
    newcomer.refresh_from_db()
    assert newcomer.nib == "9120007712345"
    assert newcomer.is_public
    assert Vendor.objects.public().filter(pk=newcomer.pk).exists()
    nib_event = VerificationEvent.objects.get(vendor=newcomer, subject="nib", new_status="verified")
    assert nib_event.actor == officer
    assert VerificationEvent.objects.filter(vendor=newcomer, subject="vendor", new_status="active")
    assert len(mail.outbox) == 1  # the request's own mail says the NIB is verified
    assert "NIB Anda telah terverifikasi" in mail.outbox[0].body


def test_an_nib_held_by_another_business_is_refused_and_nothing_changes(newcomer, owner, officer):
    VendorFactory(nib="9120007712345")
    request = walk_to(
        services.request_facilitation(newcomer, owner, Kind.NIB), officer, "submitted"
    )
    nib_before = newcomer.nib
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.record_issue(request, officer, "9120007712345")
    assert refused.value.messages == [
        "NIB 9120007712345 is already held by another business; check the number."
    ]
    newcomer.refresh_from_db()
    request.refresh_from_db()
    assert (newcomer.nib, newcomer.nib_status, newcomer.is_public) == (
        nib_before,
        Vendor.NibStatus.UNVERIFIED,
        False,
    )
    assert request.stage == Stage.SUBMITTED
    assert request.issued_number == ""
    assert not VerificationEvent.objects.filter(vendor=newcomer).exists()
    assert not request.events.filter(stage="issued").exists()


def test_an_issued_number_in_the_wrong_shape_is_refused_with_the_shape_expected(
    newcomer, owner, officer
):
    request = walk_to(
        services.request_facilitation(newcomer, owner, Kind.NIB), officer, "submitted"
    )
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.record_issue(request, officer, "91200077")
    assert refused.value.messages == ["NIB must be 13 digits (you entered 8)."]
    request.refresh_from_db()
    assert request.stage == Stage.SUBMITTED


def test_issuing_halal_adds_a_verified_certificate_to_the_business(newcomer, owner, officer):
    request = services.request_facilitation(
        newcomer, owner, Kind.HALAL, halal_route="self_declare", halal_companion="Ustaz Rahmat"
    )
    request = walk_to(request, officer, "submitted")
    services.record_issue(request, officer, "ID36110000123450825")
    certificate = HalalCertificate.objects.get(vendor=newcomer)
    assert certificate.number == "ID36110000123450825"
    assert certificate.is_valid
    assert VerificationEvent.objects.filter(
        certificate=certificate, new_status="verified", actor=officer
    ).exists()


def test_a_halal_number_already_recorded_is_refused(newcomer, owner, officer):
    HalalCertificateFactory(number="ID36110000123450825")
    request = services.request_facilitation(newcomer, owner, Kind.HALAL, halal_route="regular")
    request = walk_to(request, officer, "submitted")
    with pytest.raises(ValidationError):
        services.record_issue(request, officer, "ID36110000123450825")
    assert not HalalCertificate.objects.filter(vendor=newcomer).exists()
    request.refresh_from_db()
    assert request.stage == Stage.SUBMITTED


def test_self_declare_is_submitted_with_a_companion_and_financing_needs_amount_and_purpose(
    newcomer, owner, officer
):
    halal = services.request_facilitation(newcomer, owner, Kind.HALAL, halal_route="self_declare")
    halal = walk_to(halal, officer, "assisted")
    with pytest.raises(ValidationError) as missing:
        services.record_submission(halal, officer, "SH2026-000123")
    assert "PPH" in " ".join(missing.value.messages)
    halal.refresh_from_db()
    assert halal.stage == Stage.ASSISTED
    halal = services.record_submission(halal, officer, "SH2026-000123", companion="Ustaz Rahmat")
    assert (halal.stage, halal.halal_companion) == (Stage.SUBMITTED, "Ustaz Rahmat")
    with pytest.raises(ValidationError) as loan:
        services.request_facilitation(newcomer, owner, Kind.FINANCING)
    assert {"amount", "purpose"} <= set(loan.value.message_dict)
    assert not FacilitationRequest.objects.filter(kind=Kind.FINANCING).exists()


def test_one_open_request_per_kind_and_a_new_one_once_the_last_is_closed(newcomer, owner, officer):
    first = services.request_facilitation(newcomer, owner, Kind.PIRT)
    with pytest.raises(ValidationError):
        services.request_facilitation(newcomer, owner, Kind.PIRT)
    services.request_facilitation(newcomer, owner, Kind.BPOM)  # another kind is fine
    services.decline(first, officer, "Tidak datang")
    services.request_facilitation(newcomer, owner, Kind.PIRT)
    assert FacilitationRequest.objects.filter(vendor=newcomer, kind=Kind.PIRT).count() == 2


def test_the_database_itself_holds_one_open_request_per_kind(newcomer):
    FacilitationRequest.objects.create(vendor=newcomer, kind=Kind.HKI)
    with pytest.raises(IntegrityError), transaction.atomic():
        FacilitationRequest.objects.create(vendor=newcomer, kind=Kind.HKI)
    FacilitationRequest.objects.create(vendor=newcomer, kind=Kind.HKI, stage=Stage.DECLINED)


def test_a_business_with_a_verified_nib_does_not_ask_for_one(owner):
    vendor = VendorFactory()
    MembershipFactory(vendor=vendor, user=owner)
    with pytest.raises(ValidationError):
        services.request_facilitation(vendor, owner, Kind.NIB)


def test_the_nib_verified_through_facilitation_says_so_in_the_readers_language(
    newcomer, owner, officer
):
    from django.utils import translation

    request = walk_to(
        services.request_facilitation(newcomer, owner, Kind.NIB), officer, "submitted"
    )
    services.record_issue(request, officer, "9120007712345")
    event = VerificationEvent.objects.get(vendor=newcomer, subject="nib", new_status="verified")
    assert (event.kind, event.note) == ("issued_through_facilitation", "")
    with translation.override("en"):
        assert event.text == f"Issued through facilitation request {request.pk}."
    with translation.override("id"):
        assert event.text == f"Terbit melalui permohonan fasilitasi {request.pk}."
