"""The regency's figures page (/admin/regency-figures/): every number on the page, in the CSV
and in the Excel file, from data seeded through the services at known moments."""

import csv
import io

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import StaffFactory, UserFactory
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Kecamatan

from . import seed

URL = "/admin/regency-figures/"
Kind = FacilitationRequest.Kind
KINDS = list(Kind)
MEASURES = ("opened", "issued", "declined")
# The page's queries: the session, the user, Wagtail's admin furniture, the figures' ten, the
# cooperatives' four (record, RAT, member counts, clusters), the cluster sales' one and the
# outlets' five (counter sales per week, pickups per week, best sellers, vendors' shares,
# shelf items with what they sold). The same whatever the number of businesses, requests,
# cooperatives and sales (an empty year too).
PAGE_QUERIES = 25


@pytest.fixture
def frozen():
    with time_machine.travel(seed.NOW, tick=False):
        yield


@pytest.fixture
def staff(frozen):
    return StaffFactory(username="kepala")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def tables_of(html: str) -> dict[str, dict]:
    """Each table on the page by its key: the header texts and the rows (the first cell is
    the row's label) as shown, the totals row apart."""
    soup = BeautifulSoup(html, "html.parser")
    tables = {}
    for section in soup.select("[data-figures-table]"):
        table = section.find("table")

        def texts(row):
            return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]

        tables[section["data-figures-table"]] = {
            "headings": texts(table.select_one("thead tr")),
            "rows": [texts(row) for row in table.select("tbody tr")],
            "totals": [texts(row) for row in table.select("tfoot tr")],
            "counts": section.select_one("[data-figure-counts]").get_text(" ", strip=True),
        }
    return tables


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def expected(year_figures) -> dict[str, list[list]]:
    """Every table's rows as raw values (what a spreadsheet holds), totals row last."""
    with translation.override("en"):
        return _expected(year_figures)


def _expected(year_figures) -> dict[str, list[list]]:
    kecamatan, kecamatan_total, by_month, requests, median, money, women = year_figures
    names = sorted(Kecamatan.objects.values_list("name", flat=True))
    month_names = (
        "January February March April May June July August September October November December"
    )
    rows = {
        "kecamatan": [[name, *kecamatan.get(name, [0, 0, 0, 0])] for name in names]
        + [["Total", *kecamatan_total]],
        "months": [
            [name, *(by_month[key][index] for key in ("registered", "nib", "halal", "hki"))]
            for index, name in enumerate(month_names.split())
        ]
        + [["Total", *(sum(by_month[key]) for key in ("registered", "nib", "halal", "hki"))]],
        "requests": [
            [str(kind.label), measure, *values, sum(values)]
            for kind in KINDS
            for measure in MEASURES
            for values in [requests.get((kind, measure), [0] * 12)]
        ]
        + [
            ["All kinds", measure, *totals, sum(totals)]
            for measure in MEASURES
            for totals in [
                [
                    sum(requests.get((kind, measure), [0] * 12)[month] for kind in KINDS)
                    for month in range(12)
                ]
            ]
        ],
        "median": [[str(kind.label), *median.get(kind, (None, 0))] for kind in KINDS],
        "financing": [
            [label, *values]
            for label, values in zip(
                ["Opened", "Issued (approved by the bank)", "Declined", "Still open"],
                money,
                strict=True,
            )
        ],
        "women-led": [
            [label, *values]
            for label, values in zip(
                ["Led by a woman", "Not led by a woman", "Asked", "Not asked"], women, strict=True
            )
        ],
    }
    return rows


YEAR_2026 = (
    seed.KECAMATAN_2026,
    seed.KECAMATAN_TOTAL_2026,
    seed.MONTHS_2026,
    seed.REQUESTS_2026,
    seed.MEDIAN_2026,
    seed.FINANCING_2026,
    seed.WOMEN_2026,
)
YEAR_2025 = (
    seed.KECAMATAN_2025,
    seed.KECAMATAN_TOTAL_2025,
    seed.MONTHS_2025,
    seed.REQUESTS_2025,
    seed.MEDIAN_2025,
    seed.FINANCING_2025,
    seed.WOMEN_2025,
)
MEASURE_LABELS = {"opened": "Opened", "issued": "Issued", "declined": "Declined"}


def shown(table: str, column: int, value) -> str:
    """How the English page writes a raw value."""
    if value is None:
        return "—"
    if table == "financing" and column == 2:
        return f"Rp\u00a0{value:,}".replace(",", ".")
    if table == "women-led" and column == 2:
        return f"{value:.1f}%"
    return f"{value:,}" if isinstance(value, int) else str(value)


def page_rows(tables, key) -> list[list[str]]:
    table = tables[key]
    return table["rows"] + table["totals"]


def as_text(rows, key) -> list[list[str]]:
    if key == "requests":
        rows = [[kind, MEASURE_LABELS[measure], *rest] for kind, measure, *rest in rows]
    return [
        [row[0], *(shown(key, index, value) for index, value in enumerate(row[1:], start=1))]
        for row in rows
    ]


def raw_for_spreadsheet(rows, key) -> list[list]:
    if key == "requests":
        return [[kind, MEASURE_LABELS[measure], *rest] for kind, measure, *rest in rows]
    return rows


def check_year(client, year, year_figures):
    """The page, the CSV and the Excel file of every table hold exactly the expected rows."""
    wanted = expected(year_figures)
    response = client.get(URL, {"year": year})
    assert response.status_code == 200
    tables = tables_of(response.content.decode())
    # The businesses' tables first; the cooperatives' and clusters' ones follow (their own
    # tests, tests/vendors/cooperatives/test_figures*.py).
    assert list(tables)[:6] == [
        "kecamatan",
        "months",
        "requests",
        "median",
        "financing",
        "women-led",
    ]
    for key, rows in wanted.items():
        assert page_rows(tables, key) == as_text(rows, key), key
        raw = raw_for_spreadsheet(rows, key)
        as_csv = csv_rows(client.get(URL, {"year": year, "table": key, "export": "csv"}))
        assert as_csv[0] == tables[key]["headings"], key
        assert as_csv[1:] == [["" if v is None else str(v) for v in row] for row in raw], key
        workbook = client.get(URL, {"year": year, "table": key, "export": "xlsx"})
        assert workbook["Content-Disposition"].endswith(f'regency-figures-{key}-{year}.xlsx"')
        assert xlsx_rows(workbook) == [tables[key]["headings"], *raw], key
    return tables


@pytest.fixture
def english(staff_client, staff):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    return staff_client


@pytest.mark.django_db
def test_every_number_of_the_year_on_the_page_and_in_the_csv_and_excel_files(
    english, django_assert_num_queries
):
    seed.seed()
    with django_assert_num_queries(PAGE_QUERIES):
        english.get(URL)
    tables = check_year(english, 2026, YEAR_2026)
    assert tables["kecamatan"]["counts"].startswith(
        "Businesses in the register on 20 November 2026 (registered by then, suspended ones "
        "excluded), by the kecamatan where they are"
    )
    assert "each month of 2026" in tables["months"]["counts"]


@pytest.mark.django_db
def test_the_year_switch_shows_last_years_figures(english):
    seed.seed()
    tables = check_year(english, 2025, YEAR_2025)
    assert "on 31 December 2025" in tables["kecamatan"]["counts"]
    page = english.get(URL, {"year": 2025}).content.decode()
    assert '<option value="2025" selected>' in page


@pytest.mark.django_db
def test_an_empty_year_shows_zeros_in_the_same_number_of_queries(
    english, django_assert_num_queries
):
    with django_assert_num_queries(PAGE_QUERIES):
        response = english.get(URL, {"year": 2016})
    assert response.status_code == 200
    nothing = ({}, [0, 0, 0, 0], dict.fromkeys(("registered", "nib", "halal", "hki"), [0] * 12))
    check_year(english, 2016, (*nothing, {}, {}, [(0, 0)] * 4, [(0, 0.0)] + [(0, None)] * 3))


@pytest.mark.django_db
def test_the_page_is_in_indonesian_by_default(staff_client):
    seed.seed()
    tables = tables_of(staff_client.get(URL).content.decode())
    women = tables["women-led"]["rows"][0]
    assert women[1:] == ["2", "66,7%"]
    assert tables["financing"]["rows"][0][2] == "Rp\u00a040.000.000"
    assert tables["kecamatan"]["counts"].startswith("Usaha dalam daftar pada 20 November 2026")
    disposition = staff_client.get(URL, {"table": "kecamatan", "export": "csv"})
    assert disposition["Content-Disposition"] == (
        'attachment; filename="regency-figures-kecamatan-2026.csv"'
    )


@pytest.mark.django_db
def test_a_year_that_makes_no_sense_shows_this_year(english):
    response = english.get(URL, {"year": "dua ribu"})
    assert '<option value="2026" selected>' in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_table_is_not_found(english):
    assert english.get(URL, {"table": "gaji", "export": "csv"}).status_code == 404


@pytest.mark.django_db
def test_people_who_are_not_staff_are_refused(client, frozen):
    assert client.get(URL).status_code == 302  # to the admin's login
    editor = UserFactory(username="editor")  # may enter the admin, but is not Diskum staff
    group = Group.objects.create(name="Penyunting berita")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    for query in ({}, {"table": "kecamatan", "export": "csv"}):
        response = client.get(URL, query)
        assert response.status_code == 403
        assert b"Registered" not in response.content
    assert b"regency-figures" not in client.get("/admin/").content


@pytest.mark.django_db
def test_staff_find_the_page_in_the_admin_menu(staff_client):
    assert b"/admin/regency-figures/" in staff_client.get("/admin/").content
