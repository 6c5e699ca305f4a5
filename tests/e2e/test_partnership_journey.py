"""A hotel asks for 200 packs of keripik a month → staff match two vendors → both quote → the
hotel accepts one → the other is told. Buyer on a phone, staff in the Wagtail admin, vendors
in their dashboard; the site in Indonesian."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from orders.partnerships.models import PartnershipRequest, Quote
from tests.factories import (
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Keripik-Renyah-2026"
HOTEL = "Hotel Cisadane Asri"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def keripik_vendor(name, slug, username, category):
    vendor = VendorFactory(name=name, slug=slug)
    user = UserFactory(username=username, email=f"{username}@example.com", password=PASSWORD)
    MembershipFactory(vendor=vendor, user=user)
    ProductFactory(vendor=vendor, category=category, name=f"Keripik {name}", slug=f"{slug}-1")
    return vendor, user


def log_in_and_quote(browser, live_server, username, number, *, price, minimum, days, terms):
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/masuk/")
    page.get_by_label("E-mail atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/dasbor/")
    page.goto(live_server.url + "/dasbor/kemitraan/")
    row = page.locator(".b2b-row", has_text=number)
    expect(row).to_contain_text("200 pak")
    row.get_by_role("link", name=HOTEL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Permintaan {number}")
    page.get_by_label("Harga satuan (Rp)").fill(str(price))
    page.get_by_label("Pesanan minimum").fill(str(minimum))
    page.get_by_label("Waktu persiapan (hari)").fill(str(days))
    page.get_by_label("Ketentuan pengiriman").fill(terms)
    valid_until = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("Berlaku sampai").fill(valid_until.isoformat())
    page.get_by_role("button", name="Kirim penawaran", exact=True).click()
    # In sight at the top of the page, not only somewhere in it.
    expect(page.get_by_text("Penawaran Anda terkirim.")).to_be_in_viewport()
    page.context.close()


def test_hotel_request_matched_quoted_accepted_and_the_other_vendor_told(
    live_server, browser, phone
):
    food = CategoryFactory(name="Makanan & Minuman", slug="makanan-minuman")
    keripik = CategoryFactory(name="Keripik & Camilan", slug="keripik-camilan", parent=food)
    sari, _sari_user = keripik_vendor("Keripik Bu Sari", "keripik-bu-sari", "sari", keripik)
    budi, budi_user = keripik_vendor("Camilan Pak Budi", "camilan-pak-budi", "budi", keripik)
    StaffFactory(username="petugas", password="Petugas-Diskum-2026")

    # The hotel's buyer asks the platform for keripik, on a phone.
    phone.set_default_timeout(10_000)
    phone.goto(live_server.url + "/kemitraan/")
    expect(phone.locator("[data-addressee=platform]")).to_be_visible()
    assert no_horizontal_scroll(phone)
    phone.get_by_label("Organisasi").fill(HOTEL)
    phone.get_by_role("radio", name="Hotel", exact=True).check()
    phone.get_by_label("Narahubung").fill("Rudi Hartono")
    phone.get_by_label("E-mail", exact=True).fill("pengadaan@hotel.example")
    phone.get_by_label("WhatsApp").fill("0812 9876 5432")
    phone.get_by_label("Kategori").select_option(label="Keripik & Camilan")
    phone.get_by_label("Apa yang Anda butuhkan?").fill(
        "Keripik kemasan kecil untuk minibar kamar, tanpa MSG."
    )
    phone.get_by_label("Jumlah").fill("200")
    phone.get_by_label("Satuan").fill("pak")
    phone.get_by_role("radio", name="Bulanan").check()
    phone.get_by_label("Tempat pengiriman").fill("Jl. Raya Legok No. 12, Kecamatan Legok")
    wanted_by = timezone.localdate() + datetime.timedelta(days=30)
    phone.get_by_label("Dibutuhkan paling lambat").fill(wanted_by.isoformat())
    phone.get_by_role("button", name="Kirim permintaan").click()

    expect(phone.get_by_text("Terima kasih! Permintaan")).to_be_visible()
    request = PartnershipRequest.objects.get()
    private_url = live_server.url + f"/kemitraan/{request.token}/"
    expect(phone).to_have_url(private_url)
    assert (request.organisation, request.buyer_type, request.category) == (
        HOTEL,
        "hotel",
        keripik,
    )
    assert (request.quantity, request.unit, request.frequency) == (200, "pak", "monthly")
    assert request.vendor is None and request.wanted_by == wanted_by
    assert no_horizontal_scroll(phone)

    # Staff match both keripik vendors from the suggestions in the admin.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.set_default_timeout(10_000)
    desk.goto(live_server.url + "/admin/login/")
    desk.fill("#id_username", "petugas")
    desk.fill("#id_password", "Petugas-Diskum-2026")
    desk.locator("form button[type=submit]").first.click()
    expect(desk).to_have_url(live_server.url + "/admin/")
    desk.goto(live_server.url + "/admin/kemitraan/")
    row = desk.locator("#partnership-requests tr", has_text=HOTEL)
    expect(row).to_contain_text("Baru")
    row.get_by_role("link", name=request.number).click()
    suggestions = desk.locator("#vendor-suggestions")
    expect(suggestions).to_contain_text("Keripik Bu Sari")
    expect(suggestions).to_contain_text("Camilan Pak Budi")
    desk.get_by_label("Keripik Bu Sari").check()
    desk.get_by_label("Camilan Pak Budi").check()
    desk.get_by_role("button", name="Pasangkan penjual yang dicentang").click()
    expect(desk.locator("dd[data-status]")).to_have_text("Dipasangkan dengan penjual")
    request.refresh_from_db()
    assert request.status == PartnershipRequest.Status.MATCHED
    assert set(request.matches.values_list("vendor_id", flat=True)) == {sari.pk, budi.pk}
    desk.context.close()

    # Both vendors quote in their dashboards.
    log_in_and_quote(
        browser,
        live_server,
        "sari",
        request.number,
        price=2500,
        minimum=100,
        days=5,
        terms="Diantar ke hotel setiap Senin, gratis ongkir se-Legok.",
    )
    log_in_and_quote(
        browser,
        live_server,
        "budi",
        request.number,
        price=2800,
        minimum=200,
        days=7,
        terms="Diantar dua minggu sekali.",
    )
    quote_a = Quote.objects.get(vendor=sari)
    quote_b = Quote.objects.get(vendor=budi)

    # The buyer compares both quotes on the private page and accepts Bu Sari's.
    phone.goto(private_url)
    cards = phone.locator(".quote-card")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Keripik Bu Sari")  # cheapest unit price first
    expect(cards.nth(0)).to_contain_text("Rp\u00a02.500")
    expect(cards.nth(0)).to_contain_text("Rp\u00a0500.000")  # 200 × 2.500
    expect(cards.nth(1)).to_contain_text("Camilan Pak Budi")
    expect(cards.nth(1)).to_contain_text("Rp\u00a02.800")
    expect(phone.get_by_role("button", name="Terima penawaran ini")).to_have_count(2)
    assert no_horizontal_scroll(phone)
    mail.outbox.clear()
    phone.locator(f"[data-quote='{quote_a.pk}']").get_by_role(
        "button", name="Terima penawaran ini"
    ).click()
    expect(phone.get_by_text("Anda menerima penawaran dari Keripik Bu Sari")).to_be_visible()
    expect(phone.get_by_role("button", name="Terima penawaran ini")).to_have_count(0)
    expect(phone.locator(f"[data-quote='{quote_b.pk}']")).to_contain_text("Tidak dipilih")
    assert no_horizontal_scroll(phone)

    quote_a.refresh_from_db()
    quote_b.refresh_from_db()
    request.refresh_from_db()
    assert quote_a.status == Quote.Status.ACCEPTED
    assert quote_b.status == Quote.Status.NOT_CHOSEN
    assert request.status == PartnershipRequest.Status.ACCEPTED

    # Pak Budi is told that another offer was chosen.
    told = [m for m in mail.outbox if budi_user.email in m.to]
    assert len(told) == 1
    assert told[0].subject == f"Permintaan {request.number}: penawaran lain yang dipilih"
    assert f"Kali ini {HOTEL} memilih penawaran lain." in told[0].body
