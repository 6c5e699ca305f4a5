"""The partnership figures (/admin/partnership-figures/): partnerships by type of business
(contracts and partnerships recorded outside the site, apart and together), contracts by
status, value delivered and invoiced per month, on-time deliveries (Jakarta days), overdue
invoices; every number on the page and in the CSV, from known rows; a fixed number of queries;
staff only; the dashboard panel counts partnerships made, not acceptances."""

import datetime

import pytest
import time_machine
from wagtail.users.models import UserProfile

from orders.contracts.models import ExternalPartnership
from tests.factories import StaffFactory, UserFactory, VendorFactory
from tests.orders.contracts.helpers_fig import JAKARTA, contract, delivery, invoice, partnership
from tests.vendors.regency_figures.test_figures_page import csv_rows, tables_of, xlsx_rows

pytestmark = pytest.mark.django_db

URL = "/admin/partnership-figures/"
NOW = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=JAKARTA)
RP = "Rp\u00a0"
PAGE_QUERIES = 12  # the same with no rows at all


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


@pytest.fixture
def staff():
    user = StaffFactory(username="diskum")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def english(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def seed():
    sari = VendorFactory(name="Keripik Sari", slug="keripik-sari")
    ani = VendorFactory(name="Tahu Bu Ani", slug="tahu-bu-ani")
    hotel = contract(vendor=sari, buyer_type="hotel", created_at=at(2026, 3, 1, 9))
    # Received at 23:30 on its day in Jakarta: on time.
    first = delivery(hotel, 1, datetime.date(2026, 3, 10), at(2026, 3, 10, 23, 30), received=100)
    # Received at 00:30 the day after in Jakarta (still the scheduled day in UTC): late.
    delivery(hotel, 2, datetime.date(2026, 4, 10), at(2026, 4, 11, 0, 30), received=80)
    delivery(hotel, 3, datetime.date(2026, 5, 10))
    day = datetime.date
    invoice(hotel, "INV-1", 555_000, day(2026, 3, 11), day(2026, 4, 10), "paid", first)
    invoice(hotel, "INV-2", 444_000, day(2026, 4, 11), day(2026, 5, 11))
    invoice(hotel, "INV-X", 1_000, day(2026, 4, 12), day(2026, 5, 12), "cancelled")
    shop = contract(vendor=ani, buyer_type="retail", status="paused", created_at=at(2026, 6, 1, 9))
    invoice(shop, "INV-OLD", 100_000, datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))
    contract(vendor=ani, buyer_type="hotel", status="completed", created_at=at(2025, 5, 1, 9))
    partnership(status="accepted", buyer_type="restaurant")  # accepted, no contract
    for buyer_type, start in (("retail", day(2026, 8, 17)), ("hotel", day(2025, 1, 1))):
        ExternalPartnership.objects.create(
            buyer_name="PT Lotte Mart",
            buyer_type=buyer_type,
            vendor=sari,
            products="Keripik",
            value=15_000_000,
            start_date=start,
        )


def row(table, label):
    return next(cells for cells in table["rows"] if cells[0] == label)


def test_every_figure_from_known_rows(english, frozen, django_assert_num_queries):
    seed()
    with django_assert_num_queries(PAGE_QUERIES):
        page = english.get(URL)
    tables = tables_of(page.content.decode())
    types = tables["types"]
    assert row(types, "Hotel") == ["Hotel", "1", "0", "1"]
    assert row(types, "Modern retail")[1:] == ["1", "1", "2"]
    assert row(types, "Restaurant or café")[1:] == ["0", "0", "0"]
    assert types["totals"] == [["Total", "2", "1", "3"]]
    assert "a mere acceptance is not counted" in types["counts"]
    statuses = tables["contracts"]
    assert [r[1] for r in statuses["rows"]] == ["1", "1", "0", "1"]
    assert "on 20 November 2026" in statuses["counts"]
    months = tables["months"]
    assert row(months, "March")[1:] == [f"{RP}500.000", f"{RP}555.000", "1", "1", "100.0%"]
    assert row(months, "April")[1:] == [f"{RP}400.000", f"{RP}444.000", "1", "0", "0.0%"]
    assert row(months, "May")[1:] == [f"{RP}0", f"{RP}0", "0", "0", "—"]
    assert months["totals"] == [["Total", f"{RP}900.000", f"{RP}999.000", "2", "1", "50.0%"]]
    overdue = tables["overdue"]
    assert overdue["rows"] == [
        ["Keripik Sari", "1", f"{RP}444.000"],
        ["Tahu Bu Ani", "1", f"{RP}100.000"],
    ]
    assert overdue["totals"] == [["Total", "2", f"{RP}544.000"]]


def test_the_csv_and_excel_hold_the_same_numbers(english, frozen):
    seed()
    months = csv_rows(english.get(URL, {"export": "csv", "table": "months"}))
    assert months[0] == [
        "Month",
        "Value delivered (Rupiah)",
        "Value invoiced (Rupiah)",
        "Deliveries received",
        "On time",
        "On-time share",
    ]
    assert months[3] == ["March", "500000", "555000", "1", "1", "100.0"]
    assert months[-1] == ["Total", "900000", "999000", "2", "1", "50.0"]
    types = csv_rows(english.get(URL, {"export": "csv", "table": "types"}))
    assert types[-1] == ["Total", "2", "1", "3"]
    overdue = xlsx_rows(english.get(URL, {"export": "xlsx", "table": "overdue"}))
    assert overdue[1] == ["Keripik Sari", 1, 444000]
    assert english.get(URL, {"export": "csv", "table": "nothing"}).status_code == 404


def test_another_year_and_an_empty_one(english, frozen, django_assert_num_queries):
    seed()
    tables = tables_of(english.get(URL, {"year": 2025}).content.decode())
    assert tables["types"]["totals"] == [["Total", "1", "1", "2"]]
    assert tables["months"]["totals"][0][1:3] == [f"{RP}0", f"{RP}100.000"]  # INV-OLD
    with django_assert_num_queries(PAGE_QUERIES):
        empty = english.get(URL, {"year": 2024})
    assert tables_of(empty.content.decode())["types"]["totals"] == [["Total", "0", "0", "0"]]


def test_only_staff_see_the_figures(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(username="seller"))
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"export": "csv", "table": "months"}).status_code in (302, 403)


def test_the_dashboard_counts_partnerships_made_not_acceptances(english, frozen):
    seed()
    html = english.get("/admin/").content.decode()
    # Three contracts and two partnerships recorded outside; the accepted request without a
    # contract is not one.
    assert 'data-figure="made">5<' in html
    assert 'href="/admin/partnership-figures/"' in html
