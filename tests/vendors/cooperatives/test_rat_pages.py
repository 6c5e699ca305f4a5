# ruff: noqa: F811  (the fixtures are imported from record_fixtures)
"""The RAT pages: recorded from the dashboard with its private report, corrected when sent
back, verified by staff in the admin; the public badge; the staff's overdue list."""

import datetime
import re

import pytest
import time_machine

from vendors.cooperatives import rat_services
from vendors.cooperatives.models import AnnualMeeting

from .record_fixtures import (  # noqa: F401
    PDF,
    admin_user,
    coop,
    coop_vendor,
    frozen,
    micro_owner,
    officer,
    other_admin,
    other_coop,
    pdf,
)

pytestmark = pytest.mark.django_db
ADD = "/dasbor/koperasi/rat/baru/"


def form(**overrides):
    return {
        "book_year": "2025",
        "held_on": "2026-02-14",
        "members_present": "87",
        "summary": "SHU dibagi.",
        "report": pdf(),
        **overrides,
    }


@pytest.fixture
def meeting(coop, admin_user):
    return rat_services.record_rat(
        coop,
        admin_user,
        book_year=2025,
        held_on=datetime.date(2026, 2, 14),
        members_present=87,
        report=pdf(),
        summary="SHU dibagi.",
    )


def badge(html) -> str:
    found = re.search(r'<section[^>]*data-section="rat".*?</section>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split()) if found else ""


def test_admins_record_the_rat_from_the_dashboard(client, coop, admin_user):
    client.force_login(admin_user)
    assert 'value="2025"' in client.get(ADD).content.decode()  # the last book year
    response = client.post(ADD, form())
    assert response.status_code == 302
    meeting = AnnualMeeting.objects.get()
    assert (meeting.book_year, meeting.status) == (2025, "pending")
    dashboard = client.get("/dasbor/").content.decode()
    assert "Menunggu verifikasi" in dashboard or "Waiting for verification" in dashboard


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": "2026-03-11"}, "Tanggal RAT tidak boleh di masa depan."),
        ({"members_present": "seratus"}, "Masukkan bilangan bulat."),
        ({"report": None}, "harus diisi"),
    ],
)
def test_bad_rats_are_refused_with_what_was_typed_kept(
    client, coop, admin_user, overrides, message
):
    client.force_login(admin_user)
    data = {k: v for k, v in form(**overrides).items() if v is not None}
    page = client.post(ADD, data).content.decode()
    assert message in page
    assert "SHU dibagi." in page
    assert not AnnualMeeting.objects.exists()


def test_twice_for_one_book_year_is_refused_with_a_clear_message(client, coop, admin_user, meeting):
    client.force_login(admin_user)
    page = client.post(ADD, form()).content.decode()
    assert "RAT tahun buku 2025 sudah dicatat." in page
    assert AnnualMeeting.objects.count() == 1


def test_a_sent_back_rat_is_corrected_from_the_dashboard(client, admin_user, officer, meeting):
    rat_services.send_back_rat(meeting, officer, "Daftar hadir tidak terbaca.")
    client.force_login(admin_user)
    assert "Daftar hadir tidak terbaca." in client.get("/dasbor/").content.decode()
    url = f"/dasbor/koperasi/rat/{meeting.pk}/"
    assert "Daftar hadir tidak terbaca." in client.get(url).content.decode()
    response = client.post(
        url, {"held_on": "2026-02-14", "members_present": "90", "summary": "Diperbaiki."}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.members_present) == ("pending", 90)


def test_the_report_is_private_to_the_cooperative(
    client, meeting, admin_user, other_admin, micro_owner
):
    url = f"/dasbor/koperasi/rat/{meeting.pk}/laporan/"
    assert client.get(url).status_code == 302  # login first
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    for user in (other_admin, micro_owner):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(f"/dasbor/koperasi/rat/{meeting.pk}/").status_code == 404


def test_the_badge_shows_only_for_a_verified_rat_of_the_last_book_year(
    client, settings, coop, officer, meeting
):
    settings.PAGE_CACHE_SECONDS = 0
    profile = f"/umkm/{coop.vendor.slug}/"
    assert badge(client.get(profile).content.decode()) == ""  # waiting
    rat_services.verify_rat(meeting, officer)
    assert badge(client.get(profile).content.decode()) == "RAT 2025 terlaksana"
    assert badge(client.get(f"/en{profile}").content.decode()) == "RAT 2025 held"
    with time_machine.travel(datetime.datetime(2027, 1, 2, 3, tzinfo=datetime.UTC), tick=False):
        assert badge(client.get(profile).content.decode()) == ""  # now 2026 is due


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


def test_staff_verify_from_the_queue(staff_client, meeting, django_capture_on_commit_callbacks):
    queue = staff_client.get("/admin/cooperatives/rat/").content.decode()
    assert f"/admin/cooperatives/rat/{meeting.pk}/" in queue
    response = staff_client.get(f"/admin/cooperatives/rat/{meeting.pk}/laporan/")
    assert b"".join(response.streaming_content) == PDF
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/admin/cooperatives/rat/{meeting.pk}/", {"decision": "verify"})
    meeting.refresh_from_db()
    assert meeting.status == "verified"
    assert (
        f"/admin/cooperatives/rat/{meeting.pk}/"
        not in staff_client.get("/admin/cooperatives/rat/").content.decode()
    )


def test_sending_back_needs_a_reason(staff_client, meeting):
    url = f"/admin/cooperatives/rat/{meeting.pk}/"
    staff_client.post(url, {"decision": "send_back", "note": ""})
    meeting.refresh_from_db()
    assert meeting.status == "pending"
    staff_client.post(url, {"decision": "send_back", "note": "Laporan tanpa tanda tangan."})
    meeting.refresh_from_db()
    assert meeting.status == "rejected"


def test_the_overdue_list_after_the_deadline(staff_client, coop, other_coop, officer, meeting):
    rat_services.verify_rat(meeting, officer)
    url = "/admin/cooperatives/rat/terlambat/"
    assert "KDKMP Cisoka" not in staff_client.get(url).content.decode()  # before 30 June
    with time_machine.travel(datetime.datetime(2026, 7, 1, 3, tzinfo=datetime.UTC), tick=False):
        page = staff_client.get(url).content.decode()
    assert "KDKMP Cisoka" in page and "Koperasi Sari Tani" not in page
