"""A cluster's page on a 360 px phone in Indonesian and English, and the cooperatives'
figures at 1280 px: nothing scrolls the page sideways. Screenshots go to /tmp/coopc-*.png."""

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from tests.e2e.test_phone_layout import PASSWORD
from tests.factories import StaffFactory
from tests.vendors.cooperatives import figures_seed
from tests.vendors.cooperatives.clusters_seed import products, publish_pages
from vendors.cooperatives.models import Cluster
from vendors.models import Vendor

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "id": {"title": "Klaster Kuliner Legok", "intro": "Jajanan khas Legok dari 2 usaha."},
    "en": {"title": "Legok Culinary Cluster", "intro": "Legok's snacks from 2 businesses."},
}


def fits(page, width):
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"{width}px: the page is {page_width}px wide"


def test_a_cluster_page_fits_a_phone_in_both_languages(live_server, browser):
    figures_seed.seed()
    kuliner = Cluster.objects.get(name="Klaster Kuliner")
    for business in Vendor.objects.filter(clusters__cluster=kuliner):
        products(business, f"Keripik {business.name}", f"Kerupuk {business.name}")
    publish_pages([(kuliner, "kuliner-legok", TEXTS)])
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    for prefix, language in (("", "id"), ("/en", "en")):
        page.goto(f"{live_server.url}{prefix}/klaster/kuliner-legok/")
        expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[language]["title"])
        expect(page.locator("[data-cluster-products] .card-title")).to_have_count(4)
        fits(page, 360)
        page.screenshot(path=f"/tmp/coopc-cluster-360-{language}.png", full_page=True)
    context.close()


def test_the_cooperative_figures_fit_a_desktop(live_server, browser):
    figures_seed.seed()
    staff = StaffFactory(username="kepala", password=PASSWORD)
    for language in ("en", "id"):
        profile = UserProfile.get_for_user(staff)
        profile.preferred_language = language
        profile.save()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "kepala")
        page.fill("#id_password", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.goto(live_server.url + "/admin/regency-figures/?year=2026")
        expect(page.locator("#figures-chart-cooperatives-members svg")).to_be_visible()
        expect(page.locator("#figures-chart-clusters-sales svg")).to_be_visible()
        fits(page, 1280)
        # The admin scrolls inside its own box: each new table is shot on its own.
        for key in (
            "cooperatives-classification",
            "cooperatives-rat",
            "cooperatives-members",
            "clusters-businesses",
            "clusters-sales",
        ):
            section = page.locator(f"[data-figures-table={key}]")
            section.screenshot(path=f"/tmp/coopc-figures-1280-{language}-{key}.png")
        context.close()
