import pytest
from playwright.sync_api import expect

from tests.factories import StaffFactory
from vendors.models import Kecamatan

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_apply_then_staff_verify_then_profile_is_public_with_badge(live_server, browser):
    assert Kecamatan.objects.filter(name="Legok").exists()
    StaffFactory(username="petugas", password="Petugas-Diskum-2026")

    # A micro-entrepreneur applies on a phone.
    phone = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
    phone.set_default_timeout(10_000)
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
    phone.get_by_label("nomor WhatsApp").fill("0812 3456 7890")
    phone.get_by_label("NIB", exact=True).fill("912000123456")  # one digit short
    phone.locator("#id_nib_document").set_input_files(
        {"name": "nib.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(phone.get_by_text("NIB harus 13 digit")).to_be_visible()
    expect(phone.get_by_label("Nama usaha")).to_have_value("Keripik Bu Sari")  # kept

    phone.get_by_label("NIB", exact=True).fill("9120001234567")
    phone.get_by_label("Kata sandi", exact=True).fill("Keripik-Tempe-2026")
    phone.get_by_label("Ulangi kata sandi").fill("Keripik-Tempe-2026")
    phone.locator("#id_nib_document").set_input_files(
        {"name": "nib.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(phone).to_have_url(live_server.url + "/dasbor/")
    expect(phone.locator(".status-pending").first).to_contain_text("Menunggu verifikasi")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.goto(live_server.url + "/umkm/keripik-bu-sari/").status == 404

    # Staff verify the NIB in the admin.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.set_default_timeout(10_000)
    desk.goto(live_server.url + "/admin/login/")
    desk.fill("#id_username", "petugas")
    desk.fill("#id_password", "Petugas-Diskum-2026")
    desk.locator("form button[type=submit]").first.click()
    desk.goto(live_server.url + "/admin/verification/")
    row = desk.locator("tr", has_text="Keripik Bu Sari")
    expect(row).to_be_visible()
    row.get_by_role("link", name="Verifikasi atau tolak").click()
    desk.locator("textarea").first.fill("Cocok dengan data OSS-RBA.")
    desk.locator("button[name=decision][value=verify_nib]").click()
    expect(desk.locator("tr", has_text="Keripik Bu Sari")).to_have_count(0)

    # The profile is public, with its badge; the vendor sees the verification and the note.
    phone.goto(live_server.url + "/umkm/keripik-bu-sari/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Keripik Bu Sari")
    expect(phone.get_by_text("NIB terverifikasi")).to_be_visible()
    phone.goto(live_server.url + "/dasbor/")
    expect(phone.get_by_text("Cocok dengan data OSS-RBA.").first).to_be_visible()
