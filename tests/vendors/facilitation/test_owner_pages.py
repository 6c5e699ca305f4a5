"""The owner's side: their business's requests on /dasbor/ and /dasbor/fasilitasi/, in
either language, nobody else's; asking for help with the fields the kind needs."""

import datetime

import pytest
import time_machine
from django.core import mail

from tests.factories import MembershipFactory, UserFactory, VendorFactory
from tests.vendors.facilitation.helpers import APPOINTMENT, HKI, walk_to
from vendors.facilitation import services
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

Kind = FacilitationRequest.Kind
# Session, user, the current vendor, its requests (with their officers), their events, and
# the page frame (office contact, two permission look-ups of base.html).
LIST_QUERIES = 6


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def assisted(newcomer, owner, officer):
    with time_machine.travel(APPOINTMENT.replace(day=1), tick=False):
        request = services.request_facilitation(newcomer, owner, Kind.NIB)
        request = services.screen(request, officer, "Fotokopi KK")
        return services.assign(request, officer, officer, APPOINTMENT, "rppkum")


def test_the_dashboard_shows_stage_missing_documents_appointment_and_history_in_indonesian(
    owner_client, assisted
):
    page = owner_client.get("/dasbor/").content.decode()
    assert "Bantuan perizinan dan pembiayaan" in page
    assert "NIB (melalui OSS)" in page
    assert "Didampingi" in page
    assert "Fotokopi KK" in page
    assert "Kamis 3 Desember 2026 09:30" in page
    assert "RPPKUM" in page
    assert "Disaring; masih kurang: Fotokopi KK" in page
    assert "Petugas Dewi Lestari ditugaskan; janji temu 3 Desember 2026 09:30 di RPPKUM" in page


def test_the_same_history_reads_in_english_on_the_english_dashboard(owner_client, assisted):
    page = owner_client.get("/en/dasbor/").content.decode()
    assert "Help with permits and financing" in page
    assert "Screened; still missing: Fotokopi KK" in page
    assert "Officer Dewi Lestari assigned; appointment on 3 December 2026 09:30 at RPPKUM" in page
    assert "Help requested" in page


def test_a_declined_request_shows_its_reason_on_the_dashboard_for_a_month_and_on_the_list(
    owner_client, newcomer, owner, officer
):
    with time_machine.travel(APPOINTMENT, tick=False):
        request = services.request_facilitation(newcomer, owner, Kind.HKI, **HKI)
        services.decline(request, officer, "Merek sudah dipakai usaha lain")
    with time_machine.travel(APPOINTMENT + datetime.timedelta(days=29), tick=False):
        owner_client.force_login(owner)  # a fresh session: the old one has expired
        page = owner_client.get("/dasbor/").content.decode()
        assert "Tidak diterima" in page
        assert "Merek sudah dipakai usaha lain" in page
    with time_machine.travel(APPOINTMENT + datetime.timedelta(days=31), tick=False):
        owner_client.force_login(owner)
        assert "Merek sudah dipakai usaha lain" not in owner_client.get("/dasbor/").content.decode()
        page = owner_client.get("/dasbor/fasilitasi/").content.decode()
        assert "Tidak diterima" in page
        assert "Merek sudah dipakai usaha lain" in page


def test_an_owner_sees_only_their_own_requests(owner_client, newcomer, owner, officer):
    mine = services.request_facilitation(newcomer, owner, Kind.PIRT)
    neighbour = VendorFactory(name="Dodol Pak Ujang", nib_status=Vendor.NibStatus.UNVERIFIED)
    other_owner = UserFactory()
    MembershipFactory(vendor=neighbour, user=other_owner)
    theirs = services.request_facilitation(neighbour, other_owner, Kind.BPOM)
    services.screen(theirs, officer, "Surat rahasia tetangga")

    assert owner_client.get(f"/dasbor/fasilitasi/{mine.pk}/").status_code == 200
    assert owner_client.get(f"/dasbor/fasilitasi/{theirs.pk}/").status_code == 404
    listing = owner_client.get("/dasbor/fasilitasi/").content.decode()
    dashboard = owner_client.get("/dasbor/").content.decode()
    for page in (listing, dashboard):
        assert "Surat rahasia tetangga" not in page
        assert f'data-request="{theirs.pk}"' not in page
        assert f'data-request="{mine.pk}"' in page


def test_someone_who_runs_no_business_gets_404_and_a_visitor_must_sign_in(client):
    assert client.get("/dasbor/fasilitasi/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/dasbor/fasilitasi/").status_code == 404
    assert client.get("/dasbor/fasilitasi/baru/halal/").status_code == 404


def test_asking_for_halal_needs_a_route_and_keeps_what_was_typed(
    owner_client, newcomer, django_capture_on_commit_callbacks
):
    page = owner_client.get("/dasbor/fasilitasi/baru/halal/").content.decode()
    assert 'name="halal_companion"' in page
    assert 'name="amount"' not in page
    response = owner_client.post(
        "/dasbor/fasilitasi/baru/halal/",
        {"halal_route": "", "halal_companion": "", "note": "Produk keripik singkong"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Produk keripik singkong" in page
    assert "Pilih jalurnya." in page
    assert not FacilitationRequest.objects.exists()

    # An owner who has no halal process companion yet asks all the same: the office finds one.
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            "/dasbor/fasilitasi/baru/halal/",
            {"halal_route": "self_declare", "halal_companion": "", "note": ""},
        )
    assert response.status_code == 302
    request = FacilitationRequest.objects.get(vendor=newcomer)
    assert (request.kind, request.halal_route, request.halal_companion) == (
        "halal",
        "self_declare",
        "",
    )
    assert len(mail.outbox) == 1


def test_asking_for_a_kur_referral_takes_amount_purpose_and_bank(owner_client, newcomer):
    page = owner_client.get("/en/dasbor/fasilitasi/baru/kur/").content.decode()
    assert 'name="amount"' in page and 'name="halal_route"' not in page
    owner_client.post(
        "/en/dasbor/fasilitasi/baru/kur/",
        {"amount": "25000000", "purpose": "Oven baru", "partner_bank": "Bank BJB"},
    )
    request = FacilitationRequest.objects.get(vendor=newcomer, kind=Kind.FINANCING)
    assert (request.amount, request.purpose, request.partner_bank) == (
        25_000_000,
        "Oven baru",
        "Bank BJB",
    )
    assert "Rp\xa025.000.000" in owner_client.get("/dasbor/fasilitasi/").content.decode()


def test_a_second_open_request_of_the_same_kind_is_refused_on_the_form(
    owner_client, newcomer, owner
):
    services.request_facilitation(newcomer, owner, Kind.PIRT)
    response = owner_client.post("/en/dasbor/fasilitasi/baru/pirt/", {"note": "lagi"})
    assert response.status_code == 200
    assert "already has an open request of this kind" in response.content.decode()
    assert FacilitationRequest.objects.filter(vendor=newcomer).count() == 1


def test_an_unknown_kind_is_404(owner_client, newcomer):
    assert owner_client.get("/dasbor/fasilitasi/baru/sertifikat-palsu/").status_code == 404


def test_the_list_reads_a_fixed_number_of_queries_however_many_requests(
    owner_client, newcomer, owner, officer, django_assert_num_queries
):
    walk_to(services.request_facilitation(newcomer, owner, Kind.PIRT), officer, "assisted")
    owner_client.get("/dasbor/fasilitasi/")  # the session settles on the first visit
    with django_assert_num_queries(LIST_QUERIES):
        assert owner_client.get("/dasbor/fasilitasi/").status_code == 200
    for kind in (Kind.BPOM, Kind.HKI, Kind.NIB):
        details = HKI if kind == Kind.HKI else {}
        walk_to(
            services.request_facilitation(newcomer, owner, kind, **details), officer, "assisted"
        )
    with django_assert_num_queries(LIST_QUERIES):
        assert owner_client.get("/dasbor/fasilitasi/").status_code == 200
