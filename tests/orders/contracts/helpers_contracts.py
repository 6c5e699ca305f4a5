"""Building a supply contract for tests: a hotel's request to one vendor, quoted and accepted
through the partnership services, then the contract through ours."""

import datetime

from orders.contracts import agreements
from orders.partnerships import services as partnerships
from tests.orders.partnerships.test_partnerships import (
    category_tree,
    quote_terms,
    request_data,
    seller,
)

NPWP = "0123456789012345"
# Monday 30 November 2026 in Jakarta, in the morning.
TODAY = datetime.date(2026, 11, 30)
NOW = datetime.datetime(2026, 11, 30, 2, 0, tzinfo=datetime.UTC)


def accepted_request(*, frequency="monthly", product_fields=None, quote=None):
    """(request, quote, vendor, user, product): a request addressed to a vendor, quoted,
    accepted."""
    vendor, user, product = seller("Bu Sari", category_tree()[1], **(product_fields or {}))
    partnership = partnerships.submit_request(
        request_data(vendor=vendor, frequency=frequency), products=[product]
    )
    offered = partnerships.submit_quote(partnership, vendor, user, **quote_terms(**(quote or {})))
    partnerships.accept_quote(partnership, offered.pk)
    partnership.refresh_from_db()
    offered.refresh_from_db()
    return partnership, offered, vendor, user, product


def contract_data(**overrides) -> dict:
    data = {
        "buyer_legal_name": "PT Cisadane Asri Hotel",
        "buyer_npwp": NPWP,
        "delivery_address": "Jl. Raya Serpong 1, Kelapa Dua",
        "frequency": "monthly",
        "start_date": datetime.date(2026, 12, 31),
        "deliveries_count": 3,
        "invoicing": "delivery",
    }
    data.update(overrides)
    return data


def make_contract(**overrides):
    """(contract, vendor, user, product) for a monthly contract of three deliveries."""
    partnership, _quote, vendor, user, product = accepted_request()
    contract, _created = agreements.create_contract(partnership, contract_data(**overrides))
    return contract, vendor, user, product
