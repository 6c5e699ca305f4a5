"""Staff work facilitation requests in the admin: the queue (filters, oldest move first, age
and the service-level warning), the action page of one request and the bulk assignment."""

import datetime

import pytest
import time_machine
from django.core import mail
from wagtail.users.models import UserProfile

from tests.factories import StaffFactory, UserFactory, VendorFactory
from tests.vendors.facilitation.helpers import walk_to
from vendors.facilitation import services
from vendors.facilitation.models import (
    FacilitationEvent,
    FacilitationRequest,
    FacilitationSettings,
)
from vendors.models import Kecamatan, Vendor

pytestmark = pytest.mark.django_db

Stage = FacilitationRequest.Stage
Kind = FacilitationRequest.Kind
UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 10:00 WIB
QUEUE = "/admin/facilitation/"


def action_url(request):
    return f"/admin/facilitation/inspect/{request.pk}/"


def make_request(name, *, kind=Kind.PIRT, stage=Stage.REQUESTED, days=0, kecamatan=None, **f):
    vendor = VendorFactory(
        name=name,
        status=Vendor.Status.APPLIED,
        nib_status=Vendor.NibStatus.UNVERIFIED,
        **({"kecamatan": kecamatan} if kecamatan else {}),
    )
    moved = NOW - datetime.timedelta(days=days)
    return FacilitationRequest.objects.create(
        vendor=vendor, kind=kind, stage=stage, created_at=moved, stage_changed_at=moved, **f
    )


def names_in(page: str, names) -> list[str]:
    """The names as they appear in the page, top to bottom."""
    return sorted((name for name in names if name in page), key=page.index)


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def queue(officer):
    other = Kecamatan.objects.exclude(name="Legok").first()
    second = StaffFactory(username="petugas2", first_name="Budi", last_name="Santoso")
    with time_machine.travel(NOW, tick=False):
        return {
            "other_kecamatan": other,
            "second": second,
            "a": make_request("Usaha Alpha", days=3),
            "b": make_request("Usaha Bravo", kind=Kind.HALAL, halal_route="regular", days=9),
            "c": make_request(
                "Usaha Charlie", stage=Stage.SCREENED, days=20, kecamatan=other, officer=second
            ),
            "d": make_request("Usaha Delta", stage=Stage.ISSUED, days=30, issued_number="X"),
        }


NAMES = ["Usaha Alpha", "Usaha Bravo", "Usaha Charlie", "Usaha Delta"]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Usaha Delta", "Usaha Charlie", "Usaha Bravo", "Usaha Alpha"]),
        ("?kind=halal", ["Usaha Bravo"]),
        ("?kind=pirt", ["Usaha Delta", "Usaha Charlie", "Usaha Alpha"]),
        ("?stage=screened", ["Usaha Charlie"]),
        ("?stage=requested", ["Usaha Bravo", "Usaha Alpha"]),
        ("?kecamatan={kecamatan}", ["Usaha Charlie"]),
        ("?officer={second}", ["Usaha Charlie"]),
        ("?kind=pirt&stage=requested", ["Usaha Alpha"]),
    ],
)
def test_the_queue_filters_by_kind_stage_kecamatan_and_officer_oldest_move_first(
    staff_client, queue, query, expected
):
    url = QUEUE + query.format(kecamatan=queue["other_kecamatan"].pk, second=queue["second"].pk)

    page = staff_client.get(url).content.decode()

    assert names_in(page, NAMES) == expected


@pytest.mark.parametrize(("days", "warned"), [(14, False), (15, True)])
def test_the_age_warning_shows_past_the_setting_and_not_before(staff_client, officer, days, warned):
    with time_machine.travel(NOW, tick=False):
        request = make_request("Usaha Echo", days=days)
        page = staff_client.get(QUEUE).content.decode()
        action_page = staff_client.get(action_url(request)).content.decode()

    assert ("data-overdue>" in page) is warned
    assert ("data-overdue-row" in page) is warned
    assert f'data-overdue-count="{int(warned)}"' in page
    assert (f"{days} · " in page) is warned
    assert ("data-overdue>" in action_page) is warned


def test_the_warning_follows_the_setting_staff_edit_in_the_admin(staff_client):
    settings = FacilitationSettings.load()
    url = f"/admin/settings/facilitation/facilitationsettings/{settings.pk}/"
    assert staff_client.post(url, {"warn_after_days": "3"}).status_code == 302
    assert FacilitationSettings.load().warn_after_days == 3
    with time_machine.travel(NOW, tick=False):
        make_request("Usaha Foxtrot", days=5)
        make_request("Usaha Golf", stage=Stage.DECLINED, days=40, decline_reason="x")
        page = staff_client.get(QUEUE).content.decode()

    # The open request is flagged, the closed one is not.
    assert 'data-overdue-count="1"' in page
    assert page.count("data-overdue>") == 1


def test_the_queue_in_english(staff_client, officer):
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    with time_machine.travel(NOW, tick=False):
        make_request("Usaha Hotel", days=20)
        page = staff_client.get(QUEUE).content.decode()
    assert "1 open request has not moved for more than 14 days." in page
    assert "Assign the selected requests" in page


# The action page ----------------------------------------------------------------------------


def post_step(client, request, step, **fields):
    data = {"step": step, **{f"{step}-{name}": value for name, value in fields.items()}}
    return client.post(action_url(request), data)


@pytest.fixture
def nib_request(newcomer, owner):
    return services.request_facilitation(newcomer, owner, Kind.NIB)


def test_the_action_page_offers_only_the_steps_the_table_allows(staff_client, nib_request):
    page = staff_client.get(action_url(nib_request)).content.decode()

    assert 'data-step="screen"' in page
    assert 'data-step="decline"' in page
    assert 'data-step="assign"' not in page
    assert 'data-step="issue"' not in page
    assert "Help requested" in page or "Bantuan diminta" in page


def test_each_step_through_the_admin_moves_the_stage_writes_the_event_and_mails_the_owner(
    staff_client, nib_request, officer, django_capture_on_commit_callbacks, newcomer
):
    steps = [
        ("screen", {"missing": "Fotokopi KTP"}, Stage.SCREENED),
        (
            "assign",
            {"officer": officer.pk, "date": "2026-12-03", "time": "09:30", "place": "klinik"},
            Stage.ASSISTED,
        ),
        ("submit", {"reference": "OSS-2026-77"}, Stage.SUBMITTED),
        ("issue", {"number": "1234567890123"}, Stage.ISSUED),
    ]
    for step, fields, stage in steps:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = post_step(staff_client, nib_request, step, **fields)
        assert (response.status_code, response["Location"]) == (302, action_url(nib_request))
        nib_request.refresh_from_db()
        assert nib_request.stage == stage
        assert nib_request.events.last().stage == stage
        assert nib_request.events.last().actor == officer
        assert [m.to for m in mail.outbox] == [["sari@example.com"]]

    assert nib_request.appointment_at == datetime.datetime(2026, 12, 3, 2, 30, tzinfo=UTC)
    newcomer.refresh_from_db()
    assert newcomer.nib == "1234567890123"
    assert newcomer.nib_status == Vendor.NibStatus.VERIFIED
    page = staff_client.get(action_url(nib_request)).content.decode()
    assert "1234567890123" in page
    assert "data-step=" not in page


def test_decline_needs_a_reason_and_keeps_the_page(staff_client, nib_request):
    response = post_step(staff_client, nib_request, "decline", reason="")

    assert response.status_code == 200
    nib_request.refresh_from_db()
    assert nib_request.stage == Stage.REQUESTED

    response = post_step(staff_client, nib_request, "decline", reason="Bukan usaha mikro")
    assert response.status_code == 302
    nib_request.refresh_from_db()
    assert (nib_request.stage, nib_request.decline_reason) == (
        Stage.DECLINED,
        "Bukan usaha mikro",
    )


def test_a_step_the_table_does_not_allow_is_refused_and_changes_nothing(staff_client, nib_request):
    events = FacilitationEvent.objects.count()

    response = post_step(staff_client, nib_request, "issue", number="1234567890123")

    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert "That step is not possible" in page or "Langkah itu tidak" in page
    nib_request.refresh_from_db()
    assert (nib_request.stage, nib_request.issued_number) == (Stage.REQUESTED, "")
    assert FacilitationEvent.objects.count() == events


def test_a_duplicate_nib_shows_the_error_keeps_the_typed_number_and_changes_nothing(
    staff_client, nib_request, officer, newcomer
):
    VendorFactory(name="Pemilik Asli", nib="1234567890123")
    request = walk_to(nib_request, officer, Stage.SUBMITTED)
    nib_before = newcomer.nib
    events = FacilitationEvent.objects.count()

    response = post_step(staff_client, request, "issue", number="1234567890123")

    assert response.status_code == 200
    page = response.content.decode()
    assert "1234567890123" in page
    assert 'value="1234567890123"' in page  # the form keeps what was typed
    assert "already held by another business" in page or "sudah dimiliki" in page
    request.refresh_from_db()
    newcomer.refresh_from_db()
    assert request.stage == Stage.SUBMITTED
    assert (newcomer.nib, newcomer.nib_status) == (nib_before, Vendor.NibStatus.UNVERIFIED)
    assert FacilitationEvent.objects.count() == events


# Bulk assignment ------------------------------------------------------------------------------


def test_bulk_assign_moves_the_screened_requests_and_names_the_refused(
    staff_client, queue, django_capture_on_commit_callbacks
):
    second = queue["second"]
    screened = make_request("Usaha India", stage=Stage.SCREENED)
    data = {
        "bulk-requests": [queue["c"].pk, screened.pk, queue["a"].pk],
        "bulk-officer": second.pk,
        "bulk-date": "2026-12-05",
        "bulk-time": "10:00",
        "bulk-place": "rppkum",
        "next": QUEUE + "?stage=screened",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(QUEUE + "bulk-assign/", data)

    assert (response.status_code, response["Location"]) == (302, QUEUE + "?stage=screened")
    for row in (queue["c"], screened):
        row.refresh_from_db()
        assert (row.stage, row.officer, row.place) == (Stage.ASSISTED, second, "rppkum")
        assert row.events.last().stage == Stage.ASSISTED
    queue["a"].refresh_from_db()
    assert queue["a"].stage == Stage.REQUESTED  # requested, not screened: refused
    page = staff_client.get(response["Location"]).content.decode()
    assert "Usaha Alpha" in page  # named in the error message


def test_bulk_assign_without_an_officer_changes_nothing(staff_client, queue):
    response = staff_client.post(
        QUEUE + "bulk-assign/",
        {"bulk-requests": [queue["c"].pk], "bulk-date": "2026-12-05", "bulk-time": "10:00"},
    )
    assert response.status_code == 302
    queue["c"].refresh_from_db()
    assert queue["c"].stage == Stage.SCREENED


# Access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "vendor_owner", "editor"])
def test_non_staff_cannot_act(client, nib_request, owner, who):
    if who == "vendor_owner":
        client.force_login(owner)
    elif who == "editor":
        from django.contrib.auth.models import Permission

        editor = UserFactory(username="editor")
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)

    responses = [
        post_step(client, nib_request, "screen", missing=""),
        post_step(client, nib_request, "decline", reason="x"),
        client.post(
            QUEUE + "bulk-assign/",
            {"bulk-requests": [nib_request.pk], "bulk-officer": owner.pk},
        ),
    ]

    for response in responses:
        assert response.status_code in (302, 403)
        assert (
            not response["Location"].startswith(action_url(nib_request))
            if (response.status_code == 302)
            else True
        )
    nib_request.refresh_from_db()
    assert nib_request.stage == Stage.REQUESTED
    assert nib_request.events.count() == 1


def test_the_queue_makes_the_same_queries_for_few_and_many_requests(staff_client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(QUEUE).status_code == 200
        return len(captured)

    with time_machine.travel(NOW, tick=False):
        make_request("Usaha Satu", days=20, officer=officer)
        queries()  # the first page of a session sets up the user's profile and site
        few = queries()
        for n in range(5):
            make_request(f"Usaha Banyak {n}", days=n, officer=officer)
        assert queries() == few
