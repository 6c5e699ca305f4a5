"""The outlet's shelf on a 360 px phone: a clerk at RPPKUM Legok opens the shelf from the
outlet's page, receives a vendor's delivery (quantity and best-before typed per item), sees
the shelf go up, and finds the batch that expires soon on the best-before list; in
Indonesian and in English, without sideways scrolling or serious accessibility faults."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalog.models import LocationStock
from orders.models import OutletAssignment
from orders.outlets.models import ShelfBatch
from orders.outlets.shelf import Received, receive_delivery
from tests.e2e.conftest import accessibility_violations
from tests.factories import MembershipFactory, ProductFactory, UserFactory
from tests.orders.helpers import outlets

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username):
    page.goto(live_server.url + "/masuk/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill("Rahasia-123")
    page.locator("main button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


@pytest.fixture
def phone(browser):
    """A 360 px phone; CSP bypassed only so that axe-core can be injected."""
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", bypass_csp=True
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def fits(page, width=360):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def on_shelf(location, vendor, name, minimum=0):
    product = ProductFactory(vendor=vendor, name=name)
    return LocationStock.objects.create(
        location=location,
        product=product,
        status=LocationStock.Status.ACCEPTED,
        minimum=minimum,
        shelf="B2",
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_clerk_receives_a_delivery_and_sees_what_expires(live_server, phone, axe_script, lang):
    _airport, rppkum = outlets()
    clerk = UserFactory(username=f"kasir-{lang}")
    OutletAssignment.objects.create(user=clerk, location=rppkum)
    vendor = MembershipFactory().vendor
    dodol = on_shelf(rppkum, vendor, "Dodol Betawi Legok", minimum=6)
    kerupuk = on_shelf(rppkum, vendor, "Kerupuk Kulit Ikan")
    today = timezone.localdate()
    receive_delivery(rppkum, vendor, clerk, [Received(kerupuk, 3, today + datetime.timedelta(3))])
    prefix = "" if lang == "id" else "/en"

    log_in(phone, live_server, clerk.username)
    phone.goto(f"{live_server.url}{prefix}/outlet/rppkum-legok/")
    phone.locator("a[href$='/rak/']").first.click()
    expect(phone.locator("h1")).to_have_text("Rak" if lang == "id" else "Shelf")
    fits(phone)
    phone.screenshot(path=f"/tmp/h-shelf-list-{lang}.png", full_page=True)

    phone.get_by_role("link", name="Terima barang" if lang == "id" else "Receive goods").click()
    phone.get_by_role("link", name=vendor.name).click()
    best_before = today + datetime.timedelta(60)
    row = phone.locator(f"[data-stock='{dodol.pk}']")
    row.locator("input[type=number]").fill("12")
    row.locator("input[type=date]").fill(best_before.isoformat())
    fits(phone)
    phone.screenshot(path=f"/tmp/h-receive-{lang}.png", full_page=True)
    assert accessibility_violations(phone, axe_script) == []
    phone.locator("main button[type=submit]").click()

    expect(phone.locator(f"[data-stock='{dodol.pk}'] [data-quantity]")).to_have_text("12")
    assert ShelfBatch.objects.filter(stock=dodol, remaining=12, best_before=best_before).exists()

    phone.get_by_role(
        "link", name="Tanggal kedaluwarsa" if lang == "id" else "Best-before dates"
    ).click()
    expect(phone.locator("[data-batch]")).to_have_count(1)
    expect(phone.locator("[data-batch]")).to_contain_text("Kerupuk Kulit Ikan")
    fits(phone)
    assert accessibility_violations(phone, axe_script) == []
    phone.screenshot(path=f"/tmp/h-best-before-{lang}.png", full_page=True)
