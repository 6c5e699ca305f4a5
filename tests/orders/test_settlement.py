"""The vendor's monthly settlement statement (/dasbor/keuangan/): months counted in
Asia/Jakarta, the opening balance, the month's totals and what is owed at the end."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from orders import settlement
from orders.models import LedgerEntry
from tests.factories import MembershipFactory, VendorFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
UTC = datetime.UTC
Kind = LedgerEntry.Kind


def at(year, month, day, hour=12, minute=0, second=0, zone=JAKARTA):
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=zone)


def entry(vendor, kind, amount, when, reference=""):
    return LedgerEntry.objects.create(
        vendor=vendor, kind=kind, amount=amount, created_at=when, reference=reference
    )


def statement_url(**query):
    with translation.override("en"):
        url = reverse("fulfilment:statement")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def vendor():
    return VendorFactory(name="Keripik Bu Sari")


@pytest.fixture
def ledger(vendor):
    """A ledger around March 2025, with entries on both sides of each month boundary."""
    table = [
        # February: the opening balance of March.
        (Kind.SALE, 100_000, at(2025, 2, 3), "ET-250203-AAAAA"),
        (Kind.COMMISSION, -5_000, at(2025, 2, 3), "ET-250203-AAAAA"),
        (Kind.PAYOUT, -40_000, at(2025, 2, 20), "BCA 0220"),
        # 23:59:59 on 28 February in Jakarta is still February.
        (Kind.SALE, 10_000, at(2025, 2, 28, 23, 59, 59), "ET-250228-BBBBB"),
        # Midnight on 1 March in Jakarta opens March ...
        (Kind.SALE, 50_000, at(2025, 3, 1, 0, 0), "ET-250301-CCCCC"),
        # ... and 17:30 UTC on 28 February is 00:30 on 1 March in Jakarta: March too.
        (Kind.COMMISSION, -2_500, at(2025, 2, 28, 17, 30, zone=UTC), "ET-250301-CCCCC"),
        (Kind.SALE, 80_000, at(2025, 3, 14), "ET-250314-DDDDD"),
        (Kind.REFUND, -80_000, at(2025, 3, 15), "ET-250314-DDDDD"),
        (Kind.COMMISSION, 4_000, at(2025, 3, 15), "ET-250314-DDDDD refund"),
        (Kind.PAYOUT, -60_000, at(2025, 3, 31, 23, 59, 59), "BCA 0331"),
        # 00:00 on 1 April in Jakarta (17:00 UTC on 31 March) is April.
        (Kind.SALE, 70_000, at(2025, 4, 1, 0, 0), "ET-250401-EEEEE"),
        (Kind.PAYOUT, -1_000, at(2025, 3, 31, 17, 0, zone=UTC), "BCA 0401"),
    ]
    for kind, amount, when, reference in table:
        entry(vendor, kind, amount, when, reference)
    # Another vendor's entries never count.
    entry(VendorFactory(), Kind.SALE, 999_000, at(2025, 3, 10))
    return table


def test_a_month_opens_with_what_was_owed_and_closes_with_the_months_entries_added(
    vendor, ledger, django_assert_num_queries
):
    with django_assert_num_queries(2):
        march = settlement.monthly_statement(vendor, 2025, 3)

    assert march["opening"] == 100_000 - 5_000 - 40_000 + 10_000 == 65_000
    assert march["sales"] == 50_000 + 80_000
    assert march["commission"] == -2_500 + 4_000
    assert march["refunds"] == -80_000
    assert march["payouts"] == -60_000
    assert march["change"] == -8_500
    assert march["closing"] == 56_500
    assert [row["entry"].reference for row in march["rows"]] == [
        "ET-250301-CCCCC",
        "ET-250301-CCCCC",
        "ET-250314-DDDDD",
        "ET-250314-DDDDD",
        "ET-250314-DDDDD refund",
        "BCA 0331",
    ]
    assert [row["balance"] for row in march["rows"]] == [
        115_000,
        112_500,
        192_500,
        112_500,
        116_500,
        56_500,
    ]
    assert (march["first_day"], march["last_day"]) == (
        datetime.date(2025, 3, 1),
        datetime.date(2025, 3, 31),
    )
    assert (march["previous"], march["next"]) == ("2025-02", "2025-04")


def test_each_month_opens_where_the_one_before_closed(vendor, ledger):
    february = settlement.monthly_statement(vendor, 2025, 2)
    march = settlement.monthly_statement(vendor, 2025, 3)
    april = settlement.monthly_statement(vendor, 2025, 4)

    assert february["opening"] == 0
    assert february["closing"] == march["opening"] == 65_000
    assert march["closing"] == april["opening"] == 56_500
    assert april["sales"] == 70_000 and april["payouts"] == -1_000
    assert april["closing"] == 125_500


def test_a_month_without_entries_carries_the_balance(vendor, ledger):
    later = settlement.monthly_statement(vendor, 2026, 1)
    assert later["rows"] == []
    assert later["opening"] == later["closing"] == 125_500
    assert (later["previous"], later["next"]) == ("2025-12", "2026-02")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03", (2025, 3, True)),
        (" 2024-12 ", (2024, 12, True)),
        ("2025-13", None),
        ("2025-00", None),
        ("2025-3", None),
        ("03-2025", None),
        ("1899-01", None),
        ("", None),
        (None, None),
        ("2025-03-01", None),
    ],
)
def test_the_month_parameter(value, expected):
    now = at(2025, 8, 1, 0, 30)  # August in Jakarta, still July in UTC
    assert settlement.parse_month(value, now) == (expected or (2025, 8, False))


def test_this_month_is_the_month_in_jakarta():
    assert settlement.this_month(at(2025, 7, 31, 17, 30, zone=UTC)) == (2025, 8)
    assert settlement.this_month(at(2025, 7, 31, 16, 59, zone=UTC)) == (2025, 7)


# The page ------------------------------------------------------------------------------------


@pytest.fixture
def vendor_client(client, vendor):
    client.force_login(MembershipFactory(vendor=vendor).user)
    return client


def figure(html, name):
    start = html.index(f'data-figure="{name}">') + len(f'data-figure="{name}">')
    return html[start : html.index("</dd>", start)].replace("<strong>", "").replace("</strong>", "")


def test_the_statement_page_shows_the_month_in_rupiah(vendor_client, ledger):
    html = vendor_client.get(statement_url(bulan="2025-03")).content.decode()

    assert "Statement for March 2025" in html
    assert figure(html, "opening") == "Rp\u00a065.000"
    assert figure(html, "sales") == "Rp\u00a0130.000"
    assert figure(html, "commission") == "Rp\u00a01.500"
    assert figure(html, "refunds") == "-Rp\u00a080.000"
    assert figure(html, "payouts") == "-Rp\u00a060.000"
    assert figure(html, "closing") == "Rp\u00a056.500"
    assert "BCA 0331" in html and "BCA 0220" not in html and "BCA 0401" not in html
    assert "999.000" not in html
    assert 'href="?bulan=2025-02"' in html and 'href="?bulan=2025-04"' in html


def test_without_a_month_the_page_shows_this_month_and_no_next_month(vendor_client, vendor):
    year, month = settlement.this_month()
    entry(vendor, Kind.SALE, 12_000, datetime.datetime.now(JAKARTA), "ET-NOW")

    html = vendor_client.get(statement_url()).content.decode()

    assert "ET-NOW" in html
    assert f"?bulan={settlement.month_parameter(*settlement.shift_month(year, month, -1))}" in html
    assert 'rel="next"' not in html
    assert "is not a month we understand" not in html


@pytest.mark.parametrize(
    ("asked", "shown"), [("maret", "maret"), ("%3Cb%3Ex%3C/b%3E", "&lt;b&gt;x&lt;/b&gt;")]
)
def test_a_month_that_is_not_understood_shows_this_month_with_a_note(
    vendor_client, ledger, asked, shown
):
    html = vendor_client.get(statement_url(bulan=asked)).content.decode()

    assert f"“{shown}” is not a month we understand (write it like 2025-03)" in html
    year, month = settlement.this_month()
    assert f"Statement for {datetime.date(year, month, 1):%B %Y}" in html
    assert "<b>x" not in html


def test_the_dashboard_shows_what_is_owed_to_the_vendor(vendor_client, ledger):
    with translation.override("en"):
        html = vendor_client.get(reverse("vendors:dashboard")).content.decode()
    assert "data-balance>Rp\u00a0125.500<" in html
