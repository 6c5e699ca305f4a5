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
    phone.get_by_label("Self-declare (gratis, untuk usaha mikro)").check()
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone.locator(".form-errors, .errorlist").first).to_be_visible()
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
