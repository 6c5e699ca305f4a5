"""Help with a trademark through a facilitation request: the owner names the mark and class;
the submission is a DJKI application number; the issue is an IDM registration number that
records a verified, registered trademark on the business, badge and all."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.vendors.facilitation.helpers import APPOINTMENT
from tests.vendors.trademarks.conftest import submission
from tests.vendors.trademarks.test_badge import badge_text
from vendors.facilitation import services
from vendors.facilitation.models import FacilitationRequest
from vendors.trademarks import services as trademark_services
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db
Stage = FacilitationRequest.Stage
# 23:30 WIB on 14 January: still the 14th in Jakarta, already past midnight nowhere else.
SUBMITTED = datetime.datetime(2026, 1, 14, 16, 30, tzinfo=datetime.UTC)
ISSUED = datetime.datetime(2026, 9, 2, 18, 0, tzinfo=datetime.UTC)  # 3 September in Jakarta


def hki_request(vendor, user):
    return services.request_facilitation(vendor, user, "hki", mark="Sambal Sari", nice_class=30)


def submitted(vendor, owner, officer, reference="DID2026001122"):
    request = hki_request(vendor, owner)
    request = services.screen(request, officer)
    request = services.assign(request, officer, officer, APPOINTMENT, "klinik")
    with time_machine.travel(SUBMITTED, tick=False):
        return services.record_submission(request, officer, reference)


def test_asking_for_trademark_help_needs_the_mark_and_the_class(client, business, owner):
    client.force_login(owner)

    response = client.post("/dasbor/fasilitasi/baru/hki/", {"mark": "Sambal Sari"})

    assert response.status_code == 200
    assert 'value="Sambal Sari"' in response.content.decode()
    assert "nice_class" in response.context["form"].errors
    assert not FacilitationRequest.objects.exists()
    response = client.post(
        "/dasbor/fasilitasi/baru/hki/", {"mark": "Sambal Sari", "nice_class": "30"}
    )
    assert response.status_code == 302
    request = FacilitationRequest.objects.get()
    assert (request.kind, request.mark, request.nice_class) == ("hki", "Sambal Sari", 30)
    assert "Sambal Sari · kelas 30" in client.get("/dasbor/fasilitasi/").content.decode()


def test_the_service_refuses_an_hki_request_without_mark_or_class(business, owner):
    with pytest.raises(ValidationError) as error:
        services.request_facilitation(business, owner, "hki")
    assert set(error.value.message_dict) == {"mark", "nice_class"}


def test_the_submission_must_be_a_djki_application_number(business, owner, officer):
    request = hki_request(business, owner)
    request = services.screen(request, officer)
    request = services.assign(request, officer, officer, APPOINTMENT, "klinik")

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.record_submission(request, officer, "OSS-2026-000123")

    assert "DID, the year and six digits" in error.value.messages[0]
    request.refresh_from_db()
    assert (request.stage, request.external_reference) == (Stage.ASSISTED, "")
    request = services.record_submission(request, officer, "did 2026-001122")
    assert request.external_reference == "DID2026001122"


def test_the_issue_must_be_an_idm_registration_number(business, owner, officer):
    request = submitted(business, owner, officer)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.record_issue(request, officer, "DID2026001122")

    assert "IDM and nine digits" in error.value.messages[0]
    request.refresh_from_db()
    assert request.stage == Stage.SUBMITTED
    assert not Trademark.objects.exists()


def test_issuing_records_a_verified_registered_trademark_and_the_badge_shows(
    client, business, owner, officer, django_capture_on_commit_callbacks
):
    request = submitted(business, owner, officer)
    mail.outbox.clear()

    with (
        time_machine.travel(ISSUED, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.record_issue(request, officer, "IDM 001 234 567")

    trademark = Trademark.objects.get()
    assert trademark.vendor == business
    assert (trademark.mark, trademark.nice_class) == ("Sambal Sari", 30)
    assert trademark.application_number == "DID2026001122"
    assert trademark.registration_number == "IDM001234567"
    assert trademark.filed_on == datetime.date(2026, 1, 14)
    assert trademark.registered_on == datetime.date(2026, 9, 3)
    assert trademark.expires_on == datetime.date(2036, 1, 14)
    assert (trademark.status, trademark.djki_status) == ("verified", "registered")
    event = trademark.events.get()
    assert (event.kind, event.actor) == ("issued_through_facilitation", officer)
    with translation.override("en"):
        assert event.text == (
            f"Registered as IDM001234567 through facilitation request {request.pk}"
        )
    assert len(mail.outbox) == 1  # the request's own mail says it
    assert "Merek Sambal Sari terdaftar dengan nomor IDM001234567" in mail.outbox[0].body
    with time_machine.travel(ISSUED, tick=False):
        page = client.get(f"/umkm/{business.slug}/").content.decode()
    assert badge_text(page) == "Merek terdaftar Sambal Sari · IDM001234567"


def test_a_registration_number_already_held_is_refused_and_nothing_changes(
    business, owner, officer, other_business, other_owner
):
    trademark_services.submit_trademark(
        other_business,
        other_owner,
        submission(
            application_number="DID2025000009",
            registration_number="IDM001234567",
            registered_on=datetime.date(2025, 6, 1),
        ),
    )
    request = submitted(business, owner, officer)

    with pytest.raises(ValidationError):
        services.record_issue(request, officer, "IDM001234567")

    request.refresh_from_db()
    assert (request.stage, request.issued_number) == (Stage.SUBMITTED, "")
    assert not Trademark.objects.filter(vendor=business).exists()
    assert request.events.filter(kind="issued").count() == 0


def test_the_owners_own_record_of_the_application_is_completed_not_duplicated(
    business, owner, officer
):
    own = trademark_services.submit_trademark(
        business, owner, submission(application_number="DID2026001122")
    )
    request = submitted(business, owner, officer)

    with time_machine.travel(ISSUED, tick=False):
        services.record_issue(request, officer, "IDM001234567")

    own.refresh_from_db()
    assert Trademark.objects.count() == 1
    assert (own.status, own.djki_status, own.registration_number) == (
        "verified",
        "registered",
        "IDM001234567",
    )
    assert own.filed_on == datetime.date(2024, 3, 11)  # as the owner's DJKI document says
