"""The cooperatives' and clusters' tables on the regency figures page (issue 16, point 6):
every number on the page and in the CSV and Excel files, from data seeded at known moments;
the page stays for staff only."""

import pytest
import time_machine

from tests.factories import StaffFactory, UserFactory
from tests.vendors.regency_figures.test_figures_page import csv_rows, tables_of, xlsx_rows

from . import figures_seed as seed

URL = "/admin/regency-figures/"
pytestmark = pytest.mark.django_db
DASH = "—"

# Year 2026, read on 20 November 2026: every table as the page shows it (English), the
# totals row last.
SHOWN_2026 = {
    "cooperatives-classification": [
        ["Producer", "1", "1"],
        ["Consumer", "1", "1"],
        ["Savings and loan", "0", "0"],
        ["Marketing", "0", "0"],
        ["Services", "1", "0"],
        ["Multipurpose (legacy: to be migrated)", "1", "0"],
        ["Not classified yet", "1", "1"],
        ["Total", "5", "3"],
    ],
    "cooperatives-kecamatan": [
        ["Cikupa", "2", "0", "0"],
        ["Cisauk", "1", "1", "1"],
        ["Legok", "2", "2", "1"],
        ["Total", "5", "3", "2"],
    ],
    "cooperatives-status": [
        ["Active", "3", "2"],
        ["Inactive", "1", "0"],
        ["Being dissolved", "0", "0"],
        ["Dissolved", "1", "0"],
        ["Revitalised", "0", "0"],
        ["Total", "5", "2"],
    ],
    "cooperatives-kdkmp": [
        ["Formed", "2", DASH],
        ["With a complete legal entity (AHU number and date)", "1", "50.0%"],
        ["Legal entity incomplete", "1", "50.0%"],
    ],
    "cooperatives-rat": [
        ["2025", "3", "1", "33.3%", "1"],
        ["2024", "3", "2", "66.7%", "0"],
    ],
    "cooperatives-members": [
        ["January", "100", "1"],
        ["February", "140", "2"],
        ["March", "160", "2"],
        ["April", "160", "2"],
        ["May", "190", "3"],
        ["June", "190", "3"],
        ["July", "220", "3"],
        ["August", "220", "3"],
        ["September", "220", "3"],
        ["October", "220", "3"],
        ["November", "220", "3"],
        ["December", DASH, DASH],
    ],
    "clusters-businesses": [
        ["Klaster Batik", "Fashion", "KDKMP Ciangir", "2"],
        ["Klaster Herbal", "Herbal", "Koperasi Produsen Legok", "0"],
        ["Klaster Kuliner", "Culinary", "Koperasi Produsen Legok", "2"],
        ["Total", "", "", "4"],
    ],
    "clusters-sales": [
        ["Klaster Batik", "3", "Rp\\xa0160.000"],
        ["Klaster Herbal", "0", "Rp\\xa00"],
        ["Klaster Kuliner", "3", "Rp\\xa0100.000"],
        ["Total", DASH, "Rp\\xa0260.000"],
    ],
}
RAW_2026 = {
    "cooperatives-rat": [["2025", 3, 1, 33.3, 1], ["2024", 3, 2, 66.7, 0]],
    "cooperatives-members": [
        [month, members, coops]
        for month, members, coops in zip(
            [row[0] for row in SHOWN_2026["cooperatives-members"]],
            [100, 140, 160, 160, 190, 190, 220, 220, 220, 220, 220, None],
            [1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, None],
            strict=True,
        )
    ],
    "clusters-sales": [
        ["Klaster Batik", 3, 160_000],
        ["Klaster Herbal", 0, 0],
        ["Klaster Kuliner", 3, 100_000],
        ["Total", None, 260_000],
    ],
}


@pytest.fixture
def english(client):
    from wagtail.users.models import UserProfile

    with time_machine.travel(seed.NOW, tick=False):
        staff = StaffFactory(username="kepala-dinas")
        profile = UserProfile.get_for_user(staff)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(staff)
        seed.seed()
        yield client


def shown(tables, key):
    return [row for row in tables[key]["rows"] + tables[key]["totals"]]


def rupiah(text):
    return text.replace("\\xa0", "\xa0")


def test_every_cooperative_and_cluster_number_of_2026_on_the_page(english):
    tables = tables_of(english.get(URL).content.decode())
    for key, rows in SHOWN_2026.items():
        assert shown(tables, key) == [[rupiah(cell) for cell in row] for row in rows], key
    assert "For the book years 2025 and 2024" in tables["cooperatives-rat"]["counts"]
    assert "recorded by 20 November 2026" in tables["cooperatives-kdkmp"]["counts"]
    assert "Online orders paid in 2026" in tables["clusters-sales"]["counts"]


@pytest.mark.parametrize("key", list(RAW_2026))
def test_the_csv_and_excel_files_hold_the_same_numbers(english, key):
    headings = tables_of(english.get(URL).content.decode())[key]["headings"]
    query = {"year": 2026, "table": key}
    from_csv = csv_rows(english.get(URL, {**query, "export": "csv"}))
    from_excel = xlsx_rows(english.get(URL, {**query, "export": "xlsx"}))
    assert from_csv[0] == from_excel[0] == headings
    assert from_excel[1:] == RAW_2026[key]
    as_text = [["" if cell is None else str(cell) for cell in row] for row in RAW_2026[key]]
    assert from_csv[1:] == as_text


def test_an_earlier_year_counts_its_own_orders_and_book_years(english):
    tables = tables_of(english.get(URL, {"year": 2025}).content.decode())
    assert shown(tables, "clusters-sales")[2] == ["Klaster Kuliner", "1", "Rp\xa030.000"]
    assert [row[0] for row in shown(tables, "cooperatives-rat")] == ["2024", "2023"]
    members = shown(tables, "cooperatives-members")
    assert members[10] == ["November", "0", "0"] and members[11] == ["December", "100", "1"]


def test_the_tables_are_in_indonesian_by_default(client):
    with time_machine.travel(seed.NOW, tick=False):
        client.force_login(StaffFactory())
        seed.seed()
        tables = tables_of(client.get(URL).content.decode())
    assert tables["cooperatives-status"]["rows"][0][0] == "Aktif"
    assert tables["cooperatives-rat"]["counts"].startswith("Untuk tahun buku 2025 dan 2024")
    assert tables["clusters-sales"]["totals"][0][2] == "Rp\xa0260.000"


def test_the_figures_are_for_staff_only(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"table": "clusters-sales", "export": "csv"}).status_code in (302, 403)
