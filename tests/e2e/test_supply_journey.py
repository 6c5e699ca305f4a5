"""The issue's journey, in a real browser: the hotel from the partnership journey counters a
quote on its phone → the vendor accepts → a monthly contract for three deliveries starts →
the vendor dispatches the first → the hotel confirms receipt → the invoice is issued with the
hotel's NPWP → the hotel pays by transfer and the vendor marks it received → the vendor's
statement and the regency's partnership figures show it. Buyer on a 360 px phone, vendor and
staff at a desk; the site in Indonesian."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from orders.contracts.models import Invoice, SupplyContract
from orders.models import LedgerEntry
from orders.partnerships import services as partnerships
from tests.factories import StaffFactory
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    quote_terms,
    request_data,
    seller,
)

pytestmark = pytest.mark.django_db(transaction=True)

NPWP = "0317482956093000"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def logged_in(browser, live_server, user, **context):
    context = browser.new_context(locale="id-ID", **context)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_counter_contract_dispatch_receipt_invoice_transfer_ledger_and_figures(
    live_server, browser
):
    vendor, vendor_user, _product = seller("Keripik Bu Sari", category_tree()[1])
    vendor.bank_name, vendor.bank_account_number = "Bank BJB", "0012000123456"
    vendor.bank_account_holder = "Sari Wulandari"
    vendor.save()
    request = partnerships.submit_request(request_data(vendor=vendor, quantity=600))
    partnerships.submit_quote(request, vendor, vendor_user, **quote_terms(unit_price=2500))
    staff = StaffFactory()
    today = timezone.localdate()

    # The hotel counters: Rp 2.300 a pack, first delivery in a week.
    buyer = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    phone = buyer.new_page()
    phone.set_default_timeout(10_000)
    phone.goto(f"{live_server.url}/kemitraan/{request.token}/")
    phone.get_by_text("Ajukan tawaran balik").click()
    phone.get_by_label("Harga satuan (Rp)").fill("2300")
    phone.get_by_label("Jumlah per pengiriman").fill("600")
    first = today + datetime.timedelta(days=7)
    phone.get_by_label("Pengiriman pertama").fill(first.isoformat())
    phone.get_by_label("Pesan (tidak wajib)").fill("Kami ambil rutin tiap bulan.")
    phone.get_by_role("button", name="Kirim tawaran balik ke Keripik Bu Sari").click()
    expect(phone.get_by_text("Tawaran balik Anda terkirim ke Keripik Bu Sari.")).to_be_visible()

    # The vendor accepts the counter-offer at its desk.
    desk = logged_in(browser, live_server, vendor_user, viewport={"width": 1280, "height": 900})
    desk.goto(f"{live_server.url}/dasbor/kemitraan/{request.number}/")
    desk.get_by_role("button", name="Terima tawaran balik").click()

    # The hotel sets up the monthly contract for three deliveries, with its NPWP.
    phone.goto(f"{live_server.url}/kemitraan/{request.token}/")
    expect(phone.get_by_text("Kontrak pasokan dengan pelaku usaha disiapkan")).to_be_visible()
    phone.get_by_role("link", name="Buat kontrak pasokan").click()
    phone.get_by_label("Nama badan usaha pembeli").fill("PT Cisadane Asri Hotel")
    phone.get_by_label("NPWP pembeli").fill("03.174.829.5-609.3000")
    phone.get_by_label("Jumlah pengiriman").fill("3")
    expect(phone.get_by_label("Pengiriman pertama")).to_have_value(first.isoformat())
    phone.get_by_role("button", name="Buat kontrak").click()
    contract = SupplyContract.objects.get()
    expect(phone).to_have_url(live_server.url + contract.get_absolute_url())
    expect(phone.locator("[data-delivery]")).to_have_count(3)
    assert (contract.frequency, contract.buyer_npwp) == ("monthly", NPWP)
    line = contract.lines.get()
    assert (line.quantity, line.unit_price) == (600, 2300)
    assert no_horizontal_scroll(phone)

    # The vendor dispatches the first delivery.
    desk.goto(f"{live_server.url}/dasbor/kontrak/{contract.number}/")
    first_delivery = desk.locator("[data-delivery='1']")
    first_delivery.get_by_label("Catatan pengiriman").fill("Mobil boks, sopir Asep, 4 koli")
    first_delivery.get_by_role("button", name="Tandai sudah dikirim").click()
    expect(desk.locator("[data-delivery='1']")).to_have_attribute("data-status", "dispatched")

    # The hotel confirms receipt of all 600 packs; the receipt and the invoice follow.
    phone.reload()
    arrived = phone.locator("[data-delivery='1']")
    arrived.get_by_label("Diterima oleh").fill("Rina, gudang")
    arrived.get_by_label(line.description).fill("600")
    arrived.get_by_role("button", name="Konfirmasi penerimaan").click()
    expect(phone.get_by_text("Penerimaan dikonfirmasi")).to_be_visible()
    invoice = Invoice.objects.get()
    assert (invoice.subtotal, invoice.total, invoice.buyer_npwp) == (1_380_000, 1_380_000, NPWP)
    assert invoice.due_on == invoice.issued_on + datetime.timedelta(days=30)
    phone.locator("#invoices").get_by_role("link", name=invoice.number).click()
    expect(phone.get_by_text(NPWP).first).to_be_visible()
    expect(phone.get_by_text("0012000123456").first).to_be_visible()
    expect(phone.get_by_text("Rp\u00a01.380.000").first).to_be_visible()
    assert no_horizontal_scroll(phone)
    phone.screenshot(path="/tmp/journey18-invoice-360.png", full_page=True)

    # Paid by transfer; the vendor marks it received.
    desk.goto(f"{live_server.url}/dasbor/tagihan/{invoice.pk}/")
    desk.get_by_label("Referensi transfer").fill("BJB 0045 Cisadane")
    desk.get_by_label("Tanggal diterima").fill(today.isoformat())
    desk.get_by_role("button", name="Tandai lunas via transfer").click()
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_via) == ("paid", "transfer")
    kinds = dict(LedgerEntry.objects.filter(invoice=invoice).values_list("kind", "amount"))
    assert kinds == {"invoice": 1_380_000, "invoice_direct": -1_380_000}

    # The vendor's statement shows the invoice apart from retail sales.
    desk.goto(f"{live_server.url}/dasbor/keuangan/")
    section = desk.get_by_role("region", name="Tagihan kemitraan")
    expect(section).to_contain_text(invoice.number)
    expect(section).to_contain_text("1.380.000")
    desk.context.close()

    # The regency's figures count the contract, the value delivered and invoiced.
    admin = logged_in(browser, live_server, staff, viewport={"width": 1280, "height": 900})
    admin.goto(f"{live_server.url}/admin/partnership-figures/?year={today.year}")
    expect(admin.locator("main")).to_contain_text("1.380.000")
    admin.screenshot(path="/tmp/journey18-figures-1280.png", full_page=True)
    buyer.close()
    admin.context.close()
