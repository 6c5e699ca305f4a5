"""The journey issue 15 names, all on a 360 px phone: a business without an NIB registers at
/daftar-umkm/ and asks for NIB and halal help → staff screen it, assign an officer with an
appointment, record the submission and the issued NIB in the admin → the business is public
with its NIB badge → the regency's figures count it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_phone_layout import LAYOUT_PROBLEMS, PASSWORD, new_phone
from tests.factories import StaffFactory
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)


def register_without_nib(phone, base):
    phone.goto(base + "/daftar-umkm/")
    phone.get_by_label("Nama lengkap Anda").fill("Rohaya")
    phone.get_by_label("E-mail Anda").fill("rohaya@example.com")
    phone.get_by_label("Kata sandi", exact=True).fill("Rengginang-Kronjo-2026")
    phone.get_by_label("Ulangi kata sandi").fill("Rengginang-Kronjo-2026")
    phone.get_by_label("Nama usaha").fill("Rengginang Bu Rohaya")
    phone.get_by_label("Kecamatan").select_option(label="Kronjo")
    desa = phone.get_by_label("Desa / kelurahan")
    # Only Kronjo's desa are offered once Kronjo is chosen.
    expect(desa.locator("option", has_text="Babat")).to_have_count(0)
    desa.select_option("Pasilian")
    phone.get_by_label("Alamat").fill("Kampung Pasilian RT 02/03")
    phone.get_by_label("nomor WhatsApp").fill("0813 1111 2222")
    phone.get_by_label("Bidang usaha").select_option("kuliner")
    phone.get_by_label("Yang Anda buat atau jual").fill("Rengginang ketan")
    phone.get_by_label("Jumlah tenaga kerja").fill("2")
    phone.get_by_label("Ya", exact=True).check()
    phone.get_by_label("Belum: bantu saya mengurusnya (gratis)").check()
    expect(phone.get_by_label("NIB", exact=True)).to_be_hidden()  # not asked without one
    phone.get_by_label("Sertifikat halal", exact=True).check()
    phone.get_by_label("Self-declare (gratis, untuk usaha mikro)").check()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    phone.screenshot(path="/tmp/register15-form-id.png", full_page=True)
    phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(phone).to_have_url(base + "/dasbor/")
    expect(phone.get_by_text("Usaha Anda sudah terdaftar").first).to_be_visible()
    expect(phone.locator(".status-none").first).to_have_text("Belum punya NIB")
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    phone.screenshot(path="/tmp/register15-dashboard-id.png", full_page=True)


def staff_phone(browser, base):
    desk = browser.new_context(viewport={"width": 360, "height": 900}).new_page()
    desk.set_default_timeout(10_000)
    desk.goto(base + "/admin/login/")
    desk.fill("#id_username", "petugas")
    desk.fill("#id_password", PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    return desk


def work_the_nib_request(desk, base, request):
    desk.goto(base + "/admin/facilitation/?kind=nib")
    expect(desk.locator("tr", has_text="Rengginang Bu Rohaya")).to_be_visible()
    desk.goto(base + f"/admin/facilitation/inspect/{request.pk}/")
    desk.get_by_label("Dokumen yang kurang").fill("")
    desk.get_by_role("button", name="Periksa dokumen").click()
    expect(desk.get_by_text("Tersimpan")).to_be_visible()
    desk.get_by_label("Tanggal janji temu").fill("2026-12-03")
    desk.get_by_label("Jam janji temu (WIB)").fill("09:30")
    desk.get_by_role("button", name="Tugaskan petugas dan janji temu").click()
    expect(desk.get_by_text("Petugas Dewi Lestari ditugaskan").first).to_be_visible()
    desk.get_by_label("Nomor referensi di sistem penerbit").fill("OSS-2026-118204")
    desk.get_by_role("button", name="Catat pengajuan").click()
    desk.get_by_label("Nomor yang terbit").fill("9120026118204")
    desk.get_by_role("button", name="Catat nomor yang terbit").click()
    expect(desk.locator("[data-stage=issued]")).to_be_visible()


def test_a_business_without_an_nib_registers_gets_one_and_is_counted(live_server, browser):
    StaffFactory(username="petugas", first_name="Dewi", last_name="Lestari", password=PASSWORD)
    base = live_server.url
    phone = new_phone(browser, "id")
    register_without_nib(phone, base)

    vendor = Vendor.objects.get(name="Rengginang Bu Rohaya")
    assert (vendor.nib, vendor.nib_status) == (None, "none")
    kinds = set(vendor.facilitation_requests.values_list("kind", flat=True))
    assert kinds == {"nib", "halal"}
    assert phone.goto(base + f"/umkm/{vendor.slug}/").status == 404

    desk = staff_phone(browser, base)
    nib_request = vendor.facilitation_requests.get(kind=FacilitationRequest.Kind.NIB)
    work_the_nib_request(desk, base, nib_request)

    # Public, with its NIB badge, in the directory.
    phone.goto(base + f"/umkm/{vendor.slug}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Rengginang Bu Rohaya")
    expect(phone.get_by_text("NIB terverifikasi")).to_be_visible()
    assert phone.evaluate(LAYOUT_PROBLEMS) == []
    phone.goto(base + "/umkm/")
    expect(phone.get_by_text("Rengginang Bu Rohaya")).to_be_visible()
    # The owner reads on the dashboard that the NIB request is issued.
    phone.goto(base + "/dasbor/fasilitasi/")
    expect(phone.get_by_text("9120026118204").first).to_be_visible()

    # The regency's figures count it: registered and with a verified NIB, in Kronjo.
    desk.goto(base + "/admin/regency-figures/")
    row = desk.locator("[data-figures-table=kecamatan] tr", has_text="Kronjo")
    expect(row.locator("[data-cell=registered]")).to_have_text("1")
    expect(row.locator("[data-cell=nib]")).to_have_text("1")
    women = desk.locator("[data-figures-table=women-led] tr", has_text="Dipimpin perempuan").first
    expect(women).to_contain_text("100,0%")
    desk.screenshot(path="/tmp/register15-figures-360.png", full_page=True)
