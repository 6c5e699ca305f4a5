"""A micro-business joins a cooperative: it asks and the cooperative answers, or the
cooperative invites and the business answers; a member leaves. Every change is an event and
an e-mail to the other side; the refusals say why."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import MembershipFactory, UserFactory
from vendors.cooperatives import membership as services
from vendors.cooperatives.models import BusinessMembership, CooperativeEvent
from vendors.models import Vendor

from .membership_helpers import business, cooperative

pytestmark = pytest.mark.django_db
Status = BusinessMembership.Status
NOON = datetime.datetime(2026, 3, 2, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Jakarta


def events(record):
    return [(e.kind, e.text) for e in CooperativeEvent.objects.filter(cooperative=record)]


def test_a_business_asks_with_its_consent_and_the_cooperative_accepts(
    django_capture_on_commit_callbacks,
):
    koperasi, sari = cooperative(email="koperasi@example.com"), business()
    with time_machine.travel(NOON, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    assert asked.status == Status.REQUESTED
    assert (asked.consented_at, asked.consented_by) == (NOON, sari.user)
    # The cooperative's people are told, in Indonesian.
    assert sorted(mail.outbox[0].to) == sorted([koperasi.admin.email, "koperasi@example.com"])
    assert "Keripik Bu Sari meminta bergabung" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        joined = services.accept_request(asked, koperasi.admin)
    assert joined.status == Status.ACTIVE
    assert [m.to for m in mail.outbox] == [[sari.user.email]]
    assert "Keripik Bu Sari bergabung" in mail.outbox[0].body
    assert [kind for kind, _text in events(koperasi)] == ["member_joined", "member_requested"]


def test_the_cooperative_declines_with_a_reason_the_business_reads(
    django_capture_on_commit_callbacks,
):
    koperasi, sari = cooperative(), business()
    asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    with pytest.raises(ValidationError, match="Tuliskan alasan"):
        services.decline_request(asked, koperasi.admin, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        declined = services.decline_request(asked, koperasi.admin, "Bukan warga Cikupa")
    assert declined.status == Status.DECLINED
    assert "Bukan warga Cikupa" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [sari.user.email]


def test_an_invited_business_joins_only_when_it_accepts_and_its_consent_is_recorded_then(
    django_capture_on_commit_callbacks,
):
    koperasi, sari = cooperative(), business()
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.invite(koperasi, sari.vendor, koperasi.admin)
    assert (invited.status, invited.consented_at) == (Status.INVITED, None)
    assert mail.outbox[0].to == [sari.user.email]
    assert "terima atau tolak undangan" in mail.outbox[0].body
    # The cooperative cannot accept its own invitation for the business.
    with pytest.raises(PermissionDenied):
        services.accept_invitation(invited, koperasi.admin)
    with pytest.raises(ValidationError, match="Hanya usaha yang diundang"):
        services.accept_request(invited, koperasi.admin)

    with time_machine.travel(NOON, tick=False):
        joined = services.accept_invitation(invited, sari.user)
    assert (joined.status, joined.consented_at, joined.consented_by) == (
        Status.ACTIVE,
        NOON,
        sari.user,
    )


def test_a_business_declines_an_invitation():
    koperasi, sari = cooperative(), business()
    invited = services.invite(koperasi, sari.vendor, koperasi.admin)
    assert services.decline_invitation(invited, sari.user, "").status == Status.DECLINED
    # Declined: the cooperative may invite again, or the business ask.
    assert services.ask_to_join(sari.vendor, koperasi, sari.user).status == Status.REQUESTED


def test_one_open_membership_per_pair_with_a_clear_message():
    koperasi, sari = cooperative(), business()
    services.ask_to_join(sari.vendor, koperasi, sari.user)
    with pytest.raises(ValidationError, match="sudah menjadi anggota Koperasi Maju Bersama"):
        services.ask_to_join(sari.vendor, koperasi, sari.user)
    with pytest.raises(ValidationError, match="sudah menjadi anggota"):
        services.invite(koperasi, sari.vendor, koperasi.admin)
    assert BusinessMembership.objects.count() == 1


def test_a_cooperative_cannot_join_itself_and_only_micro_businesses_join():
    koperasi = cooperative()
    other = cooperative(
        name="KDKMP Desa Ranca", slug="kdkmp-ranca", kind=Vendor.Kind.VILLAGE_COOPERATIVE
    )
    admin = MembershipFactory(vendor=koperasi.vendor, user=UserFactory()).user
    with pytest.raises(ValidationError, match="tidak dapat menjadi anggota dirinya sendiri"):
        services.ask_to_join(koperasi.vendor, koperasi, admin)
    with pytest.raises(ValidationError, match="Hanya usaha mikro yang dapat bergabung"):
        services.invite(koperasi, other.vendor, koperasi.admin)
    assert not BusinessMembership.objects.exists()


def test_a_member_leaves_and_the_cooperative_is_told(django_capture_on_commit_callbacks):
    koperasi, sari = cooperative(), business()
    joined = services.accept_request(
        services.ask_to_join(sari.vendor, koperasi, sari.user), koperasi.admin
    )
    with django_capture_on_commit_callbacks(execute=True):
        left = services.leave(joined, sari.user)
    assert left.status == Status.LEFT
    assert mail.outbox[-1].to == [koperasi.admin.email]
    assert "Keripik Bu Sari keluar" in mail.outbox[-1].body
    # Left is final for this membership; the business may ask again.
    with pytest.raises(ValidationError, match="Keanggotaan yang keluar tidak dapat menjadi keluar"):
        services.leave(left, sari.user)
    assert services.ask_to_join(sari.vendor, koperasi, sari.user).status == Status.REQUESTED


def test_only_the_people_who_run_each_side_act_for_it():
    koperasi, sari, other = cooperative(), business(), business("Kopi Cisoka", "kopi-cisoka")
    with pytest.raises(PermissionDenied):
        services.ask_to_join(sari.vendor, koperasi, other.user)
    with pytest.raises(PermissionDenied):
        services.invite(koperasi, sari.vendor, sari.user)
    asked = services.ask_to_join(sari.vendor, koperasi, sari.user)
    with pytest.raises(PermissionDenied):
        services.accept_request(asked, sari.user)
    with pytest.raises(PermissionDenied):
        services.decline_request(asked, other.user, "Tidak")
    joined = services.accept_request(asked, koperasi.admin)
    with pytest.raises(PermissionDenied):
        services.leave(joined, koperasi.admin)
    assert BusinessMembership.objects.get().status == Status.ACTIVE
