import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_in_indonesian_switches_to_english_on_a_phone(live_server, phone):
    phone.goto(live_server.url + "/")
    expect(phone.locator("html")).to_have_attribute("lang", "id")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Produk terbaik")
    expect(phone.get_by_role("heading", name="Produk pilihan")).to_be_visible()

    # Nothing overflows a 360 px screen sideways.
    overflow = phone.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360

    phone.get_by_role("link", name="EN English").click()
    expect(phone).to_have_url(live_server.url + "/en/")
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", name="Featured products")).to_be_visible()

    phone.get_by_role("link", name="ID Bahasa Indonesia").click()
    expect(phone).to_have_url(live_server.url + "/")
