"""The contract pages: the buyer's form from the request page and the private contract page
(receipts), the vendor's list and page (dispatch), the BAST page and PDF, the staff's admin
pages, the dashboard's upcoming deliveries. English paths, so texts read as the msgids."""

import html

import pytest
import time_machine
from django.urls import reverse
from wagtail.users.models import UserProfile

from orders.contracts import deliveries
from orders.contracts.models import ContractDelivery, SupplyContract
from tests.factories import MembershipFactory, StaffFactory, UserFactory
from tests.orders.contracts.helpers_contracts import NOW, accepted_request, make_contract

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


def form(**overrides) -> dict:
    data = {
        "buyer_legal_name": "PT Cisadane Asri Hotel",
        "buyer_npwp": "01.234.567.8-901.234",
        "delivery_address": "Jl. Raya Serpong 1",
        "frequency": "monthly",
        "start_date": "2026-12-31",
        "deliveries_count": "3",
        "invoicing": "delivery",
    }
    data.update(overrides)
    return data


def test_the_accepted_request_links_to_the_contract_form_which_sets_it_up(client):
    partnership, *_ = accepted_request()
    page = text(client.get(f"/en/kemitraan/{partnership.token}/"))
    new_url = f"/en/kemitraan/{partnership.token}/kontrak/"
    assert "Set up the supply contract" in page and new_url in page
    response = client.get(new_url)
    assert response["Cache-Control"] == "private, no-store"
    assert 'value="Hotel Cisadane Asri"' in response.content.decode()
    response = client.post(new_url, form())
    contract = SupplyContract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contract.get_absolute_url()
    assert contract.buyer_npwp == "012345678901234"
    assert client.get(new_url)["Location"] == contract.get_absolute_url()
    # Once set up, the request page opens the contract instead of offering the form again.
    page = text(client.get(f"/en/kemitraan/{partnership.token}/"))
    assert f"Open supply contract {contract.number}" in page
    assert "Set up the supply contract" not in page


def test_only_the_chosen_vendor_is_pointed_to_the_contract(client):
    contract, vendor, user, _product = make_contract()
    other = MembershipFactory(vendor__name="Camilan Pak Budi").vendor
    contract.request.matches.create(vendor=other)
    client.force_login(user)
    page = text(client.get(f"/en/dasbor/kemitraan/{contract.request.number}/"))
    assert f"Open supply contract {contract.number}" in page
    assert reverse("contracts:vendor_detail", args=[contract.number]) in page
    client.force_login(other.memberships.get().user)
    page = text(client.get(f"/en/dasbor/kemitraan/{contract.request.number}/"))
    assert "Supply contract" not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("buyer_npwp", "12345", "An NPWP has 16 digits (or 15 in the old format)."),
        ("start_date", "2026-11-29", "The first delivery cannot be in the past."),
        ("deliveries_count", "53", "Ensure this value is less than or equal to 52."),
    ],
)
def test_bad_contract_input_is_refused_and_kept(client, field, value, message):
    partnership, *_ = accepted_request()
    response = client.post(f"/en/kemitraan/{partnership.token}/kontrak/", form(**{field: value}))
    assert response.status_code == 200
    assert message in text(response)
    assert 'value="PT Cisadane Asri Hotel"' in response.content.decode()
    assert not SupplyContract.objects.exists()


def test_the_contract_form_is_not_there_before_acceptance(client):
    contract, *_ = make_contract()
    assert client.get("/en/kemitraan/" + "x" * 43 + "/kontrak/").status_code == 404
    assert client.get(f"/en/kemitraan/kontrak/{'y' * 43}/").status_code == 404
    assert client.get(contract.get_absolute_url()).status_code == 200


def _dispatch_first(contract, vendor, user):
    deliveries.dispatch(contract.deliveries.get(sequence=1), vendor, "Driver Asep", user)


def test_buyer_confirms_receipt_on_the_contract_page_then_twice_is_refused(client):
    contract, vendor, user, _ = make_contract()
    _dispatch_first(contract, vendor, user)
    url = f"/en/kemitraan/kontrak/{contract.token}/"
    page = text(client.get(url))
    assert "PT Cisadane Asri Hotel" in page and "0123456789012345" in page
    assert "Driver Asep" in page and "Confirm receipt" in page
    delivery = contract.deliveries.get(sequence=1)
    line = delivery.lines.get()
    prefix = f"d{delivery.pk}"
    post = {
        "action": "receive",
        "delivery": delivery.pk,
        f"{prefix}-received_by": "Sari",
        f"{prefix}-line_{line.pk}": "700",
        f"{prefix}-shortfall_note": "",
    }
    refused = client.post(url, post)
    assert refused.status_code == 400
    assert "Ensure this value is less than or equal to 600." in text(refused)
    post[f"{prefix}-line_{line.pk}"] = "600"
    assert client.post(url, post).status_code == 302
    assert ContractDelivery.objects.get(pk=delivery.pk).bast_number == f"BAST/{contract.number}/1"
    again = client.post(url, {**post, f"{prefix}-received_by": "Someone else"}, follow=True)
    assert "This delivery is already confirmed." in text(again)
    assert ContractDelivery.objects.get(pk=delivery.pk).received_by == "Sari"


def _received(contract, vendor, user):
    _dispatch_first(contract, vendor, user)
    from orders.contracts import bast

    delivery = contract.deliveries.get(sequence=1)
    line = delivery.lines.get()
    bast.confirm_receipt(delivery, "Sari", {line.pk: 580}, "20 bags torn")


def test_bast_page_and_pdf_for_buyer_and_vendor(client):
    contract, vendor, user, _ = make_contract()
    _received(contract, vendor, user)
    buyer = f"/en/kemitraan/kontrak/{contract.token}/bast/1/"
    page = client.get(buyer)
    assert f"BAST/{contract.number}/1" in text(page) and "20 bags torn" in text(page)
    assert "supply-contracts.css" in page.content.decode()
    pdf = client.get(f"/en/kemitraan/kontrak/{contract.token}/bast/1.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(f"/en/kemitraan/kontrak/{contract.token}/bast/2/").status_code == 404
    client.force_login(user)
    vendor_page = client.get(f"/en/dasbor/kontrak/{contract.number}/bast/1/")
    assert f"BAST/{contract.number}/1" in text(vendor_page)
    assert client.get(f"/en/dasbor/kontrak/{contract.number}/bast/1.pdf").status_code == 200


def test_vendor_sees_only_its_own_contracts_and_dispatches(client):
    contract, vendor, user, _ = make_contract()
    client.force_login(user)
    listing = text(client.get("/en/dasbor/kontrak/"))
    assert contract.number in listing
    url = f"/en/dasbor/kontrak/{contract.number}/"
    delivery = contract.deliveries.get(sequence=1)
    response = client.post(
        url, {"action": "dispatch", "delivery": delivery.pk, f"d{delivery.pk}-note": "Truck 2"}
    )
    assert response.status_code == 302
    assert ContractDelivery.objects.get(pk=delivery.pk).status == "dispatched"
    other = MembershipFactory().user
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert contract.number not in text(client.get("/en/dasbor/kontrak/"))


def test_either_side_asks_and_the_other_answers_on_the_pages(client):
    contract, vendor, user, _ = make_contract()
    buyer_url = f"/en/kemitraan/kontrak/{contract.token}/"
    empty = client.post(buyer_url, {"action": "ask", "change": "pause", "reason": ""})
    assert empty.status_code == 400
    client.post(buyer_url, {"action": "ask", "change": "pause", "reason": "Renovation"})
    client.force_login(user)
    vendor_page = text(client.get(f"/en/dasbor/kontrak/{contract.number}/"))
    assert "Renovation" in vendor_page
    client.post(f"/en/dasbor/kontrak/{contract.number}/", {"action": "agree"})
    assert SupplyContract.objects.get().status == "paused"


def test_dashboard_lists_upcoming_deliveries_with_dates(client):
    contract, vendor, user, _ = make_contract()
    client.force_login(user)
    page = text(client.get("/en/dasbor/"))
    assert "Upcoming deliveries" in page
    assert 'datetime="2026-12-31"' in page and contract.number in page


def test_staff_read_all_contracts_in_the_admin_others_do_not(client):
    contract, vendor, user, _ = make_contract()
    staff = StaffFactory()
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(staff)
    listing = client.get(reverse("contracts_admin:list"), {"status": "active"})
    assert contract.number in text(listing)
    assert contract.number not in text(
        client.get(reverse("contracts_admin:list"), {"status": "paused"})
    )
    detail = client.get(reverse("contracts_admin:detail", args=[contract.pk]))
    assert "PT Cisadane Asri Hotel" in text(detail)
    client.force_login(UserFactory())
    assert client.get(reverse("contracts_admin:list")).status_code in (302, 403)


@pytest.mark.parametrize("count", [2, 12])
def test_contract_pages_queries_do_not_grow_with_deliveries(
    client, django_assert_num_queries, count
):
    contract, vendor, user, _ = make_contract(frequency="weekly", deliveries_count=count)
    _dispatch_first(contract, vendor, user)
    with django_assert_num_queries(BUYER_QUERIES):
        assert client.get(contract.get_absolute_url()).status_code == 200
    client.force_login(user)
    with django_assert_num_queries(VENDOR_QUERIES):
        assert client.get(f"/dasbor/kontrak/{contract.number}/").status_code == 200


BUYER_QUERIES = 9  # the invoices list is one query, however many
VENDOR_QUERIES = 11


def test_vendor_ticks_take_from_stock_and_a_short_dispatch_is_refused_on_the_page(client):
    contract, vendor, user, product = make_contract()
    client.force_login(user)
    url = f"/en/dasbor/kontrak/{contract.number}/"
    client.post(url, {"action": "stock", "take_from_stock": "on"})
    assert SupplyContract.objects.get().take_from_stock
    delivery = contract.deliveries.get(sequence=1)
    page = client.post(url, {"action": "dispatch", "delivery": delivery.pk}, follow=True)
    assert "Not enough online stock: Keripik Bu Sari: 590 short." in text(page)
    assert ContractDelivery.objects.get(pk=delivery.pk).status == "scheduled"
    assert product.__class__.objects.get(pk=product.pk).stock == 10


def test_a_vendor_without_a_bank_account_is_asked_for_one_on_its_contract(client):
    contract, vendor, user, _ = make_contract()
    client.force_login(user)
    url = f"/en/dasbor/kontrak/{contract.number}/"
    page = client.get(url).content.decode()
    assert "data-no-bank-account" in page and reverse("vendors:edit_profile") in page
    vendor.bank_name, vendor.bank_account_number = "BRI", "002101000123567"
    vendor.bank_account_holder = "Sari"
    vendor.save()
    assert "data-no-bank-account" not in client.get(url).content.decode()
