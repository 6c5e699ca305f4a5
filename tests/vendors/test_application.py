import io
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from vendors.models import HalalCertificate, Kecamatan, Vendor, VerificationEvent
from website.models import User

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def application(**overrides):
    data = {
        "full_name": "Sari Wulandari",
        "email": "sari@example.com",
        "password1": "Keripik-Tempe-2026",
        "password2": "Keripik-Tempe-2026",
        "name": "Keripik Bu Sari",
        "kind": "usaha_mikro",
        "kecamatan": Kecamatan.objects.get(name="Legok").pk,
        "desa": "Babat",
        "address": "Jl. Raya Legok No. 5",
        "whatsapp": "0812 3456 7890",
        "sector": "kuliner",
        "products_summary": "Keripik tempe",
        "workers": "3",
        "women_led": "yes",
        "turnover_band": "",
        "description": "Keripik tempe tipis.",
        "year_founded": "2015",
        "kbli_codes": "10794",
        "kbli_edition": "2020",
        "nib": "9120001234567",
        "nib_document": SimpleUploadedFile("nib.pdf", PDF, content_type="application/pdf"),
        "halal_number": "",
        "pirt_number": "",
        "bpom_number": "",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_micro_entrepreneur_applies_in_one_flow(client):
    response = client.post("/daftar-umkm/", application())
    assert response.status_code == 302
    assert response.headers["Location"] == "/dasbor/"
    vendor = Vendor.objects.get(nib="9120001234567")
    assert vendor.status == Vendor.Status.APPLIED
    assert vendor.nib_status == Vendor.NibStatus.PENDING
    assert vendor.whatsapp == "6281234567890"
    assert vendor.slug == "keripik-bu-sari"
    user = User.objects.get(email="sari@example.com")
    assert vendor.memberships.get().user == user
    assert vendor.nib_document.name.startswith("evidence/")
    assert "nib" not in vendor.nib_document.name.rsplit("/", 1)[-1]  # name never guessable
    assert VerificationEvent.objects.filter(vendor=vendor, new_status="pending").exists()
    # Logged in, on the dashboard, told what happens next.
    dashboard = client.get("/dasbor/").content.decode()
    assert "Keripik Bu Sari" in dashboard
    assert "Menunggu verifikasi" in dashboard
    # Not public until verified.
    assert client.get(f"/umkm/{vendor.slug}/").status_code == 404


def test_an_application_with_a_halal_certificate_sends_it_for_verification(client):
    data = application(
        halal_number="ID36110000123450825",
        halal_issued_on="2025-08-01",
        halal_document=SimpleUploadedFile("halal.png", png_bytes(), content_type="image/png"),
    )
    assert client.post("/daftar-umkm/", data).status_code == 302
    certificate = HalalCertificate.objects.get(number="ID36110000123450825")
    assert certificate.status == HalalCertificate.Status.PENDING
    assert not certificate.is_valid


def test_a_12_digit_nib_is_refused_and_what_was_typed_is_kept(client):
    response = client.post("/daftar-umkm/", application(nib="912000123456"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "NIB harus 13 digit" in html
    assert 'value="Keripik Bu Sari"' in html
    assert 'value="sari@example.com"' in html
    assert "Keripik tempe tipis." in html
    assert 'value="Keripik-Tempe-2026"' not in html  # passwords are never echoed
    assert not Vendor.objects.exists()
    assert not User.objects.filter(email="sari@example.com").exists()


def test_a_fatwa_number_is_refused_as_a_halal_certificate(client):
    response = client.post("/daftar-umkm/", application(halal_number="KH-12/DSN-MUI/2024"))
    assert "bukan sertifikat halal" in response.content.decode()
    assert not Vendor.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("nib.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
            "Hanya file PDF, JPEG, atau PNG",
        ),
        (
            SimpleUploadedFile("nib.jpg", b"GIF89a....", "image/jpeg"),
            "Hanya file PDF, JPEG, atau PNG",
        ),
        (
            SimpleUploadedFile(
                "nib.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1), "application/pdf"
            ),
            "paling besar 5 MB",
        ),
        (SimpleUploadedFile("nib.png", b"\x89PNG\r\n\x1a\nbroken", "image/png"), "rusak"),
    ],
)
def test_documents_are_judged_by_content_and_size(client, upload, message):
    response = client.post("/daftar-umkm/", application(nib_document=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Vendor.objects.exists()


@pytest.mark.parametrize(
    "taken",
    [
        {"email": "SARI@example.com"},  # the e-mail of an account (case aside)
        {"nib": "9120001234567"},  # the NIB of a business
    ],
)
def test_an_existing_email_or_nib_is_refused_without_confirming_it(client, taken):
    client.post("/daftar-umkm/", application())
    client.logout()
    fresh = {"email": "budi@example.com", "nib": "9120007654321"}
    response = client.post("/daftar-umkm/", application(**{**fresh, **taken}))
    html = unescape(response.content.decode())
    assert "sudah terdaftar" not in html
    assert "already" not in html
    assert "tidak dapat kami terima" in html
    assert 'href="/masuk/lupa-sandi/"' in html
    assert Vendor.objects.count() == 1


def test_a_username_that_is_the_e_mail_is_refused_the_same_way(client):
    User.objects.create_user(username="sari@example.com", email="", password="x-Y-z-123456")
    response = client.post("/daftar-umkm/", application())
    assert "tidak dapat kami terima" in unescape(response.content.decode())
    assert not Vendor.objects.exists()


def test_a_cooperative_gives_its_member_count(client):
    response = client.post("/daftar-umkm/", application(kind="koperasi", member_count=""))
    assert "jumlah anggota" in response.content.decode().lower()
    client.post("/daftar-umkm/", application(kind="kdkmp", member_count="120"))
    assert Vendor.objects.get().member_count == 120


def test_bots_filling_the_hidden_field_are_refused(client):
    client.post("/daftar-umkm/", application(website="http://spam.example"))
    assert not Vendor.objects.exists()


def test_weak_passwords_are_refused(client):
    response = client.post("/daftar-umkm/", application(password1="12345678", password2="12345678"))
    assert response.status_code == 200
    assert not Vendor.objects.exists()
