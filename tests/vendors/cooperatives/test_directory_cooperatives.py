"""The public cooperative directory within /umkm/: filters by classification, KDKMP and
"RAT held for the last book year" (judged on the Jakarta date), the classification on the
card, a fixed number of queries, and the page cache renewed when a RAT is verified."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import VendorFactory
from tests.vendors.test_directory import QUERIES_PER_DIRECTORY_PAGE
from vendors.cooperatives.models import AnnualMeeting, Cooperative
from vendors.models import Vendor

from .membership_helpers import cooperative

pytestmark = pytest.mark.django_db
Classification = Cooperative.Classification
# 1 March 2026, noon in Jakarta: the last book year is 2025.
MARCH_2026 = datetime.datetime(2026, 3, 1, 5, 0, tzinfo=datetime.UTC)


def names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<h2 class="card-title" id="vendor-\d+"><a href="[^"]+">([^<]+)</a>', html)


def rat(record, year, status=AnnualMeeting.Status.VERIFIED):
    return AnnualMeeting.objects.create(
        cooperative=record,
        book_year=year,
        held_on=datetime.date(year + 1, 4, 20),
        members_present=40,
        report="rat.pdf",
        summary="RAT",
        status=status,
    )


@pytest.fixture
def cooperatives():
    VendorFactory(name="Keripik Bu Sari")
    return {
        "produsen": cooperative("Koperasi Produsen Tahu", "kop-tahu", classification="produsen"),
        "pemasaran": cooperative("Koperasi Pasar Mauk", "kop-mauk", classification="pemasaran"),
        "kdkmp": cooperative(
            "KDKMP Desa Ranca",
            "kdkmp-ranca",
            kind=Vendor.Kind.VILLAGE_COOPERATIVE,
            classification="konsumen",
        ),
    }


def test_filter_by_classification_and_the_card_shows_it(client, cooperatives):
    response = client.get("/umkm/", {"klasifikasi": "produsen"})
    assert names(response) == ["Koperasi Produsen Tahu"]
    html = client.get("/umkm/").content.decode()
    assert "Klasifikasi: Pemasaran" in html and "Klasifikasi: Produsen" in html
    assert "Classification: Marketing" in client.get("/en/umkm/").content.decode()


def test_filter_kdkmp_only(client, cooperatives):
    assert names(client.get("/umkm/", {"kdkmp": "on"})) == ["KDKMP Desa Ranca"]


def test_filter_rat_held_for_the_last_book_year(client, cooperatives):
    rat(cooperatives["produsen"], 2025)
    rat(cooperatives["pemasaran"], 2025, status=AnnualMeeting.Status.PENDING)  # not verified
    rat(cooperatives["kdkmp"], 2024)  # the year before
    with time_machine.travel(MARCH_2026, tick=False):
        response = client.get("/umkm/", {"rat": "on"})
    assert names(response) == ["Koperasi Produsen Tahu"]
    assert "RAT 2025 terlaksana" in response.content.decode()


def test_the_last_book_year_turns_with_the_year_in_jakarta(client, cooperatives):
    rat(cooperatives["produsen"], 2025)
    rat(cooperatives["pemasaran"], 2026)
    # 31 December 2026 18:00 UTC is 1 January 2027 in Jakarta: the book year 2026 is due.
    with time_machine.travel(datetime.datetime(2026, 12, 31, 18, 0, tzinfo=datetime.UTC)):
        assert names(client.get("/umkm/", {"rat": "on"})) == ["Koperasi Pasar Mauk"]
    with time_machine.travel(datetime.datetime(2026, 12, 31, 16, 0, tzinfo=datetime.UTC)):
        assert names(client.get("/umkm/", {"rat": "on"})) == ["Koperasi Produsen Tahu"]


def test_filters_combine_with_the_kecamatan_and_show_as_chips(client, cooperatives):
    rat(cooperatives["produsen"], 2025)
    with time_machine.travel(MARCH_2026, tick=False):
        response = client.get(
            "/umkm/", {"rat": "on", "klasifikasi": "produsen", "kecamatan": "legok"}
        )
        assert names(response) == ["Koperasi Produsen Tahu"]
        html = response.content.decode()
        assert "RAT 2025 terlaksana <span" in html and "Produsen <span" in html
        assert names(client.get("/umkm/", {"rat": "on", "kecamatan": "mauk"})) == []


def test_an_unknown_classification_is_ignored(client, cooperatives):
    assert len(names(client.get("/umkm/", {"klasifikasi": "tidak-ada"}))) == 4


@pytest.mark.parametrize("count", [3, 12])
def test_the_cooperative_filters_add_no_query(client, settings, count):
    """The same queries as the directory without them, whatever the number of cards."""
    settings.CATALOG_PAGE_SIZE = count
    settings.PAGE_CACHE_SECONDS = 0
    for i in range(count):
        record = cooperative(f"Koperasi {i:02}", f"koperasi-{i}", classification="jasa")
        rat(record, 2025)
    with time_machine.travel(MARCH_2026, tick=False):
        client.get("/umkm/")
        with CaptureQueriesContext(connection) as plain:
            client.get("/umkm/?kecamatan=legok")
        with CaptureQueriesContext(connection) as filtered:
            response = client.get("/umkm/?rat=on&klasifikasi=jasa&kdkmp=&kecamatan=legok")
    assert len(filtered) == len(plain) <= QUERIES_PER_DIRECTORY_PAGE
    assert len(names(response)) == count
    assert response.content.decode().count("Klasifikasi: Jasa") == count


def test_the_cached_directory_is_renewed_when_a_rat_is_verified(client, cooperatives):
    meeting = rat(cooperatives["produsen"], 2025, status=AnnualMeeting.Status.PENDING)
    with time_machine.travel(MARCH_2026, tick=False):
        assert names(client.get("/umkm/", {"rat": "on"})) == []
        meeting.status = AnnualMeeting.Status.VERIFIED
        meeting.save()
        assert names(client.get("/umkm/", {"rat": "on"})) == ["Koperasi Produsen Tahu"]
        # A classification changed by staff shows at once too.
        record = cooperatives["pemasaran"]
        record.classification = Classification.SERVICES
        record.save()
        assert names(client.get("/umkm/", {"klasifikasi": "jasa"})) == ["Koperasi Pasar Mauk"]


def test_a_cooperative_that_is_not_running_says_so_on_its_card(client):
    running = VendorFactory(name="Koperasi Jalan Terus", kind=Vendor.Kind.COOPERATIVE)
    Cooperative.objects.create(vendor=running, status=Cooperative.Status.ACTIVE)
    dissolving = VendorFactory(name="Koperasi Bubar", kind=Vendor.Kind.COOPERATIVE)
    Cooperative.objects.create(vendor=dissolving, status=Cooperative.Status.DISSOLVING)
    page = client.get("/umkm/").content.decode()
    assert page.count("data-cooperative-status") == 1
    assert "Dalam pembubaran" in page
