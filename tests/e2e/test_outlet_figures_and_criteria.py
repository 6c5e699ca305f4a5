"""The curation criteria page on a 360 px phone in Indonesian and English (the page never
scrolls sideways, no serious accessibility fault), and the outlets' figures on the regency
figures page at 1280 px, with their weekly chart."""

import importlib

import pytest
import time_machine
from django.apps import apps
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from tests.e2e.conftest import accessibility_violations
from tests.e2e.test_phone_layout import PASSWORD
from tests.factories import StaffFactory
from tests.orders.outlets import test_figures_page as outlet_figures

pytestmark = pytest.mark.django_db(transaction=True)

HEADINGS = {
    "id": ("", "Cara produk dipilih untuk rak gerai", "Kualitas"),
    "en": ("/en", "How products are chosen for the outlets' shelves", "Quality"),
}


@pytest.fixture
def criteria():
    """The data migration's six criteria (transactional tests empty the tables)."""
    module = importlib.import_module("catalog.migrations.0012_seed_curation_criteria")
    module.seed(apps, None)


def test_the_criteria_page_fits_a_phone_in_both_languages(
    live_server, browser, axe_script, criteria
):
    # axe is injected as a script: the page's CSP is bypassed for it.
    context = browser.new_context(viewport={"width": 360, "height": 780}, bypass_csp=True)
    context.set_default_timeout(10_000)
    phone = context.new_page()
    for language, (prefix, heading, first) in HEADINGS.items():
        phone.goto(live_server.url + prefix + "/kurasi/")
        expect(phone.get_by_role("heading", name=heading, level=1)).to_be_visible()
        expect(phone.locator("[data-criterion] h2").first).to_have_text(first)
        assert phone.locator("[data-criterion]").count() == 6
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{language}: the page is {width}px wide"
        assert accessibility_violations(phone, axe_script) == []
        phone.screenshot(path=f"/tmp/f17-criteria-{language}-360.png", full_page=True)
    context.close()


def test_the_outlet_figures_show_at_1280_px(live_server, browser):
    with time_machine.travel(outlet_figures.NOW, tick=True):
        outlet_figures.seed()
        staff = StaffFactory(username="kepala", password=PASSWORD)
        profile = UserProfile.get_for_user(staff)
        profile.preferred_language = "en"
        profile.save()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "kepala")
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.goto(live_server.url + "/admin/regency-figures/?year=2026")
        section = page.locator("[data-figures-table=outlets-weeks]")
        expect(section.get_by_role("heading", name="Outlet sales per week")).to_be_visible()
        expect(page.locator("#figures-chart-outlets-weeks svg")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        section.scroll_into_view_if_needed()
        page.screenshot(path="/tmp/f17-figures-1280.png")
        page.locator("[data-figures-table=outlets-shelf]").screenshot(
            path="/tmp/f17-figures-shelf-1280.png"
        )
        context.close()
