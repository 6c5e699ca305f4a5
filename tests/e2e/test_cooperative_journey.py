"""The journey issue 16 names: staff record a cooperative's legal entity and classification
in the admin → the cooperative's board records its RAT with the report on a 360 px phone →
staff verify it → the public page shows "RAT 2025 terlaksana" → a micro-business asks to join
and the cooperative accepts → its product is listed under the cooperative and in the
catalog's "dari anggota koperasi" filter → the regency's figures count all of it.

Browser tests keep the real clock: the last book year is the year before today's in
Jakarta, whenever this runs."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_phone_layout import LAYOUT_PROBLEMS, PASSWORD, log_in, new_phone
from tests.factories import (
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)
from vendors.cooperatives import services
from vendors.cooperatives.models import AnnualMeeting, BusinessMembership
from vendors.models import Kecamatan, Vendor

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def staff_desk(browser, base):
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.set_default_timeout(10_000)
    desk.goto(base + "/admin/login/")
    desk.fill("#id_username", "petugas")
    desk.fill("#id_password", PASSWORD)
    desk.locator("form button[type=submit]").first.click()
    return desk


def test_a_cooperative_is_recorded_holds_its_rat_takes_a_member_and_is_counted(
    live_server, browser
):
    base = live_server.url
    book_year = timezone.localdate().year - 1
    kecamatan = Kecamatan.objects.get(name="Kelapa Dua")
    vendor = VendorFactory(
        name="Koperasi Produsen Kelapa Dua",
        slug="koperasi-produsen-kelapa-dua",
        kind=Vendor.Kind.COOPERATIVE,
        member_count=40,
        kecamatan=kecamatan,
    )
    MembershipFactory(vendor=vendor, user=UserFactory(username="ketua", password=PASSWORD))
    cooperative = services.cooperative_for(vendor)
    business = VendorFactory(name="Keripik Tempe Bu Sari", slug="keripik-tempe-bu-sari")
    MembershipFactory(vendor=business, user=UserFactory(username="sari", password=PASSWORD))
    ProductFactory(
        vendor=business,
        name="Keripik Tempe Original",
        category=CategoryFactory(name="Keripik", slug="keripik"),
    )
    StaffFactory(username="petugas", first_name="Dewi", password=PASSWORD)

    # Staff record the legal entity (typed as it is on paper) and the classification.
    desk = staff_desk(browser, base)
    desk.goto(base + "/admin/cooperatives/")
    desk.locator(f"a[href='/admin/cooperatives/{cooperative.pk}/']").first.click()
    legal = desk.locator("form[data-part=legal_entity]")
    legal.locator("input[name=legal_entity-ahu_number]").fill("ahu-0004512 .ah.01.26. tahun 2019")
    legal.locator("input[name=legal_entity-ahu_date]").fill("2019-03-12")
    legal.locator("button[type=submit]").click()
    expect(desk.locator("[data-ahu]")).to_contain_text("AHU-0004512.AH.01.26.TAHUN 2019")
    classification = desk.locator("form[data-part=classification]")
    classification.locator("select[name=classification-classification]").select_option("produsen")
    classification.locator("button[type=submit]").click()
    expect(desk.locator("[data-classification=produsen]")).to_be_visible()

    # The board records the RAT of the last book year, with its report, on a phone.
    board = new_phone(browser, "id")
    log_in(board, base, "ketua")
    board.goto(base + "/dasbor/")
    board.locator("a[href='/dasbor/koperasi/rat/baru/']").click()
    board.locator("input[name=book_year]").fill(str(book_year))
    board.locator("input[name=held_on]").fill(f"{book_year + 1}-03-20")
    board.locator("input[name=members_present]").fill("31")
    board.locator("input[name=report]").set_input_files(
        {"name": "laporan-rat.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    board.locator("textarea[name=summary]").fill("Laporan pengurus diterima; SHU dibagikan.")
    board.locator("main form button[type=submit]").click()
    expect(board).to_have_url(base + "/dasbor/")
    assert board.evaluate(LAYOUT_PROBLEMS) == []
    board.screenshot(path="/tmp/coop16-dashboard-id.png", full_page=True)
    meeting = AnnualMeeting.objects.get(cooperative=cooperative, book_year=book_year)
    assert meeting.status == "pending"

    # Staff verify it from the RAT queue; the public page shows the badge.
    desk.goto(base + "/admin/cooperatives/rat/")
    desk.locator(f"a[href='/admin/cooperatives/rat/{meeting.pk}/']").first.click()
    desk.locator("button[name=decision][value=verify]").click()
    expect(desk.get_by_text("Koperasi Produsen Kelapa Dua").first).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == "verified"
    visitor = new_phone(browser, "id")
    visitor.goto(base + "/umkm/koperasi-produsen-kelapa-dua/")
    expect(visitor.get_by_text(f"RAT {book_year} terlaksana")).to_be_visible()

    # A micro-business asks to join; the cooperative accepts.
    owner = new_phone(browser, "id")
    log_in(owner, base, "sari")
    owner.goto(base + "/dasbor/koperasi/?cari=Kelapa")
    owner.locator(f"form[action='/dasbor/koperasi/gabung/{cooperative.pk}/'] button").click()
    expect(owner.get_by_text("Koperasi Produsen Kelapa Dua").first).to_be_visible()
    assert owner.evaluate(LAYOUT_PROBLEMS) == []
    board.goto(base + "/dasbor/koperasi/anggota/")
    board.locator("form[action$='/terima/'] button").first.click()
    membership = BusinessMembership.objects.get(cooperative=cooperative, business=business)
    assert membership.status == "active"
    assert membership.consented_at is not None

    # Its product is listed under the cooperative, and by the catalog's cooperative filter.
    visitor.goto(base + "/umkm/koperasi-produsen-kelapa-dua/")
    members = visitor.locator("[data-member-businesses]")
    expect(members.get_by_text("Keripik Tempe Bu Sari").first).to_be_visible()
    expect(members.get_by_text("Keripik Tempe Original").first).to_be_visible()
    assert visitor.evaluate(LAYOUT_PROBLEMS) == []
    visitor.screenshot(path="/tmp/coop16-profile-id.png", full_page=True)
    visitor.goto(base + "/katalog/?koperasi=koperasi-produsen-kelapa-dua")
    expect(visitor.get_by_text("Keripik Tempe Original").first).to_be_visible()

    # The regency's figures count it: one producer cooperative, its RAT verified.
    desk.goto(base + f"/admin/regency-figures/?year={book_year + 1}")
    by_class = desk.locator(
        "[data-figures-table=cooperatives-classification] tr", has_text="Produsen"
    )
    expect(by_class.locator("td").first).to_have_text("1")
    rat = desk.locator("[data-figures-table=cooperatives-rat] tr", has_text=str(book_year)).first
    expect(rat.locator("[data-cell=verified]")).to_have_text("1")
