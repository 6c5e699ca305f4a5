"""The vendor's NPWP, PKP and bank account for invoices, on its profile form: normalised when
right, refused with the shape expected when wrong, what was typed kept, nothing saved."""

import pytest
from django.utils.html import escape

from tests.orders.contracts.helpers_invoices import vendor_with_member
from tests.vendors.helpers import profile_form

pytestmark = pytest.mark.django_db
URL = "/dasbor/profil/"


def test_the_vendor_saves_npwp_pkp_and_bank_account(client):
    vendor, user = vendor_with_member()
    client.force_login(user)
    data = profile_form(
        vendor,
        npwp="01.234.567.8-901.000",
        is_pkp="on",
        bank_name="Bank BJB",
        bank_account_number="0012-3456-7890",
        bank_account_holder="Siti Aminah",
    )
    assert client.post(URL, data).status_code == 302
    vendor.refresh_from_db()
    assert vendor.npwp == "012345678901000"
    assert vendor.is_pkp
    assert (vendor.bank_name, vendor.bank_account_number, vendor.bank_account_holder) == (
        "Bank BJB",
        "001234567890",
        "Siti Aminah",
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"npwp": "12345"}, "An NPWP has 16 digits (or 15 in the old format)."),
        ({"is_pkp": "on"}, "A PKP must give its NPWP."),
        (
            {"bank_name": "BRI", "bank_account_number": "12-34", "bank_account_holder": "Siti"},
            "An account number has 6 to 20 digits.",
        ),
        ({"bank_name": "BRI"}, "Give the bank, the account number and its holder together."),
    ],
)
def test_wrong_tax_or_bank_details_are_refused_with_the_shape_expected(client, fields, message):
    vendor, user = vendor_with_member()
    client.force_login(user)
    response = client.post(URL, profile_form(vendor, **fields))
    assert response.status_code == 200
    text = response.content.decode()
    from django.utils import translation

    with translation.override("id"):
        shown = translation.gettext(message)
    assert escape(shown) in text
    for value in fields.values():
        if value != "on":
            assert f'value="{value}"' in text  # what was typed is kept
    vendor.refresh_from_db()
    assert (vendor.npwp, vendor.is_pkp, vendor.bank_name) == ("", False, "")
