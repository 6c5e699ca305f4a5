"""The trademark record's rules: how an owner records it and DJKI's decision, how staff
verify or reject it, the numbers' shapes and uniqueness, the events and the owner's mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.vendors.trademarks.conftest import FILED, pdf, submission
from vendors.trademarks import services
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 6, 1, 3, 0, tzinfo=datetime.UTC)
Status = Trademark.Status


def test_an_application_waits_for_verification_and_is_protected_ten_years_from_filing(
    business, owner
):
    trademark = services.submit_trademark(business, owner, submission())

    assert trademark.status == Status.PENDING
    assert trademark.djki_status == Trademark.DjkiStatus.FILED
    assert trademark.expires_on == datetime.date(2034, 3, 11)
    assert trademark.registration_number is None
    assert trademark.document.read() == b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    event = trademark.events.get()
    assert (event.kind, event.actor, event.status) == ("submitted", owner, Status.PENDING)


def test_a_mark_filed_on_29_february_is_protected_until_28_february(business, owner):
    trademark = services.submit_trademark(
        business, owner, submission(filed_on=datetime.date(2024, 2, 29))
    )
    assert trademark.expires_on == datetime.date(2034, 2, 28)


def test_an_already_registered_mark_needs_its_registration_date(business, owner):
    with pytest.raises(ValidationError) as error:
        services.submit_trademark(business, owner, submission(registration_number="IDM000123456"))
    assert "registered_on" in error.value.message_dict
    assert not Trademark.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"application_number": "DID 2024 0123"}, "application_number"),
        ({"nice_class": 46}, "nice_class"),
        ({"registration_number": "IDM12345", "registered_on": FILED}, "registration_number"),
        ({"filed_on": datetime.date(2026, 6, 2)}, "filed_on"),
        (
            {"registration_number": "IDM000123456", "registered_on": datetime.date(2024, 1, 1)},
            "registered_on",
        ),
    ],
)
def test_a_record_in_the_wrong_shape_is_refused_and_says_why(business, owner, overrides, field):
    with time_machine.travel(TODAY, tick=False), pytest.raises(ValidationError) as error:
        services.submit_trademark(business, owner, submission(**overrides))
    assert field in error.value.message_dict
    assert not Trademark.objects.exists()


def test_only_a_member_records_a_businesss_trademark(business, other_owner):
    with pytest.raises(PermissionDenied):
        services.submit_trademark(business, other_owner, submission())
    assert not Trademark.objects.exists()


def test_a_number_recorded_on_another_business_is_refused_with_a_clear_message(
    business, owner, other_business, other_owner
):
    services.submit_trademark(business, owner, submission())

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.submit_trademark(other_business, other_owner, submission(mark="Kopi"))

    assert error.value.messages == [
        "DID2024012345 is already recorded on another business. Check the number on your "
        "DJKI document, or contact the office if it is yours."
    ]
    assert Trademark.objects.count() == 1


def test_a_registration_number_held_by_another_business_is_refused(
    registered, other_business, other_owner
):
    mine = services.submit_trademark(
        other_business, other_owner, submission(application_number="DID2024099999")
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.record_registration(mine, other_owner, "IDM000123456", datetime.date(2025, 2, 1))
    assert "IDM000123456 is already recorded on another business" in error.value.messages[0]
    mine.refresh_from_db()
    assert (mine.djki_status, mine.registration_number) == ("filed", None)


def test_staff_verify_and_the_owner_is_mailed_in_indonesian(
    business, owner, officer, django_capture_on_commit_callbacks
):
    trademark = services.submit_trademark(business, owner, submission())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        trademark = services.verify_trademark(trademark, officer)

    assert trademark.status == Status.VERIFIED
    assert trademark.events.first().actor == officer
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sari@example.com"]
    assert mail.outbox[0].subject == "Merek Anda Keripik Bu Sari: Terverifikasi — Keripik Bu Sari"
    assert "Diverifikasi oleh dinas" in mail.outbox[0].body


def test_a_rejection_needs_a_reason_the_owner_reads_in_their_language(
    business, owner, officer, django_capture_on_commit_callbacks
):
    trademark = services.submit_trademark(business, owner, submission())
    with pytest.raises(ValidationError):
        services.reject_trademark(trademark, officer, "  ")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.reject_trademark(trademark, officer, "Nomor tidak sesuai dokumen")

    trademark.refresh_from_db()
    assert trademark.status == Status.REJECTED
    assert "Ditolak: Nomor tidak sesuai dokumen" in mail.outbox[0].body
    with translation.override("en"):
        assert trademark.events.first().text == "Rejected: Nomor tidak sesuai dokumen"


def test_only_staff_verify_or_reject(business, owner):
    trademark = services.submit_trademark(business, owner, submission())
    with pytest.raises(PermissionDenied):
        services.verify_trademark(trademark, owner)
    with pytest.raises(PermissionDenied):
        services.reject_trademark(trademark, owner, "x")
    trademark.refresh_from_db()
    assert trademark.status == Status.PENDING
    assert trademark.events.count() == 1


def test_a_registration_sends_a_verified_record_back_to_verification(business, owner, officer):
    trademark = services.verify_trademark(
        services.submit_trademark(business, owner, submission()), officer
    )

    trademark = services.record_registration(
        trademark, owner, "IDM000123456", datetime.date(2025, 1, 20), pdf("sertifikat.pdf")
    )

    assert (trademark.djki_status, trademark.status) == ("registered", Status.PENDING)
    assert trademark.registration_number == "IDM000123456"
    assert trademark.registered_on == datetime.date(2025, 1, 20)
    with translation.override("en"):
        assert trademark.events.first().text == (
            "Registration IDM000123456 recorded; waiting for verification"
        )
    assert trademark.events.first().status == Status.PENDING


def test_a_refusal_by_djki_is_recorded_once(business, owner):
    trademark = services.submit_trademark(business, owner, submission())

    trademark = services.record_refusal(trademark, owner, pdf("penolakan.pdf"))

    assert trademark.djki_status == "refused"
    with pytest.raises(ValidationError):
        services.record_registration(trademark, owner, "IDM000123456", datetime.date(2025, 1, 20))
    trademark.refresh_from_db()
    assert trademark.djki_status == "refused"


def test_the_transition_table_refuses_verifying_twice(registered, officer):
    with pytest.raises(ValidationError):
        services.verify_trademark(registered, officer)
    assert registered.events.count() == 2
