"""An application that fails on one field keeps the documents already accepted (privately, for
this session, for a day) and says which fields to correct and to type again."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.vendors.test_application import PDF, application, png_bytes
from vendors.models import HalalCertificate, Vendor

pytestmark = pytest.mark.django_db


def held_files() -> list[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "held"
    return sorted(folder.iterdir()) if folder.exists() else []


def text(response) -> str:
    return unescape(response.content.decode())


def test_an_accepted_document_is_kept_after_an_error_and_used_on_the_next_try(client):
    first = client.post(
        "/daftar-umkm/",
        application(
            nib_document=SimpleUploadedFile("dokumen.pdf", PDF, "application/pdf"),
            whatsapp="12",
        ),
    )
    html = text(first)
    assert "dokumen.pdf sudah diterima — pilih file lain untuk menggantinya." in html
    assert len(held_files()) == 1
    assert not (Path(settings.MEDIA_ROOT) / "held").exists()  # never public

    again = application(whatsapp="0812 3456 7890")
    del again["nib_document"]  # nothing chosen this time
    assert client.post("/daftar-umkm/", again).status_code == 302
    vendor = Vendor.objects.get()
    assert vendor.nib_document.read() == PDF
    assert held_files() == []  # the held copy is gone once the application is in


def test_the_summary_names_the_fields_and_asks_for_the_passwords_again(client):
    response = client.post(
        "/daftar-umkm/", application(whatsapp="12", kbli_codes="123", password2="lain")
    )
    html = text(response)
    summary = html[html.index('class="form-errors"') : html.index('<form method="post"')]
    named = re.findall(r'<a href="#id_(\w+)">([^<]+)</a>', summary)
    assert named == [
        ("password2", "Ulangi kata sandi"),
        ("whatsapp", "Nomor WhatsApp"),
        ("kbli_codes", "Kode KBLI"),
    ]
    assert "Ketik ulang kedua kata sandi" in summary
    # …and next to each password box.
    assert html.count("Ketik ulang: kata sandi tidak pernah dikirim kembali ke halaman.") == 2


def test_a_rejected_document_is_not_held_and_a_new_one_replaces_the_held_one(client):
    client.post(
        "/daftar-umkm/",
        application(
            nib_document=SimpleUploadedFile("lama.pdf", PDF, "application/pdf"), whatsapp="12"
        ),
    )
    photo = SimpleUploadedFile("baru.png", png_bytes(), "image/png")
    html = text(client.post("/daftar-umkm/", application(nib_document=photo, whatsapp="12")))
    assert "baru.png sudah diterima" in html
    assert "lama.pdf" not in html
    assert len(held_files()) == 1
    broken = SimpleUploadedFile("rusak.png", b"\x89PNG\r\n\x1a\nbroken", "image/png")
    html = text(client.post("/daftar-umkm/", application(nib_document=broken, whatsapp="12")))
    assert "rusak" in html
    assert "sudah diterima" not in html
    assert held_files() == []


def test_a_held_document_belongs_to_its_session_only(client, django_user_model):
    client.post(
        "/daftar-umkm/",
        application(
            nib_document=SimpleUploadedFile("dokumen.pdf", PDF, "application/pdf"), whatsapp="12"
        ),
    )
    from django.test import Client

    stranger = Client()
    data = application()
    del data["nib_document"]
    response = stranger.post("/daftar-umkm/", data)
    assert response.status_code == 200
    assert "sudah diterima" not in text(response)
    assert not Vendor.objects.exists()


def test_a_held_document_expires_after_a_day(client):
    start = datetime.datetime(2026, 11, 2, 3, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.post(
            "/daftar-umkm/",
            application(
                nib_document=SimpleUploadedFile("dokumen.pdf", PDF, "application/pdf"),
                whatsapp="12",
            ),
        )
    data = application()
    del data["nib_document"]
    with time_machine.travel(start + datetime.timedelta(hours=23), tick=False):
        assert "dokumen.pdf sudah diterima" in text(client.get("/daftar-umkm/"))
    with time_machine.travel(start + datetime.timedelta(hours=25), tick=False):
        response = client.post("/daftar-umkm/", data)
        assert response.status_code == 200
        assert "sudah diterima" not in text(response)
        assert held_files() == []
    assert not Vendor.objects.exists()


def test_the_halal_document_is_held_too(client):
    data = application(
        halal_number="ID36110000123450825",
        halal_issued_on="2025-08-01",
        halal_document=SimpleUploadedFile("halal.png", png_bytes(), "image/png"),
        whatsapp="12",
    )
    assert "halal.png sudah diterima" in text(client.post("/daftar-umkm/", data))
    data = application(
        halal_number="ID36110000123450825", halal_issued_on="2025-08-01", whatsapp="0812 3456 7890"
    )
    assert client.post("/daftar-umkm/", data).status_code == 302
    assert HalalCertificate.objects.get().document.name.startswith("evidence/")


def test_the_blank_form_is_shared_yet_a_held_document_still_shows(client):
    """The blank application's fields are cached as HTML; a visitor holding a document gets
    the form rendered for them, and nobody else sees their file."""
    from django.test import Client

    from vendors import held_uploads

    # The page cache knows the session key that makes this form personal.
    assert held_uploads.SESSION_KEY in settings.PAGE_CACHE_PERSONAL_SESSION_KEYS
    assert "dokumen.pdf" not in text(Client().get("/daftar-umkm/"))
    assert Client().get("/daftar-umkm/")["X-Page-Cache"] == "hit"
    client.post(
        "/daftar-umkm/",
        application(
            nib_document=SimpleUploadedFile("dokumen.pdf", PDF, "application/pdf"),
            whatsapp="12",
        ),
    )
    own = client.get("/daftar-umkm/")
    assert "X-Page-Cache" not in own
    assert "dokumen.pdf sudah diterima" in text(own)
    assert "dokumen.pdf" not in text(Client().get("/daftar-umkm/"))
