"""An owner records a registered trademark on a 360 px phone; staff verify it; the public
profile and the directory card show the badge, in Indonesian and in English; every page
fits the phone."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.e2e.test_phone_layout import LAYOUT_PROBLEMS, PASSWORD, log_in, new_phone
from tests.factories import MembershipFactory, StaffFactory, UserFactory, VendorFactory
from tests.vendors.trademarks.conftest import PDF
from vendors.trademarks import services
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_owner_records_a_trademark_and_the_public_sees_its_badge(live_server, browser, tmp_path):
    vendor = VendorFactory(name="Keripik Singkong Bu Sari", slug="keripik-singkong-bu-sari")
    MembershipFactory(vendor=vendor, user=UserFactory(username="sari", password=PASSWORD))
    document = tmp_path / "sertifikat-merek.pdf"
    document.write_bytes(PDF)
    base = live_server.url
    phone = new_phone(browser, "id")
    log_in(phone, base, "sari")

    phone.goto(base + "/dasbor/")
    phone.locator("[data-section=trademarks]").get_by_role("link", name="Tambah merek").click()
    phone.get_by_label("Merek (nama dagang)").fill("Sari Renyah")
    phone.get_by_label("Kelas (Nice)").fill("30")
    phone.get_by_label("Nomor permohonan (DID…)").fill("DID2024-012345")
    phone.get_by_label("Tanggal permohonan").fill("2024-03-11")
    phone.get_by_label("Nomor pendaftaran (IDM…)").fill("IDM000123")
    phone.get_by_label("Tanggal pendaftaran").fill("2025-01-20")
    phone.get_by_label("Dokumen DJKI (tanda terima permohonan atau sertifikat)").set_input_files(
        document
    )
    phone.get_by_role("button", name="Kirim untuk diverifikasi").click()
    expect(phone.get_by_text("sembilan angka").first).to_be_visible()  # the shape, named
    assert phone.get_by_label("Merek (nama dagang)").input_value() == "Sari Renyah"
    phone.get_by_label("Nomor pendaftaran (IDM…)").fill("IDM000123456")
    phone.get_by_label("Dokumen DJKI (tanda terima permohonan atau sertifikat)").set_input_files(
        document
    )
    phone.get_by_role("button", name="Kirim untuk diverifikasi").click()
    expect(phone).to_have_url(base + "/dasbor/")
    section = phone.locator("[data-section=trademarks]")
    expect(section.get_by_text("Menunggu verifikasi")).to_be_visible()

    trademark = Trademark.objects.get(vendor=vendor)
    services.verify_trademark(trademark, StaffFactory(username="petugas"))

    phone.goto(base + "/dasbor/")
    expect(section.get_by_text("Diverifikasi oleh dinas")).to_be_visible()
    expect(section.get_by_text("11 Mar 2034")).to_be_visible()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    section.screenshot(path="/tmp/hki-dashboard-id.png")
    phone.goto(base + "/en/dasbor/")
    expect(section.get_by_text("Verified by the office")).to_be_visible()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    section.screenshot(path="/tmp/hki-dashboard-en.png")

    for language, badge in (("", "Merek terdaftar"), ("/en", "Registered trademark")):
        phone.goto(f"{base}{language}/umkm/keripik-singkong-bu-sari/")
        section = phone.locator("[data-section=trademarks]")
        expect(section.locator(".badge")).to_have_text(badge)
        expect(section).to_contain_text("Sari Renyah · IDM000123456")
        assert phone.evaluate(LAYOUT_PROBLEMS) == []
        phone.screenshot(path=f"/tmp/hki-profile{language.replace('/', '-')}.png", full_page=True)
        phone.goto(f"{base}{language}/umkm/")
        card = phone.locator(".directory-card", has_text="Keripik Singkong Bu Sari")
        expect(card.get_by_text(badge)).to_be_visible()
        card.screenshot(path=f"/tmp/hki-card{language.replace('/', '-')}.png")
    assert trademark.expires_on == datetime.date(2034, 3, 11)
