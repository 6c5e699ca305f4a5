"""The member-business pages of the dashboard: a business asks to join, answers an
invitation, leaves; a cooperative answers requests and invites. Each side reaches only its
own memberships: another's is a 404 and changes nothing."""

import pytest
from django.core import mail

from vendors.cooperatives import membership as services
from vendors.cooperatives.models import BusinessMembership

from .membership_helpers import business, cooperative

pytestmark = pytest.mark.django_db
Status = BusinessMembership.Status


def test_a_business_finds_a_cooperative_and_asks_to_join(client):
    koperasi, sari = cooperative(), business()
    client.force_login(sari.user)

    page = client.get("/dasbor/koperasi/", {"cari": "maju"}).content.decode()
    assert "Koperasi Maju Bersama" in page and "Pemasaran" in page

    response = client.post(f"/dasbor/koperasi/gabung/{koperasi.pk}/", follow=True)
    assert "Permintaan Anda sudah dikirim ke Koperasi Maju Bersama." in response.content.decode()
    found = client.get("/dasbor/koperasi/", {"cari": "maju"}).content.decode()
    assert "Minta bergabung dengan Koperasi Maju Bersama" not in found  # asked already
    membership = BusinessMembership.objects.get()
    assert (membership.business, membership.status) == (sari.vendor, Status.REQUESTED)
    assert "Menunggu jawaban koperasi." in response.content.decode()

    # Asking twice: the reason, and still one request.
    again = client.post(f"/dasbor/koperasi/gabung/{koperasi.pk}/", follow=True)
    assert "sudah menjadi anggota Koperasi Maju Bersama" in again.content.decode()
    assert BusinessMembership.objects.count() == 1


def test_the_dashboard_shows_a_business_its_cooperatives_and_invitations(client):
    koperasi, sari = cooperative(), business()
    services.invite(koperasi, sari.vendor, koperasi.admin)
    client.force_login(sari.user)
    page = client.get("/dasbor/").content.decode()
    assert 'data-section="my-cooperatives"' in page
    assert "Koperasi Maju Bersama" in page and "Diundang" in page


def test_a_business_accepts_an_invitation_then_leaves(client):
    koperasi, sari = cooperative(), business()
    invited = services.invite(koperasi, sari.vendor, koperasi.admin)
    client.force_login(sari.user)

    page = client.post(f"/dasbor/koperasi/{invited.pk}/terima/", follow=True).content.decode()
    assert "Usaha Anda kini anggota Koperasi Maju Bersama." in page
    invited.refresh_from_db()
    assert invited.status == Status.ACTIVE and invited.consented_by == sari.user

    page = client.post(f"/dasbor/koperasi/{invited.pk}/keluar/", follow=True).content.decode()
    assert "Anda keluar dari Koperasi Maju Bersama." in page
    invited.refresh_from_db()
    assert invited.status == Status.LEFT


def test_a_business_declines_an_invitation(client):
    koperasi, sari = cooperative(), business()
    invited = services.invite(koperasi, sari.vendor, koperasi.admin)
    client.force_login(sari.user)
    client.post(f"/dasbor/koperasi/{invited.pk}/tolak/")
    invited.refresh_from_db()
    assert invited.status == Status.DECLINED


def test_a_cooperative_sees_requests_and_accepts_one(client, django_capture_on_commit_callbacks):
    koperasi, sari = cooperative(), business()
    asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    client.force_login(koperasi.admin)

    dashboard = client.get("/dasbor/").content.decode()
    assert 'data-section="member-businesses"' in dashboard
    assert "1 permintaan bergabung menunggu jawaban Anda" in dashboard

    page = client.get("/dasbor/koperasi/anggota/").content.decode()
    assert "Keripik Bu Sari" in page and "Terima sebagai anggota" in page
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/dasbor/koperasi/anggota/{asked.pk}/terima/", follow=True)
    assert "Keripik Bu Sari kini menjadi anggota." in page.content.decode()
    assert "1 usaha anggota" in page.content.decode()
    assert mail.outbox[-1].to == [sari.user.email]


def test_declining_needs_a_reason_and_keeps_what_was_typed(client):
    koperasi, sari = cooperative(), business()
    asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    client.force_login(koperasi.admin)

    response = client.post(f"/dasbor/koperasi/anggota/{asked.pk}/tolak/", {"reason": "   "})
    assert response.status_code == 400
    assert "Tuliskan alasan permintaan ditolak" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == Status.REQUESTED

    client.post(f"/dasbor/koperasi/anggota/{asked.pk}/tolak/", {"reason": "Bukan warga desa"})
    asked.refresh_from_db()
    assert asked.status == Status.DECLINED


def test_a_cooperative_finds_a_micro_business_and_invites_it(client):
    koperasi = cooperative()
    sari = business()
    cooperative(name="Koperasi Sari Tani", slug="koperasi-sari-tani")  # not a micro-business
    client.force_login(koperasi.admin)

    page = client.get("/dasbor/koperasi/anggota/", {"cari": "sari"}).content.decode()
    assert "Undang Keripik Bu Sari" in page
    assert "Undang Koperasi Sari Tani" not in page
    client.post(f"/dasbor/koperasi/anggota/undang/{sari.vendor.pk}/")
    membership = BusinessMembership.objects.get()
    assert (membership.cooperative, membership.status) == (koperasi, Status.INVITED)
    # Invited: no longer offered.
    page = client.get("/dasbor/koperasi/anggota/", {"cari": "sari"}).content.decode()
    assert "Undang Keripik Bu Sari" not in page


def test_each_side_reaches_only_its_own_memberships(client):
    koperasi, sari = cooperative(), business()
    other_coop = cooperative(name="Koperasi Lain", slug="koperasi-lain")
    stranger = business("Kopi Cisoka", "kopi-cisoka")
    asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    invited = services.invite(koperasi, stranger.vendor, koperasi.admin)

    # Another business: the membership is not its own.
    client.force_login(stranger.user)
    for action in ("terima", "tolak", "keluar"):
        assert client.post(f"/dasbor/koperasi/{asked.pk}/{action}/").status_code == 404
    # A business has no cooperative's page.
    assert client.get("/dasbor/koperasi/anggota/").status_code == 404
    assert client.post(f"/dasbor/koperasi/anggota/{asked.pk}/terima/").status_code == 404

    # Another cooperative: not its member, nor its request.
    client.force_login(other_coop.admin)
    assert client.get("/dasbor/koperasi/").status_code == 404
    for action in ("terima", "tolak"):
        response = client.post(f"/dasbor/koperasi/anggota/{asked.pk}/{action}/", {"reason": "x"})
        assert response.status_code == 404
    page = client.get("/dasbor/koperasi/anggota/").content.decode()
    assert "Keripik Bu Sari" not in page and "Kopi Cisoka" not in page

    assert list(BusinessMembership.objects.values_list("status", flat=True).order_by("pk")) == [
        Status.REQUESTED,
        Status.INVITED,
    ]
    assert invited.status == Status.INVITED


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/dasbor/koperasi/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_the_business_reads_why_its_request_was_declined(client):
    koperasi, sari = cooperative(), business()
    asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    services.decline_request(asked, koperasi.admin, "Bukan warga desa")
    client.force_login(sari.user)
    page = client.get("/dasbor/koperasi/").content.decode()
    assert "Alasan koperasi" in page
    assert "Bukan warga desa" in page
