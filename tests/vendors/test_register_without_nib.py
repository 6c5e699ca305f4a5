"""A business without an NIB enters the register (issue 15, point 1): by itself at
/daftar-umkm/, or through a field officer in the admin with the owner's consent. It is not
public and cannot sell until its NIB is verified; the help it asks for becomes requests."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory
from tests.vendors.test_application import application
from vendors.facilitation import services as facilitation
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Kecamatan, Vendor, VerificationEvent
from website.models import User

pytestmark = pytest.mark.django_db
Kind = FacilitationRequest.Kind


def without_nib(**overrides):
    data = application(has_nib="no", nib="", nib_document="", **overrides)
    return data


def test_a_business_without_an_nib_registers_and_asks_for_help(
    client, django_capture_on_commit_callbacks
):
    data = without_nib(
        help_wanted=["halal", "kur"],
        halal_route="self_declare",
        halal_companion="",
        kur_amount="15000000",
        kur_purpose="Oven dan bahan baku",
        turnover_band="lt300jt",
        women_led="yes",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/daftar-umkm/", data)
    assert response.status_code == 302
    vendor = Vendor.objects.get(name="Keripik Bu Sari")
    assert vendor.nib is None
    assert (vendor.status, vendor.nib_status) == ("applied", "none")
    assert (vendor.sector, vendor.products_summary, vendor.workers) == (
        "kuliner",
        "Keripik tempe",
        3,
    )
    assert (vendor.women_led, vendor.turnover_band, vendor.owner_name) == (
        True,
        "lt300jt",
        "Sari Wulandari",
    )
    assert (vendor.kecamatan.name, vendor.desa) == ("Legok", "Babat")
    requests = {r.kind: r for r in vendor.facilitation_requests.all()}
    assert set(requests) == {"nib", "halal", "kur"}
    assert requests["halal"].halal_route == "self_declare"
    assert (requests["kur"].amount, requests["kur"].purpose) == (15_000_000, "Oven dan bahan baku")
    assert all(r.stage == "requested" for r in requests.values())
    # The owner is told by e-mail that each request is in.
    assert len(mail.outbox) == 3
    # On the dashboard: no NIB yet, what happens next, and the requests.
    page = client.get("/dasbor/").content.decode()
    assert "Belum punya NIB" in page
    assert "Saya sudah punya NIB" in page
    assert "/dasbor/fasilitasi/" in page
    # Not public, not in the directory.
    assert client.get(f"/umkm/{vendor.slug}/").status_code == 404
    assert "Keripik Bu Sari" not in client.get("/umkm/").content.decode()


def test_two_businesses_without_an_nib_both_register(client):
    assert client.post("/daftar-umkm/", without_nib()).status_code == 302
    client.logout()
    other = without_nib(email="rina@example.com", name="Sambal Mbak Rina")
    assert client.post("/daftar-umkm/", other).status_code == 302
    assert Vendor.objects.filter(nib__isnull=True).count() == 2


def test_with_nib_chosen_the_nib_is_still_required_and_the_form_keeps_what_was_typed(client):
    data = application(nib="", nib_document="", products_summary="Keripik tempe pedas")
    response = client.post("/daftar-umkm/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "pilih “Belum” di atas" in page
    assert "Keripik tempe pedas" in page
    assert not Vendor.objects.exists()


def test_a_desa_of_another_kecamatan_is_refused_with_the_reason(client):
    response = client.post("/daftar-umkm/", without_nib(desa="Pasilian"))  # in Kronjo
    assert response.status_code == 200
    assert "Pasilian tidak ada di Kecamatan Legok" in response.content.decode()
    assert not Vendor.objects.exists()


def test_the_register_fields_are_asked(client):
    data = without_nib(sector="", workers="", women_led="")
    page = client.post("/daftar-umkm/", data).content.decode()
    for field in ("sector", "workers", "women_led"):
        assert f'id="id_{field}_error"' in page, field
    assert not Vendor.objects.exists()


def test_halal_help_needs_a_route_and_a_loan_needs_amount_and_purpose(client):
    data = without_nib(help_wanted=["halal", "kur"], halal_route="", kur_amount="", kur_purpose="")
    page = client.post("/daftar-umkm/", data).content.decode()
    assert "Pilih jalurnya." in page
    assert 'id="id_kur_amount_error"' in page
    assert 'id="id_kur_purpose_error"' in page
    assert not Vendor.objects.exists()
    assert not FacilitationRequest.objects.exists()


def test_the_owner_who_gets_an_nib_on_their_own_sends_it(client):
    client.post("/daftar-umkm/", without_nib())
    vendor = Vendor.objects.get()
    page = client.get("/dasbor/nib/").content.decode()
    assert "Kirim NIB Anda" in page
    response = client.post(
        "/dasbor/nib/",
        {
            "nib": "9120001234567",
            "nib_document": application()["nib_document"],
        },
    )
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert (vendor.nib, vendor.nib_status) == ("9120001234567", "pending")
    assert vendor.verification_events.filter(kind="nib_submitted").exists()


def test_staff_cannot_verify_an_nib_that_does_not_exist(client):
    from django.core.exceptions import ValidationError

    from vendors import services

    client.post("/daftar-umkm/", without_nib())
    vendor = Vendor.objects.get()
    with pytest.raises(ValidationError):
        services.verify_nib(vendor, StaffFactory())
    vendor.refresh_from_db()
    assert vendor.nib_status == "none"


def test_the_nib_issued_through_facilitation_makes_the_business_public(client):
    client.post("/daftar-umkm/", without_nib())
    vendor = Vendor.objects.get()
    officer = StaffFactory()
    request = vendor.facilitation_requests.get(kind=Kind.NIB)
    from tests.vendors.facilitation.helpers import walk_to

    request = walk_to(request, officer, "submitted")
    facilitation.record_issue(request, officer, "9120009876543")
    vendor.refresh_from_db()
    assert (vendor.nib, vendor.nib_status, vendor.status) == ("9120009876543", "verified", "active")
    page = client.get(f"/umkm/{vendor.slug}/")
    assert page.status_code == 200
    assert "9120009876543" in page.content.decode() or "NIB" in page.content.decode()


# Registered by a field officer ------------------------------------------------------------


def on_behalf(**overrides):
    data = {
        "owner_name": "Ibu Rohaya",
        "whatsapp": "0813 1111 2222",
        "email": "rohaya@example.com",
        "name": "Rengginang Bu Rohaya",
        "kind": "usaha_mikro",
        "kecamatan": Kecamatan.objects.get(name="Kronjo").pk,
        "desa": "Pasilian",
        "address": "Kampung Pasilian RT 02",
        "sector": "kuliner",
        "products_summary": "Rengginang ketan",
        "workers": "2",
        "year_founded": "2019",
        "women_led": "yes",
        "turnover_band": "",
        "has_nib": "no",
        "nib": "",
        "help_wanted": ["halal"],
        "halal_route": "self_declare",
        "halal_companion": "",
        "owner_consent": "signed_form",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer_client(client):
    officer = StaffFactory(username="lapangan", first_name="Andi")
    client.force_login(officer)
    client.officer = officer
    return client


def test_a_field_officer_registers_a_business_for_its_owner(
    officer_client, django_capture_on_commit_callbacks
):
    url = reverse("vendors_verification:register")
    assert officer_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url, on_behalf())
    assert response.status_code == 302
    vendor = Vendor.objects.get(name="Rengginang Bu Rohaya")
    assert (vendor.nib, vendor.nib_status, vendor.status) == (None, "none", "applied")
    assert vendor.registered_by == officer_client.officer
    assert vendor.owner_consent == "signed_form"
    assert vendor.owner_name == "Ibu Rohaya"
    event = VerificationEvent.objects.get(vendor=vendor)
    assert (event.kind, event.actor) == ("registered_on_behalf", officer_client.officer)
    assert "Menandatangani formulir kertas" in event.text
    assert {r.kind for r in vendor.facilitation_requests.all()} == {"nib", "halal"}
    # The owner has an account without a password, and a mail with a link to choose one.
    owner = User.objects.get(email="rohaya@example.com")
    assert not owner.has_usable_password()
    assert vendor.memberships.get().user == owner
    welcome = [m for m in mail.outbox if "terdaftar di Etalase Tangerang" in m.subject]
    assert len(welcome) == 1
    link = next(line for line in welcome[0].body.splitlines() if "/masuk/sandi-baru/" in line)
    path = link[link.index("/masuk") :]
    # The link opens the page to choose a password.
    assert officer_client.get(path, follow=True).status_code == 200


def test_without_consent_nothing_is_registered(officer_client):
    url = reverse("vendors_verification:register")
    response = officer_client.post(url, on_behalf(consent_confirmed="", owner_consent=""))
    assert response.status_code == 200
    assert "Rengginang Bu Rohaya" in response.content.decode()  # kept
    assert not Vendor.objects.exists()


def test_an_owner_without_e_mail_is_registered_without_an_account(officer_client):
    url = reverse("vendors_verification:register")
    response = officer_client.post(url, on_behalf(email=""))
    assert response.status_code == 302
    vendor = Vendor.objects.get()
    assert not vendor.memberships.exists()
    assert vendor.facilitation_requests.count() == 2


def test_only_staff_reach_the_registration_for_owners(client):
    url = reverse("vendors_verification:register")
    assert client.get(url).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, on_behalf()).status_code in (302, 403)
    assert not Vendor.objects.exists()
