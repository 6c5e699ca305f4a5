"""The owner's trademark pages under /dasbor/: the section, adding a record, recording
DJKI's decision, the own document; nothing of another business."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.vendors.trademarks.conftest import PDF, pdf, submission
from vendors.trademarks import services
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db


def form(**overrides):
    return {
        "mark": "Keripik Bu Sari",
        "nice_class": "30",
        "application_number": "did 2024-012345",
        "filed_on": "2024-03-11",
        "registration_number": "",
        "registered_on": "",
        "document": pdf(),
        **overrides,
    }


def test_the_dashboard_lists_the_businesss_trademarks_and_their_state(
    client, business, owner, registered
):
    services.submit_trademark(
        business, owner, submission(mark="Sambal Sari", application_number="DID2025000001")
    )
    client.force_login(owner)

    page = client.get("/dasbor/").content.decode()

    assert "Merek (HKI)" in page
    assert "Sambal Sari" in page and "Menunggu verifikasi" in page
    assert "IDM000123456" in page and "Terverifikasi" in page
    assert "Dilindungi sampai" in page and "11 Mar 2034" in page
    assert page.count("Catat keputusan DJKI") == 1  # only the application still filed


def test_an_owner_adds_a_trademark_in_its_normal_form(client, business, owner):
    client.force_login(owner)

    response = client.post("/dasbor/merek/baru/", form())

    assert response.status_code == 302 and response["Location"] == "/dasbor/"
    trademark = Trademark.objects.get()
    assert (trademark.vendor, trademark.application_number) == (business, "DID2024012345")
    assert trademark.submitted_by == owner
    assert trademark.status == Trademark.Status.PENDING


def test_a_wrong_number_keeps_what_was_typed_and_names_the_shape(client, business, owner):
    client.force_login(owner)

    response = client.post("/dasbor/merek/baru/", form(application_number="DID-12"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "DID, tahun, dan enam angka" in page
    assert 'value="Keripik Bu Sari"' in page and 'value="DID-12"' in page
    assert not Trademark.objects.exists()


def test_a_number_of_another_business_is_refused_on_the_form(
    client, business, owner, other_business, other_owner
):
    services.submit_trademark(other_business, other_owner, submission(mark="Kopi Cisoka"))
    client.force_login(owner)

    page = client.post("/dasbor/merek/baru/", form()).content.decode()

    assert "DID2024012345 sudah tercatat pada usaha lain" in page
    assert Trademark.objects.count() == 1


def test_a_document_that_is_not_a_pdf_or_photo_is_refused(client, business, owner):
    client.force_login(owner)
    fake = SimpleUploadedFile("djki.pdf", b"MZ not a pdf", content_type="application/pdf")

    response = client.post("/dasbor/merek/baru/", form(document=fake))

    assert response.status_code == 200
    assert not Trademark.objects.exists()


def test_the_owner_records_the_registration_and_it_waits_for_verification(
    client, business, owner, officer
):
    trademark = services.verify_trademark(
        services.submit_trademark(business, owner, submission()), officer
    )
    client.force_login(owner)

    response = client.post(
        f"/dasbor/merek/{trademark.pk}/",
        {
            "outcome": "registered",
            "registration_number": "IDM 000 123 456",
            "registered_on": "2025-01-20",
            "document": pdf("sertifikat.pdf"),
        },
    )

    assert response.status_code == 302
    trademark.refresh_from_db()
    assert trademark.registration_number == "IDM000123456"
    assert (trademark.djki_status, trademark.status) == ("registered", "pending")
    page = client.get("/dasbor/").content.decode()
    assert "Pendaftaran IDM000123456 dicatat; menunggu verifikasi" in page


def test_a_registration_without_its_number_keeps_the_form(client, business, owner):
    trademark = services.submit_trademark(business, owner, submission())
    client.force_login(owner)

    page = client.post(
        f"/dasbor/merek/{trademark.pk}/",
        {"outcome": "registered", "registered_on": "2025-01-20", "document": pdf()},
    ).content.decode()

    assert "Isi nomor pendaftaran." in page
    assert 'value="2025-01-20"' in page
    trademark.refresh_from_db()
    assert trademark.djki_status == "filed"


def test_the_owner_records_a_refusal(client, business, owner):
    trademark = services.submit_trademark(business, owner, submission())
    client.force_login(owner)

    client.post(f"/dasbor/merek/{trademark.pk}/", {"outcome": "refused", "document": pdf()})

    trademark.refresh_from_db()
    assert trademark.djki_status == "refused"
    assert client.get(f"/dasbor/merek/{trademark.pk}/").status_code == 302  # decided already


def test_the_owner_reads_their_own_document_and_not_anothers(
    client, business, owner, other_business, other_owner
):
    mine = services.submit_trademark(business, owner, submission())
    theirs = services.submit_trademark(
        other_business, other_owner, submission(application_number="DID2025000002")
    )
    client.force_login(owner)

    own = client.get(f"/dasbor/merek/{mine.pk}/dokumen/")
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF
    assert own["Cache-Control"] == "private, no-store"
    assert client.get(f"/dasbor/merek/{theirs.pk}/dokumen/").status_code == 404
    assert client.get(f"/dasbor/merek/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.djki_status == "filed"


def test_anonymous_visitors_go_to_the_login(client, registered):
    for url in ("/dasbor/merek/baru/", f"/dasbor/merek/{registered.pk}/dokumen/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_the_dashboard_reads_the_same_number_of_queries_however_many_trademarks(
    client, business, owner
):
    client.force_login(owner)
    services.submit_trademark(business, owner, submission())
    client.get("/dasbor/")  # the session settles on the first visit
    one = count_queries(client)
    for n in range(3):
        services.submit_trademark(
            business, owner, submission(application_number=f"DID202500000{n}")
        )
    assert count_queries(client) == one


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/dasbor/").status_code == 200
    return len(captured)
