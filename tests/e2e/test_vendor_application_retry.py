"""On a phone, an application that fails on one field keeps the NIB document already chosen:
the applicant corrects the field, types the passwords again and sends it."""

import re

import pytest
from playwright.sync_api import expect

from vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_document_survives_an_error_and_the_summary_says_what_to_redo(live_server, phone):
    phone.goto(live_server.url + "/daftar-umkm/")
    phone.get_by_label("Nama lengkap Anda").fill("Sari Wulandari")
    phone.get_by_label("E-mail Anda").fill("sari@example.com")
    phone.get_by_label("Kata sandi", exact=True).fill("Keripik-Tempe-2026")
    phone.get_by_label("Ulangi kata sandi").fill("Keripik-Tempe-2026")
    phone.get_by_label("Nama usaha").fill("Keripik Bu Sari")
    phone.get_by_label("Kecamatan").select_option(label="Legok")
    phone.get_by_label("Desa / kelurahan").select_option("Babat")
    phone.get_by_label("Bidang usaha").select_option("kuliner")
    phone.get_by_label("Yang Anda buat atau jual").fill("Keripik tempe")
    phone.get_by_label("Jumlah tenaga kerja").fill("3")
    phone.get_by_label("Ya", exact=True).check()
    phone.get_by_label("Alamat").fill("Jl. Raya Legok No. 5")
    phone.get_by_label("Nomor WhatsApp").fill("0812 3456 7890")
    phone.get_by_label("NIB", exact=True).fill("912000123456")  # one digit short
    phone.locator("#id_nib_document").set_input_files(
        {"name": "dokumen.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    phone.get_by_role("button", name="Kirim pendaftaran").click()

    summary = phone.locator(".form-errors")
    expect(summary.get_by_role("link", name="NIB", exact=True)).to_be_visible()
    expect(summary).to_contain_text("Ketik ulang kedua kata sandi")
    expect(
        phone.get_by_text("dokumen.pdf sudah diterima — pilih file lain untuk menggantinya.")
    ).to_be_visible()
    expect(phone.get_by_label("Kata sandi", exact=True)).to_have_value("")
    expect(phone.get_by_label("Kata sandi", exact=True)).to_have_accessible_description(
        "Minimal 8 karakter, tidak boleh hanya angka. "
        "Ketik ulang: kata sandi tidak pernah dikirim kembali ke halaman."
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # The link in the summary leads to the field; the document is not chosen again.
    summary.get_by_role("link", name="NIB", exact=True).click()
    expect(phone.get_by_label("NIB", exact=True)).to_be_focused()
    phone.get_by_label("NIB", exact=True).fill("9120001234567")
    phone.get_by_label("Kata sandi", exact=True).fill("Keripik-Tempe-2026")
    phone.get_by_label("Ulangi kata sandi").fill("Keripik-Tempe-2026")
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(phone).to_have_url(re.compile(re.escape(live_server.url) + r"/dasbor/(#.*)?$"))
    assert Vendor.objects.get().nib_document.read() == PDF
