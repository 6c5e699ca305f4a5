"""Partnerships outside the site, recorded by staff in the admin: added with who recorded
them, listed and filtered, edited; a value of zero or an end before the start refused with
nothing saved; anyone but staff kept out."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from orders.contracts.models import ExternalPartnership
from tests.factories import StaffFactory, UserFactory, VendorFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/partnerships-outside/new/"
LIST = "/admin/partnerships-outside/"


@pytest.fixture
def staff():
    user = StaffFactory(username="diskum")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def data(vendor, **overrides):
    values = {
        "buyer_name": "PT Lotte Mart Indonesia",
        "buyer_type": "retail",
        "vendor": vendor.pk,
        "products": "Keripik singkong 200 g",
        "value": "15000000",
        "start_date": "2026-08-17",
        "end_date": "2027-08-16",
        "note": "Business matching Kota Tangerang",
    }
    values.update(overrides)
    return values


def test_staff_record_a_partnership_and_see_it_listed(staff_client, staff):
    vendor = VendorFactory(name="Keripik Sari", slug="keripik-sari")
    response = staff_client.post(ADD, data(vendor))
    assert response.status_code == 302
    (made,) = ExternalPartnership.objects.all()
    assert made.recorded_by == staff and made.value == 15_000_000 and made.vendor == vendor
    listed = staff_client.get(LIST).content.decode()
    assert "PT Lotte Mart Indonesia" in listed and "Rp\u00a015.000.000" in listed
    assert "Keripik Sari" in listed
    hotel = staff_client.get(LIST, {"buyer_type": "hotel"}).content.decode()
    assert "PT Lotte Mart Indonesia" not in hotel


def test_staff_edit_a_partnership(staff_client):
    vendor = VendorFactory(slug="v-edit")
    staff_client.post(ADD, data(vendor))
    made = ExternalPartnership.objects.get()
    edit = reverse("external_partnerships:edit", args=[made.pk])
    assert staff_client.post(edit, data(vendor, value="20000000")).status_code == 302
    made.refresh_from_db()
    assert made.value == 20_000_000


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "0", "The value must be at least Rp 1."),
        ("end_date", "2026-08-01", "The end cannot be before the start."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(staff_client, field, value, message):
    vendor = VendorFactory(slug="v-bad")
    response = staff_client.post(ADD, data(vendor, **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "PT Lotte Mart Indonesia" in html  # what was typed is kept
    assert not ExternalPartnership.objects.exists()


def test_anyone_but_staff_is_kept_out(client):
    vendor = VendorFactory(slug="v-out")
    assert client.get(LIST).status_code == 302
    client.force_login(UserFactory(username="seller"))
    assert client.get(LIST).status_code in (302, 403)
    assert client.post(ADD, data(vendor)).status_code in (302, 403)
    assert not ExternalPartnership.objects.exists()
