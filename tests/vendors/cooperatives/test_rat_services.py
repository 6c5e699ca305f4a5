# ruff: noqa: F811  (the fixtures are imported from record_fixtures)
"""The RAT: recorded by the cooperative's admins, verified or sent back by staff (who
e-mail the cooperative), the badge of the last book year, the late ones and their reminders."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from vendors.cooperatives import rat_services
from vendors.cooperatives.models import AnnualMeeting, Cooperative, RatReminder, RatSettings

from .record_fixtures import (  # noqa: F401
    admin_user,
    coop,
    coop_vendor,
    english,
    frozen,
    officer,
    other_admin,
    other_coop,
    pdf,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
HELD = datetime.date(2026, 2, 14)


def record(coop, user, **overrides):
    values = {
        "book_year": 2025,
        "held_on": HELD,
        "members_present": 87,
        "report": pdf(),
        "summary": "SHU dibagi; pengurus baru dipilih.",
        **overrides,
    }
    return rat_services.record_rat(coop, user, **values)


def at(day, hour=3):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC), tick=False
    )


def test_the_last_book_year_is_last_year_in_jakarta():
    # 31 Dec 2025 at 18:00 UTC is already 1 Jan 2026 in Jakarta.
    with time_machine.travel(datetime.datetime(2025, 12, 31, 18, tzinfo=datetime.UTC), tick=False):
        assert rat_services.last_book_year() == 2025


def test_admins_record_a_rat_waiting_for_staff(coop, admin_user):
    meeting = record(coop, admin_user)
    assert meeting.status == AnnualMeeting.Status.PENDING
    assert meeting.report.name.startswith("evidence/")
    event = coop.events.get(kind="rat_recorded")
    assert event.actor == admin_user and "2025" in event.text


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"held_on": datetime.date(2026, 3, 11)}, "held_on", "future"),
        ({"held_on": datetime.date(2025, 12, 20)}, "held_on", "after the year ended"),
        ({"book_year": 2026}, "book_year", "after its book year"),
        ({"members_present": -3}, "members_present", "negative"),
        ({"summary": "  "}, "summary", "summary"),
        ({"report": None}, "report", "report"),
    ],
)
def test_bad_rats_are_refused_with_a_clear_message(coop, admin_user, overrides, field, words):
    with pytest.raises(ValidationError) as error:
        record(coop, admin_user, **overrides)
    assert words in error.value.message_dict[field][0]
    assert not AnnualMeeting.objects.exists()


def test_a_report_that_is_not_a_document_is_refused(coop, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("rat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        record(coop, admin_user, report=fake)
    assert "report" in error.value.message_dict


def test_twice_for_one_book_year_is_refused(coop, admin_user):
    record(coop, admin_user)
    with pytest.raises(ValidationError) as error:
        record(coop, admin_user, held_on=datetime.date(2026, 2, 20))
    assert "already recorded" in error.value.message_dict["book_year"][0]


def test_only_the_cooperatives_admins_record_its_rat(coop, other_admin, officer):
    for user in (other_admin, officer):
        with pytest.raises(PermissionDenied):
            record(coop, user)


def test_staff_verify_and_the_cooperative_is_emailed(
    coop, admin_user, officer, django_capture_on_commit_callbacks
):
    meeting = record(coop, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        rat_services.verify_rat(meeting, officer)
    meeting.refresh_from_db()
    assert meeting.status == AnnualMeeting.Status.VERIFIED
    assert coop.events.get(kind="rat_verified").actor == officer
    (message,) = mail.outbox
    assert sorted(message.to) == ["ketua@example.com", "kop@example.com"]
    assert "2025" in message.body


def test_a_rat_sent_back_is_corrected_and_sent_again(
    coop, admin_user, officer, django_capture_on_commit_callbacks
):
    meeting = record(coop, admin_user)
    with pytest.raises(ValidationError):
        rat_services.send_back_rat(meeting, officer, " ")
    with django_capture_on_commit_callbacks(execute=True):
        rat_services.send_back_rat(meeting, officer, "Daftar hadir tidak terbaca.")
    assert "Daftar hadir tidak terbaca." in mail.outbox[-1].body
    with pytest.raises(ValidationError):  # still not twice
        record(coop, admin_user)
    rat_services.correct_rat(
        meeting, admin_user, held_on=HELD, members_present=90, summary="Diperbaiki.", report=pdf()
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.members_present) == (AnnualMeeting.Status.PENDING, 90)
    rat_services.verify_rat(meeting, officer)


def test_only_staff_verify(coop, admin_user):
    meeting = record(coop, admin_user)
    with pytest.raises(PermissionDenied):
        rat_services.verify_rat(meeting, admin_user)


def test_a_verified_rat_cannot_be_corrected(coop, admin_user, officer):
    meeting = rat_services.verify_rat(record(coop, admin_user), officer)
    with pytest.raises(ValidationError):
        rat_services.correct_rat(
            meeting, admin_user, held_on=HELD, members_present=1, summary="x", report=None
        )


def test_the_badge_is_only_for_a_verified_rat_of_the_last_book_year(coop, admin_user, officer):
    meeting = record(coop, admin_user)
    assert rat_services.held_rat(coop.vendor) is None  # waiting
    rat_services.verify_rat(meeting, officer)
    assert rat_services.held_rat(coop.vendor) == meeting
    with at(datetime.date(2027, 1, 5)):  # the last book year is now 2026
        assert rat_services.held_rat(coop.vendor) is None


def test_the_deadline_is_a_setting(frozen):
    assert rat_services.rat_deadline(2025) == datetime.date(2026, 6, 30)
    settings = RatSettings.load()
    settings.deadline_month, settings.deadline_day = 3, 31
    settings.save()
    assert rat_services.rat_deadline(2025) == datetime.date(2026, 3, 31)


def test_overdue_lists_those_without_a_verified_rat_after_the_deadline(
    coop, other_coop, admin_user, officer
):
    rat_services.verify_rat(record(coop, admin_user), officer)
    assert not rat_services.overdue().exists()  # 10 March: before the deadline
    with at(datetime.date(2026, 7, 1)):
        assert list(rat_services.overdue()) == [other_coop]
        Cooperative.objects.filter(pk=other_coop.pk).update(status="dibubarkan")
        assert not rat_services.overdue().exists()


def test_reminders_once_per_stage_however_often_they_run(
    coop, other_coop, admin_user, officer, django_capture_on_commit_callbacks
):
    rat_services.verify_rat(record(coop, admin_user), officer)
    mail.outbox.clear()
    with at(datetime.date(2026, 5, 20)):  # more than a month before 30 June: nothing
        call_command("send_rat_reminders", stdout=open("/dev/null", "w"))
    assert not RatReminder.objects.exists() and not mail.outbox
    for day in (datetime.date(2026, 6, 1), datetime.date(2026, 6, 2)):
        with at(day), django_capture_on_commit_callbacks(execute=True):
            call_command("send_rat_reminders", stdout=open("/dev/null", "w"))
    (due_soon,) = RatReminder.objects.all()
    assert (due_soon.cooperative, due_soon.stage) == (other_coop, "due_soon")
    assert [message.to for message in mail.outbox] == [["lain@example.com"]]
    for _run in range(2):
        with at(datetime.date(2026, 7, 2)):
            assert rat_services.send_reminders() in (0, 1)
    stages = sorted(RatReminder.objects.values_list("stage", flat=True))
    assert stages == ["due_soon", "overdue"]
    assert other_coop.events.filter(kind="rat_reminded").count() == 2


def test_a_reminder_is_emailed_to_the_cooperative(
    coop, admin_user, django_capture_on_commit_callbacks
):
    with at(datetime.date(2026, 7, 2)), django_capture_on_commit_callbacks(execute=True):
        assert rat_services.send_reminders() == 1
        assert rat_services.send_reminders() == 0
    (message,) = mail.outbox
    assert sorted(message.to) == ["ketua@example.com", "kop@example.com"]
    assert "2025" in message.body
