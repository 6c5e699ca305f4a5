"""Supply contracts from accepted quotes: the terms, the lines (tier prices apply), the
schedule, one contract per request, bad input refused, pause / resume / end."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog.models import TierPrice
from orders.contracts import agreements
from orders.contracts.models import ContractDelivery, SupplyContract
from orders.contracts.schedule import delivery_dates
from tests.orders.contracts.helpers_contracts import (
    NOW,
    accepted_request,
    contract_data,
    make_contract,
)

pytestmark = pytest.mark.django_db

Status = SupplyContract.Status


@pytest.fixture(autouse=True)
def _clock():
    # Refusals are read in English (the msgids).
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


def test_monthly_dates_keep_the_day_or_the_months_end():
    assert delivery_dates(datetime.date(2027, 1, 31), "monthly", 4) == [
        datetime.date(2027, 1, 31),
        datetime.date(2027, 2, 28),
        datetime.date(2027, 3, 31),
        datetime.date(2027, 4, 30),
    ]
    assert delivery_dates(datetime.date(2026, 12, 3), "weekly", 3) == [
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 10),
        datetime.date(2026, 12, 17),
    ]
    assert delivery_dates(datetime.date(2026, 12, 3), "once", 5) == [datetime.date(2026, 12, 3)]


def test_contract_from_accepted_quote_has_terms_lines_and_schedule(
    django_capture_on_commit_callbacks,
):
    partnership, quote, vendor, user, product = accepted_request(quote={"unit_price": 2500})
    with django_capture_on_commit_callbacks(execute=True):
        contract, created = agreements.create_contract(partnership, contract_data())
    assert created
    assert contract.number.startswith("KK-261130-")
    assert (contract.vendor, contract.quote, contract.buyer_email) == (
        vendor,
        quote,
        partnership.email,
    )
    [line] = contract.lines.all()
    assert (line.product, line.quantity, line.unit_price) == (product, 600, 2500)
    deliveries = list(contract.deliveries.order_by("sequence"))
    assert [d.scheduled_on for d in deliveries] == [
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 31),
        datetime.date(2027, 2, 28),
    ]
    assert all(d.lines.get().quantity == 600 for d in deliveries)
    assert list(contract.events.values_list("kind", flat=True)) == ["agreed"]
    recipients = {address for message in mail.outbox for address in message.to}
    assert {partnership.email, user.email} <= recipients
    buyer_mail = next(m for m in mail.outbox if partnership.email in m.to)
    assert contract.token in buyer_mail.body


def test_tier_price_below_the_agreed_price_applies():
    partnership, _quote, _vendor, _user, product = accepted_request(quote={"unit_price": 2500})
    TierPrice.objects.create(product=product, min_quantity=500, price=2000)
    contract, _ = agreements.create_contract(partnership, contract_data())
    assert contract.lines.get().unit_price == 2000


def test_second_submission_returns_the_same_contract():
    partnership, *_ = accepted_request()
    first, _ = agreements.create_contract(partnership, contract_data())
    second, created = agreements.create_contract(
        partnership, contract_data(buyer_legal_name="Other")
    )
    assert (second, created) == (first, False)
    assert SupplyContract.objects.count() == 1
    assert ContractDelivery.objects.count() == 3


def test_schedule_in_the_past_is_refused_and_nothing_created():
    partnership, *_ = accepted_request()
    with pytest.raises(ValidationError) as error:
        agreements.create_contract(
            partnership, contract_data(start_date=datetime.date(2026, 11, 29))
        )
    assert "cannot be in the past" in str(error.value)
    assert not SupplyContract.objects.exists()


def test_pause_stops_and_resume_restarts_after_the_other_side_agrees():
    contract, _vendor, user, _ = make_contract()
    agreements.ask_change(contract, "pause", "buyer", "Renovation in January")
    contract.refresh_from_db()
    assert contract.status == Status.ACTIVE
    with pytest.raises(ValidationError):
        agreements.answer_change(contract, "buyer", True)  # not the side that asked
    agreements.answer_change(contract, "vendor", True, user)
    contract.refresh_from_db()
    assert (contract.status, contract.change_requested) == (Status.PAUSED, "")
    agreements.ask_change(contract, "resume", "vendor", "Ready again", user)
    agreements.answer_change(contract, "buyer", False)
    contract.refresh_from_db()
    assert contract.status == Status.PAUSED
    kinds = list(contract.events.values_list("kind", flat=True))
    assert kinds == ["agreed", "asked_pause", "agreed_pause", "asked_resume", "declined_resume"]


def test_ending_cancels_the_remaining_deliveries():
    contract, _vendor, user, _ = make_contract()
    agreements.ask_change(contract, "end", "vendor", "Closing the shop", user)
    agreements.answer_change(contract, "buyer", True)
    contract.refresh_from_db()
    assert contract.status == Status.ENDED
    assert set(contract.deliveries.values_list("status", flat=True)) == {"cancelled"}
    with pytest.raises(ValidationError):
        agreements.ask_change(contract, "resume", "buyer", "Please")
