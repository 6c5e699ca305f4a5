# ruff: noqa: F811  (the fixtures are imported from record_fixtures)
"""The cooperative record: created on first need, changed only by staff (the cooperative's
admins record member counts), every change an event with its actor."""

import datetime
import importlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from vendors.cooperatives import services
from vendors.cooperatives.models import Cooperative, CooperativeEvent, MemberCount
from vendors.models import Desa, Vendor

from .record_fixtures import (  # noqa: F401
    admin_user,
    coop,
    coop_vendor,
    english,
    frozen,
    micro_owner,
    officer,
    other_admin,
    other_coop,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Classification = Cooperative.Classification


def kinds(cooperative):
    return [event.kind for event in cooperative.events.order_by("created_at", "id")]


def test_a_new_cooperative_gets_its_record_with_the_first_count_once(coop_vendor):
    cooperative = services.cooperative_for(coop_vendor)
    again = services.cooperative_for(coop_vendor)
    assert cooperative.pk == again.pk
    (count,) = cooperative.member_counts.all()
    assert count.members == 120
    assert count.counted_on == datetime.date(2025, 6, 2)  # the day it joined, in Jakarta


def test_a_micro_business_has_no_record():
    from tests.factories import VendorFactory

    assert services.cooperative_for(VendorFactory()) is None
    assert not Cooperative.objects.exists()


def test_the_data_migration_gives_every_existing_cooperative_its_record(coop_vendor):
    from django.apps import apps

    migration = importlib.import_module(
        "vendors.cooperatives.migrations.0002_records_for_existing_cooperatives"
    )
    # The vendor's creation day in Jakarta: 23:30 UTC on 1 Feb is 2 Feb in Jakarta.
    Vendor.objects.filter(pk=coop_vendor.pk).update(
        created_at=datetime.datetime(2025, 2, 1, 23, 30, tzinfo=datetime.UTC)
    )
    migration.create_records(apps, None)
    migration.create_records(apps, None)  # run twice: still one record
    cooperative = Cooperative.objects.get(vendor=coop_vendor)
    count = MemberCount.objects.get(cooperative=cooperative)
    assert (count.members, count.counted_on) == (120, datetime.date(2025, 2, 2))


def test_legal_entity_is_stored_normalised_with_an_event(coop, officer, frozen):
    services.record_legal_entity(
        coop, officer, "ahu 1234.ah.01.26 tahun 2021", datetime.date(2021, 5, 3)
    )
    coop.refresh_from_db()
    assert coop.ahu_number == "AHU-0001234.AH.01.26.TAHUN 2021"
    event = coop.events.get(kind="legal_entity")
    assert event.actor == officer
    assert "AHU-0001234.AH.01.26.TAHUN 2021" in event.text


def test_an_ahu_number_in_the_wrong_shape_is_refused_with_the_shape(coop, officer, frozen):
    with pytest.raises(ValidationError) as error:
        services.record_legal_entity(coop, officer, "12345", datetime.date(2021, 5, 3))
    assert "AHU-0001234.AH.01.26.TAHUN 2021" in error.value.message_dict["ahu_number"][0]
    coop.refresh_from_db()
    assert coop.ahu_number is None and not coop.events.exists()


def test_the_legal_entity_date_cannot_be_in_the_future(coop, officer, frozen):
    with pytest.raises(ValidationError) as error:
        services.record_legal_entity(
            coop, officer, "AHU-1.AH.01.26.2021", datetime.date(2026, 3, 11)
        )
    assert "future" in error.value.message_dict["ahu_date"][0]


def test_an_ahu_number_of_another_cooperative_is_refused_by_name(coop, other_coop, officer, frozen):
    services.record_legal_entity(
        other_coop, officer, "AHU-1.AH.01.26.2021", datetime.date(2021, 1, 4)
    )
    with pytest.raises(ValidationError) as error:
        services.record_legal_entity(
            coop, officer, "AHU-1.AH.01.26.2021", datetime.date(2021, 1, 4)
        )
    assert "KDKMP Cisoka" in error.value.message_dict["ahu_number"][0]


def test_only_staff_change_the_record(coop, admin_user, frozen):
    with pytest.raises(PermissionDenied):
        services.classify(coop, admin_user, Classification.PRODUCER)
    with pytest.raises(PermissionDenied):
        services.change_status(coop, admin_user, Cooperative.Status.INACTIVE)


def test_only_the_five_classifications_can_be_chosen(coop, officer):
    with pytest.raises(ValidationError):
        services.classify(coop, officer, Classification.MULTIPURPOSE)
    services.classify(coop, officer, Classification.MARKETING)
    coop.refresh_from_db()
    assert coop.classification == "pemasaran"
    assert kinds(coop) == ["classified"]


def test_a_cooperative_still_serba_usaha_is_to_migrate(coop, other_coop, officer):
    Cooperative.objects.filter(pk=coop.pk).update(classification=Classification.MULTIPURPOSE)
    assert list(services.to_migrate()) == [coop]
    services.classify(coop, officer, Classification.SERVICES)
    assert not services.to_migrate().exists()


def test_a_kdkmp_village_is_a_desa_of_its_kecamatan(other_coop, officer):
    elsewhere = Desa.objects.exclude(kecamatan__name="Legok").first()
    with pytest.raises(ValidationError) as error:
        services.set_village(other_coop, officer, elsewhere)
    assert "Legok" in error.value.message_dict["village"][0]
    village = Desa.objects.filter(kecamatan__name="Legok").first()
    services.set_village(other_coop, officer, village)
    other_coop.refresh_from_db()
    assert other_coop.village == village
    assert village.name in other_coop.events.get(kind="village").text


def test_a_cooperative_that_is_not_kdkmp_has_no_village(coop, officer):
    with pytest.raises(ValidationError):
        services.set_village(coop, officer, Desa.objects.filter(kecamatan__name="Legok").first())


def test_board_members_with_terms(coop, officer):
    services.add_board_member(
        coop,
        officer,
        "ketua",
        "Siti Aminah",
        datetime.date(2024, 1, 1),
        datetime.date(2028, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        services.add_board_member(
            coop, officer, "pengawas", "Budi", datetime.date(2024, 1, 1), datetime.date(2023, 1, 1)
        )
    assert "after it starts" in error.value.message_dict["term_end"][0]
    assert [str(m) for m in coop.board_members.all()] == ["Chair (ketua): Siti Aminah"]
    assert "Siti Aminah" in coop.events.get(kind="board").text


def test_status_follows_the_transition_table_with_a_note(coop, officer):
    services.change_status(coop, officer, Cooperative.Status.INACTIVE, "Tidak RAT 3 tahun")
    with pytest.raises(ValidationError):
        services.change_status(coop, officer, Cooperative.Status.ACTIVE)
    services.change_status(coop, officer, Cooperative.Status.REVITALISED)
    coop.refresh_from_db()
    assert coop.status == "direvitalisasi"
    first = coop.events.filter(kind="status").order_by("id").first()
    assert "Tidak RAT 3 tahun" in first.text and first.actor == officer


def test_admins_record_member_counts_and_the_vendor_follows_the_latest(coop, admin_user, frozen):
    services.record_member_count(coop, admin_user, datetime.date(2026, 3, 1), 150)
    services.record_member_count(coop, admin_user, datetime.date(2025, 12, 31), 140)
    coop.vendor.refresh_from_db()
    assert coop.vendor.member_count == 150
    assert coop.member_counts.count() == 3
    assert CooperativeEvent.objects.filter(kind="members_counted", actor=admin_user).count() == 2


@pytest.mark.parametrize(
    ("day", "members", "field", "words"),
    [
        (datetime.date(2026, 3, 1), -1, "members", "negative"),
        (datetime.date(2026, 3, 11), 10, "counted_on", "future"),
    ],
)
def test_bad_member_counts_are_refused(coop, admin_user, frozen, day, members, field, words):
    with pytest.raises(ValidationError) as error:
        services.record_member_count(coop, admin_user, day, members)
    assert words in error.value.message_dict[field][0]
    assert coop.member_counts.count() == 1


def test_one_count_per_date(coop, admin_user, frozen):
    services.record_member_count(coop, admin_user, datetime.date(2026, 3, 1), 150)
    with pytest.raises(ValidationError) as error:
        services.record_member_count(coop, admin_user, datetime.date(2026, 3, 1), 151)
    assert "already a count" in error.value.message_dict["counted_on"][0]


def test_only_the_cooperatives_admins_count_its_members(coop, other_admin, officer, frozen):
    for user in (other_admin, officer):
        with pytest.raises(PermissionDenied):
            services.record_member_count(coop, user, datetime.date(2026, 3, 1), 1)


def test_ensure_records_covers_cooperatives_created_since(coop_vendor):
    call_command("migrate", "cooperatives", verbosity=0)  # nothing to do: already there
    assert services.ensure_records() == 1
    assert services.ensure_records() == 0
