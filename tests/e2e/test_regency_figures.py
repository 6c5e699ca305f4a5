"""Staff read the regency's figures in the admin at 1280 px and on a 360 px phone, in
Indonesian and English: the page itself never scrolls sideways; a wide table scrolls inside
its own box."""

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from tests.e2e.test_phone_layout import PASSWORD
from tests.factories import StaffFactory
from tests.vendors.regency_figures import seed

pytestmark = pytest.mark.django_db(transaction=True)

TITLES = {"id": "Angka kabupaten", "en": "Regency figures"}


def test_the_figures_page_fits_a_phone_and_a_desktop_in_both_languages(live_server, browser):
    seed.seed()
    staff = StaffFactory(username="kepala", password=PASSWORD)
    for language, title in TITLES.items():
        profile = UserProfile.get_for_user(staff)
        profile.preferred_language = language
        profile.save()
        for width in (1280, 360):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(live_server.url + "/admin/login/")
            page.fill("#id_username", "kepala")
            page.fill("#id_password", PASSWORD)
            page.locator("form button[type=submit]").first.click()
            page.goto(live_server.url + "/admin/regency-figures/?year=2026")
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
            expect(page.locator("#figures-chart-kecamatan svg")).to_be_visible()
            page_width = page.evaluate("document.documentElement.scrollWidth")
            assert page_width <= width, f"{language} {width}px: the page is {page_width}px wide"
            box = page.locator("[data-figures-table=requests] .regency-figures__scroll")
            if width == 360:  # twelve months do not fit a phone: the table's box scrolls
                assert box.evaluate("el => el.scrollWidth > el.clientWidth")
            # The admin scrolls its main column, not the window: a window as tall as the
            # content shows all of it.
            height = page.evaluate("document.querySelector('main').scrollHeight")
            page.set_viewport_size({"width": width, "height": height + 100})
            page.screenshot(path=f"/tmp/figures-{language}-{width}.png", full_page=True)
            context.close()
