"""Staff verification in the Wagtail admin and the figures on its dashboard."""

import datetime
import itertools
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from vendors.figures import vendor_figures
from vendors.models import HalalCertificate, Kecamatan, Membership, Vendor, VerificationEvent
from website.models import User

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
_numbers = itertools.count(1)


# Helpers ----------------------------------------------------------------------------------


def make_vendor(kecamatan="Legok", *, days_ago=0, **fields):
    n = next(_numbers)
    defaults = {
        "name": f"Keripik Legok {n}",
        "slug": f"keripik-legok-{n}",
        "nib": f"{3603000000000 + n:013d}",
        "email": f"umkm{n}@example.com",
        "status": Vendor.Status.APPLIED,
        "nib_status": Vendor.NibStatus.PENDING,
        "created_at": timezone.now() - datetime.timedelta(days=days_ago),
    }
    defaults.update(fields)
    return Vendor.objects.create(kecamatan=Kecamatan.objects.get(name=kecamatan), **defaults)


def make_certificate(vendor, *, days_ago=0, **fields):
    n = next(_numbers)
    defaults = {
        "number": f"ID3603{n:013d}",
        "status": HalalCertificate.Status.PENDING,
        "created_at": timezone.now() - datetime.timedelta(days=days_ago),
    }
    defaults.update(fields)
    return HalalCertificate.objects.create(vendor=vendor, **defaults)


def make_user(username, *, admin_access=False, **fields):
    user = User.objects.create_user(username=username, password="Rahasia-123", **fields)
    if admin_access:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return user


def queue_rows(html, table_id):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    return table.group(0) if table else ""


def chart_value(html, chart_id, label):
    """The number a chart's text alternative gives for one bar."""
    table = re.search(rf'<table[^>]*data-chart-table="{chart_id}".*?</table>', html, re.S)
    assert table, f"no text table for {chart_id}"
    row = re.search(rf'<th scope="row">{re.escape(label)}</th><td>([^<]*)</td>', table.group(0))
    assert row, f"no row {label!r} in {chart_id}"
    return row.group(1)


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def staff(admin_user):
    # Admin pages in English, so the assertions read like what the officer sees in tests.
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_user


@pytest.fixture
def staff_client(admin_client, staff):
    return admin_client


@pytest.fixture(autouse=True)
def private_documents(tmp_path, monkeypatch):
    """The evidence fields bind their storage when the models load, so the settings override
    in conftest does not reach them: point them at this test's folder explicitly."""
    storage = FileSystemStorage(location=tmp_path / "evidence", base_url=None)
    monkeypatch.setattr(Vendor._meta.get_field("nib_document"), "storage", storage)
    monkeypatch.setattr(HalalCertificate._meta.get_field("document"), "storage", storage)
    return storage


@pytest.fixture
def applicant():
    vendor = make_vendor(days_ago=4)
    owner = make_user("sari", email="sari@example.com")
    Membership.objects.create(user=owner, vendor=vendor)
    return vendor


QUEUE = reverse("vendors_verification:queue")


def decide_url(vendor):
    return reverse("vendors_verification:vendor", args=[vendor.pk])


# Queue ------------------------------------------------------------------------------------


def test_queue_lists_pending_vendors_oldest_first_with_their_age_and_not_verified_ones(
    staff_client,
):
    newer = make_vendor(name="Dodol Cikupa", kecamatan="Cikupa", days_ago=2)
    older = make_vendor(name="Emping Mauk", kecamatan="Mauk", days_ago=9)
    make_vendor(
        name="Kopi Verified",
        status=Vendor.Status.ACTIVE,
        nib_status=Vendor.NibStatus.VERIFIED,
        days_ago=30,
    )

    response = staff_client.get(QUEUE)

    assert response.status_code == 200
    rows = queue_rows(response.content.decode(), "queue-nib-table")
    assert "Kopi Verified" not in rows
    assert rows.index("Emping Mauk") < rows.index("Dodol Cikupa")
    ages = re.findall(r"<td data-waiting-days>(\d+)</td>", rows)
    assert ages == ["9", "2"]
    assert older.nib in rows and newer.nib in rows


def test_queue_lists_pending_halal_certificates_but_not_verified_ones(staff_client):
    vendor = make_vendor(status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)
    pending = make_certificate(vendor, days_ago=3)
    verified = make_certificate(vendor, status=HalalCertificate.Status.VERIFIED)

    rows = queue_rows(staff_client.get(QUEUE).content.decode(), "queue-halal-table")

    assert pending.number in rows
    assert verified.number not in rows
    assert re.findall(r"<td data-waiting-days>(\d+)</td>", rows) == ["3"]


def test_a_nib_sent_again_waits_since_it_was_sent_again(staff_client):
    vendor = make_vendor(days_ago=40)
    VerificationEvent.objects.create(
        vendor=vendor,
        subject=VerificationEvent.Subject.NIB,
        old_status=Vendor.NibStatus.REJECTED,
        new_status=Vendor.NibStatus.PENDING,
        created_at=timezone.now() - datetime.timedelta(days=5),
    )

    rows = queue_rows(staff_client.get(QUEUE).content.decode(), "queue-nib-table")

    assert re.findall(r"<td data-waiting-days>(\d+)</td>", rows) == ["5"]


# Decisions --------------------------------------------------------------------------------


def test_staff_verifies_a_nib_the_vendor_goes_live_the_event_names_them_and_mail_is_sent(
    staff_client, staff, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            decide_url(applicant), {"decision": "verify_nib", "note": "Cocok dengan OSS"}
        )

    assert response.status_code == 302
    assert response.url == QUEUE
    applicant.refresh_from_db()
    assert applicant.nib_status == Vendor.NibStatus.VERIFIED
    assert applicant.status == Vendor.Status.ACTIVE
    event = VerificationEvent.objects.get(vendor=applicant, subject="nib", new_status="verified")
    assert event.actor == staff
    assert event.note == "Cocok dengan OSS"
    assert len(mail.outbox) == 1
    assert "sari@example.com" in mail.outbox[0].to

    queue = staff_client.get(QUEUE).content.decode()
    assert f"The NIB of {applicant.name} is verified." in queue
    assert applicant.nib not in queue_rows(queue, "queue-nib-table")


def test_rejecting_without_a_note_shows_the_error_and_changes_nothing(staff_client, applicant):
    response = staff_client.post(decide_url(applicant), {"decision": "reject_nib", "note": "  "})

    assert response.status_code == 200
    assert "Say why the NIB is rejected: the vendor reads this note." in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.nib_status == Vendor.NibStatus.PENDING
    assert applicant.status == Vendor.Status.APPLIED
    assert not VerificationEvent.objects.filter(vendor=applicant).exists()


def test_rejecting_with_a_note_records_it(staff_client, staff, applicant):
    staff_client.post(
        decide_url(applicant), {"decision": "reject_nib", "note": "Nama di NIB berbeda"}
    )

    applicant.refresh_from_db()
    assert applicant.nib_status == Vendor.NibStatus.REJECTED
    event = VerificationEvent.objects.get(vendor=applicant, new_status="rejected")
    assert (event.actor, event.note) == (staff, "Nama di NIB berbeda")


def test_a_refused_decision_shows_the_services_message_and_keeps_the_typed_note(staff_client):
    vendor = make_vendor(status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)

    response = staff_client.post(
        decide_url(vendor), {"decision": "verify_nib", "note": "Dicek ulang di OSS"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The NIB is verified; it cannot be changed that way." in html
    assert "Dicek ulang di OSS</textarea>" in html
    assert not VerificationEvent.objects.filter(vendor=vendor).exists()


def test_staff_suspends_and_reactivates_a_vendor(staff_client, staff):
    vendor = make_vendor(status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)

    staff_client.post(decide_url(vendor), {"decision": "suspend", "note": "Laporan pembeli"})
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.SUSPENDED

    staff_client.post(decide_url(vendor), {"decision": "reactivate", "note": ""})
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.ACTIVE
    changes = VerificationEvent.objects.filter(vendor=vendor, subject="vendor").order_by("pk")
    assert [(e.old_status, e.new_status, e.actor) for e in changes] == [
        ("active", "suspended", staff),
        ("suspended", "active", staff),
    ]


def test_staff_verifies_then_revokes_a_halal_certificate(staff_client, staff):
    vendor = make_vendor(status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)
    certificate = make_certificate(vendor)
    url = reverse("vendors_verification:certificate", args=[certificate.pk])

    staff_client.post(url, {"decision": "verify", "note": ""})
    certificate.refresh_from_db()
    assert certificate.is_valid

    response = staff_client.post(url, {"decision": "revoke", "note": ""})
    assert "Say why the certificate is revoked." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    staff_client.post(url, {"decision": "revoke", "note": "Bahan berubah"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert not certificate.is_valid
    assert list(certificate.events.order_by("pk").values_list("new_status", "actor", "note")) == [
        ("verified", staff.pk, ""),
        ("revoked", staff.pk, "Bahan berubah"),
    ]


# Who may look -----------------------------------------------------------------------------


@pytest.fixture
def document_vendor(applicant):
    applicant.nib_document.save("nib.pdf", ContentFile(PDF))
    return applicant


@pytest.mark.parametrize("admin_access", [True, False])
def test_a_signed_in_user_who_is_not_staff_cannot_open_the_queue_decisions_or_documents(
    client, document_vendor, admin_access
):
    certificate = make_certificate(document_vendor)
    certificate.document.save("halal.pdf", ContentFile(PDF))
    client.force_login(make_user("pedagang", admin_access=admin_access))

    urls = [
        QUEUE,
        decide_url(document_vendor),
        reverse("vendors_verification:certificate", args=[certificate.pk]),
        reverse("vendors_verification:vendor_document", args=[document_vendor.pk]),
        reverse("vendors_verification:certificate_document", args=[certificate.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if admin_access:
            assert response.status_code == 403, url
        else:
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("wagtailadmin_login")), url
        assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))

    client.post(decide_url(document_vendor), {"decision": "verify_nib", "note": ""})
    document_vendor.refresh_from_db()
    assert document_vendor.nib_status == Vendor.NibStatus.PENDING


def test_an_anonymous_visitor_is_sent_to_the_login(client, document_vendor):
    url = reverse("vendors_verification:vendor_document", args=[document_vendor.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_staff_open_the_evidence_document_inline(staff_client, document_vendor):
    response = staff_client.get(
        reverse("vendors_verification:vendor_document", args=[document_vendor.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert f"nib-{document_vendor.nib}.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_halal_certificate_document_is_served_to_staff(staff_client, applicant):
    certificate = make_certificate(applicant)
    certificate.document.save("halal.pdf", ContentFile(PDF))

    response = staff_client.get(
        reverse("vendors_verification:certificate_document", args=[certificate.pk])
    )

    assert b"".join(response.streaming_content) == PDF


def test_unknown_or_missing_documents_are_not_found(staff_client, applicant):
    assert (
        staff_client.get(reverse("vendors_verification:vendor_document", args=[999999])).status_code
        == 404
    )
    # The vendor exists but uploaded nothing.
    assert (
        staff_client.get(
            reverse("vendors_verification:vendor_document", args=[applicant.pk])
        ).status_code
        == 404
    )
    assert staff_client.get(decide_url(Vendor(pk=999999))).status_code == 404


# The vendor's admin pages -----------------------------------------------------------------


def test_edit_forms_have_no_status_fields(staff_client, applicant):
    certificate = make_certificate(applicant)
    vendor_form = staff_client.get(
        reverse(Vendor.snippet_viewset.get_url_name("edit"), args=[applicant.pk])
    ).content.decode()
    certificate_form = staff_client.get(
        reverse(HalalCertificate.snippet_viewset.get_url_name("edit"), args=[certificate.pk])
    ).content.decode()

    assert 'name="name"' in vendor_form
    assert 'name="nib_status"' not in vendor_form
    assert 'name="status"' not in vendor_form
    assert 'name="number"' in certificate_form
    for field in ("status", "revoked_at", "revocation_note"):
        assert f'name="{field}"' not in certificate_form


def test_posting_a_status_to_the_edit_form_does_not_change_it(staff_client, applicant):
    url = reverse(Vendor.snippet_viewset.get_url_name("edit"), args=[applicant.pk])
    data = {
        "name": "Keripik Baru",
        "slug": applicant.slug,
        "kind": Vendor.Kind.MICRO,
        "kecamatan": applicant.kecamatan_id,
        "nib": applicant.nib,
        "kbli_edition": "2020",
        "nib_status": "verified",
        "status": "active",
    }

    response = staff_client.post(url, data)

    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.name == "Keripik Baru"
    assert applicant.nib_status == Vendor.NibStatus.PENDING
    assert applicant.status == Vendor.Status.APPLIED


def test_a_verified_nib_cannot_be_retyped_in_the_edit_form(staff_client):
    vendor = make_vendor(status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)
    url = reverse(Vendor.snippet_viewset.get_url_name("edit"), args=[vendor.pk])
    data = {
        "name": vendor.name,
        "slug": vendor.slug,
        "kind": Vendor.Kind.MICRO,
        "kecamatan": vendor.kecamatan_id,
        "nib": "9999999999999",
        "kbli_edition": "2020",
    }

    staff_client.post(url, data)

    vendor.refresh_from_db()
    assert vendor.nib != "9999999999999"


def test_the_certificate_form_refuses_a_fatwa_number_and_stores_the_normal_form(
    staff_client, applicant
):
    certificate = make_certificate(applicant)
    url = reverse(HalalCertificate.snippet_viewset.get_url_name("edit"), args=[certificate.pk])
    data = {"vendor": applicant.pk, "issued_on": "2024-05-01", "expires_on": ""}

    response = staff_client.post(url, {**data, "number": "KH-123/MUI/2024"})
    assert "fatwa decision number" in response.content.decode()

    staff_client.post(url, {**data, "number": "id 3611 0000 1234 50825"})
    certificate.refresh_from_db()
    assert certificate.number == "ID36110000123450825"
    assert certificate.status == HalalCertificate.Status.PENDING


def test_the_vendors_inspect_page_shows_its_history_newest_first(staff_client, staff, applicant):
    staff.first_name = "Petugas Diskum"
    staff.save()
    staff_client.post(decide_url(applicant), {"decision": "reject_nib", "note": "Foto buram"})
    staff_client.post(decide_url(applicant), {"decision": "verify_nib", "note": "Sudah jelas"})

    html = staff_client.get(
        reverse(Vendor.snippet_viewset.get_url_name("inspect"), args=[applicant.pk])
    ).content.decode()

    assert "Petugas Diskum" in html
    assert html.index("Sudah jelas") < html.index("Foto buram")
    assert "Waiting for verification → Rejected" in html
    assert "Rejected → Verified" in html


def test_verification_events_are_not_an_editable_snippet_and_vendors_cannot_be_deleted(
    staff_client, applicant
):
    assert VerificationEvent not in get_snippet_models()
    response = staff_client.get(
        reverse(Vendor.snippet_viewset.get_url_name("delete"), args=[applicant.pk])
    )
    assert response.status_code == 302  # Wagtail's "no permission" redirect
    assert Vendor.objects.filter(pk=applicant.pk).exists()


# Figures ----------------------------------------------------------------------------------


@pytest.fixture
def three_vendors():
    today = timezone.localdate()
    live = make_vendor("Legok", status=Vendor.Status.ACTIVE, nib_status=Vendor.NibStatus.VERIFIED)
    make_certificate(live, status=HalalCertificate.Status.VERIFIED)
    make_certificate(  # expired: does not count
        make_vendor("Curug", status=Vendor.Status.SUSPENDED, nib_status=Vendor.NibStatus.REJECTED),
        status=HalalCertificate.Status.VERIFIED,
        expires_on=today - datetime.timedelta(days=1),
    )
    make_vendor("Legok", days_ago=10)
    return today


def test_vendor_figures_count_by_status_kecamatan_shares_and_waiting(three_vendors):
    figures = vendor_figures()

    assert figures["total"] == 3
    assert {row["value"]: row["count"] for row in figures["by_status"]} == {
        "applied": 1,
        "active": 1,
        "suspended": 1,
    }
    by_kecamatan = {row["name"]: row["count"] for row in figures["by_kecamatan"]}
    assert len(by_kecamatan) == 29
    assert (by_kecamatan["Legok"], by_kecamatan["Curug"], by_kecamatan["Balaraja"]) == (2, 1, 0)
    assert (figures["nib_verified"], figures["nib_verified_percent"]) == (1, 33.3)
    assert (figures["halal_valid"], figures["halal_valid_percent"]) == (1, 33.3)
    assert figures["waiting"] == 1
    assert figures["oldest_waiting_days"] == 10
    assert figures["median_waiting_days"] == 10


def test_the_median_wait_of_an_even_number_of_applications_is_the_middle_two():
    for days in (1, 3, 8, 20):
        make_vendor(days_ago=days)
    figures = vendor_figures()
    assert figures["oldest_waiting_days"] == 20
    assert figures["median_waiting_days"] == 5.5


def test_vendor_figures_without_vendors_are_zero():
    figures = vendor_figures()
    assert figures["total"] == 0
    assert figures["nib_verified_percent"] == 0
    assert figures["oldest_waiting_days"] is None
    assert figures["median_waiting_days"] is None


@pytest.mark.parametrize("count", [3, 30])
def test_vendor_figures_take_the_same_number_of_queries_for_3_or_30_vendors(
    count, django_assert_num_queries
):
    kecamatan = list(Kecamatan.objects.all())
    for n in range(count):
        vendor = make_vendor(kecamatan[n % len(kecamatan)].name, days_ago=n)
        make_certificate(vendor, status=HalalCertificate.Status.VERIFIED)

    with django_assert_num_queries(3):
        figures = vendor_figures()

    assert figures["total"] == count


def test_the_dashboard_shows_the_figures_with_charts_and_numbers_as_text(
    staff_client, three_vendors
):
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="vendor-figures-section"' in html
    assert re.search(r'data-figure="total">\s*3\s*<', html)
    assert re.search(r'data-figure="nib-verified">\s*1 \(33.3%\)', html)
    assert re.search(r'data-figure="halal-valid">\s*1 \(33.3%\)', html)
    assert re.search(r'data-figure="waiting">\s*1\s*<', html)
    assert re.search(r'data-figure="oldest-waiting-days">\s*10\s*<', html)
    assert chart_value(html, "vendor-figures-kecamatan", "Legok") == "2"
    assert chart_value(html, "vendor-figures-kecamatan", "Curug") == "1"
    assert chart_value(html, "vendor-figures-kecamatan", "Balaraja") == "0"
    assert chart_value(html, "vendor-figures-status", "Suspended") == "1"
    assert chart_value(html, "vendor-figures-shares", "Verified NIB") == "33.3%"
    # Drawn by us: inline SVG with a title, no script and nothing from another host.
    figures_panel = html[html.index('id="vendor-figures-section"') :].split("</section>")[0]
    assert figures_panel.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert '<title id="vendor-figures-kecamatan-title">' in html
    assert "<script" not in figures_panel


def test_the_dashboard_has_no_figures_for_a_non_staff_admin_user(client):
    client.force_login(make_user("editor", admin_access=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "vendor-figures" not in html
