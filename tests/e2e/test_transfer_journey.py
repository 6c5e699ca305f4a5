"""A delivery paid by bank transfer on a 360 px phone, with no Stripe keys (as `make run`):
card payment is greyed out with its reason before anything is typed, choosing delivery greys
out paying at the outlet, the order is placed by transfer and its page shows the account, the
exact amount and the deadline; the buyer uploads the receipt there."""

import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from orders.models import Order
from tests.factories import ProductFactory, VendorFactory
from tests.orders.helpers import outlets

pytestmark = pytest.mark.django_db(transaction=True)

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def receipt_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 90), (240, 240, 240)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_delivery_is_paid_by_bank_transfer_without_stripe(live_server, phone, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.TRANSFER_BANK_NAME = "Bank BJB"
    settings.TRANSFER_ACCOUNT_NUMBER = "0012345678901"
    settings.TRANSFER_ACCOUNT_HOLDER = "Diskum Kab. Tangerang"
    outlets()
    product = ProductFactory(
        vendor=VendorFactory(name="Keripik Bu Sari"), name="Keripik Tempe", price=18000, stock=10
    )
    errors = []
    phone.on("console", lambda m: m.type == "error" and errors.append(m.text))

    phone.goto(live_server.url + product.get_absolute_url())
    phone.get_by_role("button", name="Tambah ke keranjang").click()
    expect(phone.get_by_text("Lihat keranjang").first).to_be_visible()
    phone.goto(live_server.url + "/checkout/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Checkout")

    # Before anything is typed: card is greyed out, and says why.
    card = phone.locator('input[name="payment_method"][value="card"]')
    expect(card).to_be_disabled()
    card_item = phone.locator("[data-payment-option]").filter(has=card)
    expect(card_item).to_contain_text("layanan pembayaran kartu belum disiapkan")
    # The script replaces the "show the ways to pay" button.
    expect(phone.locator("[data-choose-fulfilment]")).to_have_count(0)

    # Choosing delivery greys out paying at the outlet at once, with the reason.
    phone.get_by_label("Dikirim ke alamat").check()
    outlet = phone.locator('input[name="payment_method"][value="at_outlet"]')
    expect(outlet).to_be_disabled()
    outlet_item = phone.locator("[data-payment-option]").filter(has=outlet)
    expect(outlet_item).to_contain_text("Tidak untuk pengiriman: tidak ada kasir gerai")
    transfer = phone.locator('input[name="payment_method"][value="transfer"]')
    expect(transfer).to_be_enabled()
    expect(transfer).to_be_checked()

    phone.get_by_label("Nama Anda").fill("Rina Kartika")
    phone.get_by_label("E-mail", exact=True).fill("rina@example.com")
    phone.get_by_label(re.compile("nomor WhatsApp", re.I)).fill("0812 3456 7890")
    phone.get_by_label("Alamat pengiriman").fill("Jl. Melati 1, Legok, Kabupaten Tangerang")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="/tmp/transfer-e2e-checkout.png", full_page=True)
    phone.get_by_role("button", name="Buat pesanan").click()

    # The order page: the account, the exact amount and the deadline.
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Pesanan")
    order = Order.objects.get()
    assert order.payment_method == Order.Payment.TRANSFER
    assert order.total == 18000 + 15000
    account = phone.locator("[data-transfer-account]")
    expect(account).to_contain_text("Bank BJB")
    expect(account).to_contain_text("0012345678901")
    expect(account).to_contain_text("Diskum Kab. Tangerang")
    expect(phone.locator("[data-transfer-amount]")).to_have_text(re.compile(r"Rp\s33\.000"))
    deadline = timezone.localtime(order.reserved_until)
    month = MONTHS.split()[deadline.month - 1]
    expect(phone.locator("[data-transfer-deadline]")).to_contain_text(
        f"{deadline.day} {month} {deadline.year}, {deadline:%H.%M} WIB"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # The buyer sends the receipt from the same page.
    phone.locator("input[type=file][name=receipt]").set_input_files(
        {"name": "bukti.png", "mimeType": "image/png", "buffer": receipt_png()}
    )
    phone.get_by_role("button", name="Kirim bukti").click()
    expect(phone.locator("[data-receipt]")).to_contain_text("sedang kami periksa")
    order.refresh_from_db()
    assert order.receipt_status == Order.Receipt.UPLOADED
    phone.screenshot(path="/tmp/transfer-e2e-order.png", full_page=True)
    assert errors == []
