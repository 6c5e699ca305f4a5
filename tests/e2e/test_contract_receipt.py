"""A hotel with an accepted quote sets up a monthly supply contract on a phone → the vendor
dispatches the first delivery → the hotel confirms receipt with a shortfall → the receipt
(BAST) prints. The site in Indonesian; the pages pass axe at 360 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orders.contracts import deliveries
from orders.contracts.models import ContractDelivery, SupplyContract
from tests.e2e.conftest import accessibility_violations
from tests.orders.contracts.helpers_contracts import accepted_request

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(browser):
    """A 360 px phone; axe's script is injected, so the site's CSP is bypassed."""
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", bypass_csp=True
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_hotel_sets_up_a_contract_and_confirms_a_delivery(live_server, page, axe_script):
    partnership, _quote, vendor, user, _product = accepted_request()
    page.goto(f"{live_server.url}/kemitraan/{partnership.token}/")
    page.get_by_role("link", name="Buat kontrak pasokan").click()
    page.get_by_label("Nama badan usaha pembeli").fill("PT Cisadane Asri Hotel")
    page.get_by_label("NPWP pembeli").fill("12")
    start = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Pengiriman pertama").fill(start.isoformat())
    page.get_by_label("Jumlah pengiriman").fill("3")
    page.get_by_role("button", name="Buat kontrak").click()
    expect(page.get_by_text("16 digit (atau 15 untuk format lama)").first).to_be_visible()
    expect(page.get_by_label("Nama badan usaha pembeli")).to_have_value("PT Cisadane Asri Hotel")
    page.get_by_label("NPWP pembeli").fill("01.234.567.8-901.234")
    page.get_by_role("button", name="Buat kontrak").click()
    contract = SupplyContract.objects.get()
    expect(page).to_have_url(live_server.url + contract.get_absolute_url())
    expect(page.locator("[data-delivery]")).to_have_count(3)
    page.screenshot(path="/tmp/con-contract-360.png", full_page=True)
    assert accessibility_violations(page, axe_script) == []

    deliveries.dispatch(contract.deliveries.get(sequence=1), vendor, "Sopir Asep", user)
    page.reload()
    page.get_by_label("Diterima oleh").fill("Rina, gudang")
    page.get_by_label(contract.lines.get().description).fill("580")
    page.get_by_role("button", name="Konfirmasi penerimaan").click()
    expect(page.get_by_text("Ada yang kurang").first).to_be_visible()
    page.get_by_label("Catatan kekurangan").fill("20 bungkus sobek")
    page.get_by_role("button", name="Konfirmasi penerimaan").click()
    expect(page.get_by_text("Penerimaan dikonfirmasi")).to_be_visible()
    delivery = ContractDelivery.objects.get(contract=contract, sequence=1)
    assert delivery.bast_number == f"BAST/{contract.number}/1"
    page.get_by_role("link", name=f"Berita acara serah terima {delivery.bast_number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berita acara serah terima (BAST)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/con-bast-360.png", full_page=True)
    assert accessibility_violations(page, axe_script) == []
