"""A purchasing officer who lost the e-mails: from the request form to "find your requests",
types the e-mail, opens the link from the new e-mail and sees the hotel's request and
contract, on a phone (Indonesian) and a desktop (English), no sideways scrolling, no serious
accessibility problems."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import accessibility_violations
from tests.orders.contracts.helpers_fig import contract

pytestmark = pytest.mark.django_db(transaction=True)

HOTEL = "pengadaan@hotel.example"


def test_the_buyer_finds_everything_through_the_emailed_link(browser, live_server, axe_script):
    made = contract(email=HOTEL)
    # bypass_csp: axe-core is injected as a script the site's policy would refuse.
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", bypass_csp=True
    )
    phone = context.new_page()
    phone.goto(live_server.url + "/kemitraan/")
    phone.get_by_role("link", name="Sudah mengirim permintaan?").click()
    phone.get_by_label("E-mail Anda").fill(HOTEL)
    phone.get_by_role("button", name="Kirimi saya tautannya").click()
    expect(phone.locator("[data-link-sent]")).to_be_visible()
    phone.screenshot(path="/tmp/fig-ask-360.png", full_page=True)
    assert accessibility_violations(phone, axe_script) == []
    link = re.search(r"https?://\S+?(/\S*kemitraan/pembeli/\S+/)", mail.outbox[0].body).group(1)
    phone.goto(live_server.url + link)
    expect(phone.locator(f'[data-number="{made.number}"]')).to_be_visible()
    expect(phone.locator(f'[data-number="{made.request.number}"]')).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="/tmp/fig-home-360.png", full_page=True)
    assert accessibility_violations(phone, axe_script) == []

    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.goto(live_server.url + link.replace("/kemitraan/", "/en/kemitraan/", 1))
    expect(desktop.get_by_role("heading", name="Your requests and contracts")).to_be_visible()
    desktop.screenshot(path="/tmp/fig-home-1280.png", full_page=True)
    desktop.goto(live_server.url + "/en/kemitraan/pembeli/changed:xx:yy/")
    expect(desktop.get_by_role("heading", name="This link does not work")).to_be_visible()
    desktop.screenshot(path="/tmp/fig-bad-1280.png", full_page=True)
    desktop.close()
    context.close()
