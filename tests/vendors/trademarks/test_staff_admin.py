"""Staff's trademark pages in the Wagtail admin: the list (waiting first), one record with its
DJKI document, verify / reject with a note; nobody else opens them."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from wagtail.users.models import UserProfile

from tests.factories import UserFactory
from tests.vendors.trademarks.conftest import PDF, submission
from vendors.trademarks import services
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db
LIST = "/admin/trademarks/"


@pytest.fixture
def staff_client(client, officer):
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(officer)
    return client


def marks_in_order(html) -> list[str]:
    table = re.search(r'<table[^>]*id="trademark-table".*?</table>', html, re.S).group(0)
    return re.findall(r'<a href="/admin/trademarks/\d+/">([^<]+)</a>', table)


def test_the_list_shows_waiting_records_first_oldest_wait_first_with_their_age(
    staff_client, business, owner, officer, registered
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 3, tzinfo=datetime.UTC)):
        older = services.submit_trademark(
            business, owner, submission(mark="Lama", application_number="DID2025000001")
        )
    with time_machine.travel(datetime.datetime(2026, 5, 20, 3, tzinfo=datetime.UTC)):
        services.submit_trademark(
            business, owner, submission(mark="Baru", application_number="DID2025000002")
        )
    with time_machine.travel(datetime.datetime(2026, 5, 31, 3, tzinfo=datetime.UTC)):
        page = staff_client.get(LIST).content.decode()
    assert marks_in_order(page) == ["Lama", "Baru", "Keripik Bu Sari"]
    row = re.search(rf'<tr data-trademark="{older.pk}">.*?</tr>', page, re.S).group(0)
    assert "<td data-waiting-days>30</td>" in row
    done = re.search(rf'<tr data-trademark="{registered.pk}">.*?</tr>', page, re.S).group(0)
    assert "<td data-waiting-days></td>" in done
    verified = staff_client.get(LIST + "?status=verified").content.decode()
    assert marks_in_order(verified) == ["Keripik Bu Sari"]


def test_staff_verify_from_the_records_page_with_the_document_linked(
    staff_client, business, owner, officer
):
    trademark = services.submit_trademark(
        business,
        owner,
        submission(registration_number="IDM000123456", registered_on=datetime.date(2025, 1, 20)),
    )
    page = staff_client.get(f"{LIST}{trademark.pk}/").content.decode()
    assert f'href="/admin/trademarks/{trademark.pk}/document/"' in page
    assert "IDM000123456" in page
    document = staff_client.get(f"{LIST}{trademark.pk}/document/")
    assert b"".join(document.streaming_content) == PDF
    assert document["Content-Type"] == "application/pdf"

    response = staff_client.post(f"{LIST}{trademark.pk}/", {"decision": "verify", "note": ""})

    assert response.status_code == 302 and response["Location"] == LIST
    trademark.refresh_from_db()
    assert trademark.status == Trademark.Status.VERIFIED
    assert trademark.events.first().actor == officer


def test_a_rejection_without_a_note_changes_nothing_and_says_why(staff_client, business, owner):
    trademark = services.submit_trademark(business, owner, submission())

    response = staff_client.post(f"{LIST}{trademark.pk}/", {"decision": "reject", "note": " "})

    assert response.status_code == 200
    assert "Say why the record is rejected" in response.content.decode()
    trademark.refresh_from_db()
    assert trademark.status == Trademark.Status.PENDING
    staff_client.post(f"{LIST}{trademark.pk}/", {"decision": "reject", "note": "Buram"})
    trademark.refresh_from_db()
    assert trademark.status == Trademark.Status.REJECTED


def test_a_verified_record_offers_only_rejection(staff_client, registered):
    page = staff_client.get(f"{LIST}{registered.pk}/").content.decode()
    assert 'value="reject"' in page and 'value="verify"' not in page


def test_the_menu_item_is_shown_to_staff(staff_client):
    assert '"url": "/admin/trademarks/"' in staff_client.get("/admin/").content.decode()


@pytest.mark.parametrize("admin_access", [False, True])
def test_nobody_but_staff_opens_the_list_a_record_or_a_document(client, registered, admin_access):
    user = UserFactory(username="pedagang")
    if admin_access:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    client.force_login(user)
    for url in (LIST, f"{LIST}{registered.pk}/", f"{LIST}{registered.pk}/document/"):
        response = client.get(url)
        if admin_access:
            assert response.status_code == 403, url
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))
    client.post(f"{LIST}{registered.pk}/", {"decision": "reject", "note": "Dibajak"})
    registered.refresh_from_db()
    assert registered.status == Trademark.Status.VERIFIED
    if admin_access:
        assert '"url": "/admin/trademarks/"' not in client.get("/admin/").content.decode()
