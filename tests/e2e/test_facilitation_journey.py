"""A business without a verified NIB asks for halal help on a 360 px phone, then reads the
office's screening and appointment on its dashboard, in Indonesian and in English; every
page fits the phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_phone_layout import LAYOUT_PROBLEMS, PASSWORD, log_in, new_phone
from tests.factories import MembershipFactory, StaffFactory, UserFactory, VendorFactory
from tests.vendors.facilitation.helpers import APPOINTMENT
from vendors.facilitation import services
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_owner_asks_for_halal_help_and_reads_the_appointment_on_a_phone(live_server, browser):
    vendor = VendorFactory(
        name="Keripik Singkong Bu Sari Pasar Kemis",
        status=Vendor.Status.APPLIED,
        nib_status=Vendor.NibStatus.UNVERIFIED,
    )
    MembershipFactory(vendor=vendor, user=UserFactory(username="sari", password=PASSWORD))
    base = live_server.url
    phone = new_phone(browser, "id")
    log_in(phone, base, "sari")

    phone.goto(base + "/dasbor/")
    phone.get_by_role("link", name="Minta bantuan").click()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    phone.screenshot(path="/tmp/fac15-choose-id.png", full_page=True)
    phone.get_by_role("link", name="Sertifikat halal").click()
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone.locator(".form-errors, .errorlist").first).to_be_visible()  # no route chosen
    phone.get_by_label("Self-declare (gratis, untuk usaha mikro)").check()
    phone.get_by_label("Pendamping proses produk halal").fill("Ustaz Rahmat")
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone).to_have_url(base + "/dasbor/fasilitasi/")
    expect(phone.get_by_text("Bantuan diminta")).to_be_visible()

    request = FacilitationRequest.objects.get(vendor=vendor)
    officer = StaffFactory(username="petugas", first_name="Dewi", last_name="Lestari")
    request = services.screen(request, officer, "Foto dapur produksi")
    services.assign(request, officer, officer, APPOINTMENT, "klinik")

    phone.goto(base + "/dasbor/")
    section = phone.locator("[data-section=facilitation]")
    expect(section.get_by_text("Foto dapur produksi").first).to_be_visible()
    expect(section.get_by_text("Kamis 3 Desember 2026 09:30")).to_be_visible()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    phone.screenshot(path="/tmp/fac15-dashboard-id.png", full_page=True)

    phone.goto(base + "/en/dasbor/fasilitasi/")
    expect(phone.get_by_text("Screened; still missing: Foto dapur produksi")).to_be_visible()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    phone.screenshot(path="/tmp/fac15-list-en.png", full_page=True)


def test_staff_screen_assign_and_record_the_issued_nib_in_the_admin(live_server, browser):
    vendor = VendorFactory(
        name="Dodol Betawi Mpok Ani",
        slug="dodol-betawi-mpok-ani",
        status=Vendor.Status.ACTIVE,
        nib_status=Vendor.NibStatus.UNVERIFIED,
    )
    owner = UserFactory(username="ani", email="ani@example.com", password=PASSWORD)
    MembershipFactory(vendor=vendor, user=owner)
    request = services.request_facilitation(vendor, owner, FacilitationRequest.Kind.NIB)
    StaffFactory(username="petugas", first_name="Dewi", last_name="Lestari", password=PASSWORD)
    base = live_server.url
    assert browser.new_page().goto(base + "/umkm/dodol-betawi-mpok-ani/").status == 404

    for width in (1280, 360):
        desk = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        desk.set_default_timeout(10_000)
        desk.goto(base + "/admin/login/")
        desk.fill("#id_username", "petugas")
        desk.fill("#id_password", PASSWORD)
        desk.locator("form button[type=submit]").first.click()
        desk.goto(base + "/admin/facilitation/?kind=nib")
        expect(desk.locator("tr", has_text="Dodol Betawi Mpok Ani")).to_be_visible()
        desk.screenshot(path=f"/tmp/queue15-queue-{width}.png", full_page=True)
        if width == 360:
            desk.goto(base + f"/admin/facilitation/inspect/{request.pk}/")
            desk.screenshot(path="/tmp/queue15-action-360.png", full_page=True)
            break
        desk.goto(base + f"/admin/facilitation/inspect/{request.pk}/")
        desk.get_by_label("Dokumen yang kurang").fill("Fotokopi KTP")
        desk.get_by_role("button", name="Periksa dokumen").click()
        expect(desk.get_by_text("Tersimpan")).to_be_visible()
        desk.get_by_label("Tanggal janji temu").fill("2026-12-03")
        desk.get_by_label("Jam janji temu (WIB)").fill("09:30")
        desk.get_by_role("button", name="Tugaskan petugas dan janji temu").click()
        expect(desk.get_by_text("Petugas Dewi Lestari ditugaskan").first).to_be_visible()
        desk.get_by_label("Nomor referensi di sistem penerbit").fill("OSS-2026-881")
        desk.get_by_role("button", name="Catat pengajuan").click()
        desk.get_by_label("Nomor yang terbit").fill("8120000000123")
        desk.set_viewport_size({"width": width, "height": 2000})  # the admin scrolls inside
        desk.screenshot(path="/tmp/queue15-action-1280.png", full_page=True)
        desk.get_by_role("button", name="Catat nomor yang terbit").click()
        expect(desk.locator("[data-stage=issued]")).to_be_visible()

    phone = new_phone(browser, "id")
    phone.goto(base + "/umkm/dodol-betawi-mpok-ani/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Dodol Betawi Mpok Ani")
    expect(phone.get_by_text("NIB terverifikasi")).to_be_visible()
