"""A vendor's settlement statement: what the platform owed the vendor when a month began,
what the month added (online sales, counter sales at the outlets) and took away (commission,
refunds, payouts), and what it owes at the month's end. Months are counted in Asia/Jakarta,
whoever looks. Pure reads in two queries, however many entries the vendor has."""

import datetime
import re

from django.db.models import Q, Sum
from django.utils import timezone

from core.time import JAKARTA

from .models import LedgerEntry

MONTH_PARAMETER = re.compile(r"(\d{4})-(\d{2})")
# Statements exist from the platform's start; anything far outside is a typo.
FIRST_YEAR, LAST_YEAR = 2000, 2100

Kind = LedgerEntry.Kind
COUNTER_KINDS = (Kind.COUNTER_SALE, Kind.COUNTER_VOID)
INVOICE_KINDS = (Kind.INVOICE, Kind.INVOICE_DIRECT)


def local_now(now: datetime.datetime | None = None) -> datetime.datetime:
    return timezone.localtime(now or timezone.now(), JAKARTA)


def this_month(now: datetime.datetime | None = None) -> tuple[int, int]:
    today = local_now(now).date()
    return today.year, today.month


def parse_month(value: str | None, now: datetime.datetime | None = None):
    """``"2025-03"`` → ``(2025, 3, True)``; anything else (missing, malformed, month 13)
    → this month in Jakarta and ``False``, so the page can say it showed this month."""
    match = MONTH_PARAMETER.fullmatch((value or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return year, month, True
    year, month = this_month(now)
    return year, month, False


def shift_month(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def month_start(year: int, month: int) -> datetime.datetime:
    """Midnight of the month's first day in Jakarta (an aware datetime)."""
    return datetime.datetime(year, month, 1, tzinfo=JAKARTA)


def month_parameter(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _rows_by_channel(entries, opening: int):
    """The statement's rows with the balance after each, and the online sales, counter sales
    and partnership invoices among them."""
    balance = opening
    rows, online, counter, invoices = [], [], [], []
    for entry in entries:
        balance += entry.amount
        rows.append({"entry": entry, "balance": balance})
        if entry.kind == Kind.SALE:
            online.append(entry)
        elif entry.kind in COUNTER_KINDS:
            counter.append(entry)
        elif entry.kind in INVOICE_KINDS:
            invoices.append(entry)
    return rows, online, counter, invoices


def monthly_statement(vendor, year: int, month: int) -> dict:
    """The statement of ``vendor`` for one month. Amounts are whole Rupiah, positive when
    owed to the vendor: ``opening + sales + commission + refunds + payouts == closing``
    (commission, refunds and payouts are usually negative; a refund of a sale also gives
    its commission back). Every row carries the balance after it. Two queries."""
    start = month_start(year, month)
    end = month_start(*shift_month(year, month, 1))
    in_month = Q(created_at__gte=start, created_at__lt=end)
    ledger = LedgerEntry.objects.filter(vendor=vendor)

    # Query 1: the opening balance and the month's total per kind, in one pass.
    totals = ledger.filter(created_at__lt=end).aggregate(
        opening=Sum("amount", filter=Q(created_at__lt=start), default=0),
        **{
            f"total_{kind.value}": Sum("amount", filter=in_month & Q(kind=kind), default=0)
            for kind in Kind
        },
    )
    # Query 2: the month's entries, oldest first, as a statement reads.
    entries = list(ledger.filter(in_month).order_by("created_at", "pk"))

    opening = totals["opening"]
    rows, online, counter, invoices = _rows_by_channel(entries, opening)
    by_kind = {kind.value: totals[f"total_{kind.value}"] for kind in Kind}
    change = sum(by_kind.values())
    previous, following = shift_month(year, month, -1), shift_month(year, month, 1)
    return {
        "vendor": vendor,
        "year": year,
        "month": month,
        "parameter": month_parameter(year, month),
        "first_day": start.date(),
        "last_day": (end - datetime.timedelta(days=1)).date(),
        "opening": opening,
        "sales": by_kind[Kind.SALE],
        "commission": by_kind[Kind.COMMISSION],
        "refunds": by_kind[Kind.REFUND],
        "payouts": by_kind[Kind.PAYOUT],
        # Counter sales at the outlets (less the outlet's margin), apart from online sales;
        # a voided counter sale is taken off again.
        "counter_sales": by_kind[Kind.COUNTER_SALE],
        "counter_voids": by_kind[Kind.COUNTER_VOID],
        # Partnership invoices paid, apart from retail and counter sales; one paid by
        # transfer to the vendor is taken off again (the vendor has the money).
        "invoices": by_kind[Kind.INVOICE],
        "invoices_direct": by_kind[Kind.INVOICE_DIRECT],
        "invoice_lines": invoices,
        "online_lines": online,
        "counter_lines": counter,
        "change": change,
        "closing": opening + change,
        "rows": rows,
        "previous": month_parameter(*previous),
        "next": month_parameter(*following),
        "next_is_future": following > this_month(),
    }
