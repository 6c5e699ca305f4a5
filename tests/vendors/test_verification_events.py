"""Verification history: fixed events read in the reader's language, refused changes leave
no trace, and the rows written before kinds existed are recognised."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from tests.factories import StaffFactory, VendorFactory
from tests.vendors.test_application import application
from vendors import services
from vendors.models import Vendor, VerificationEvent

pytestmark = pytest.mark.django_db


def test_an_application_sent_in_english_reads_in_indonesian_on_the_indonesian_dashboard(client):
    client.post("/en/daftar-umkm/", application())
    vendor = Vendor.objects.get(nib="9120001234567")
    event = VerificationEvent.objects.get(vendor=vendor)
    assert (event.kind, event.note) == ("applied", "")
    assert "Pendaftaran dikirim" in client.get("/dasbor/").content.decode()
    assert "Application submitted" in client.get("/en/dasbor/").content.decode()


def test_a_change_the_table_refuses_writes_no_event_and_says_why():
    vendor = VendorFactory(status=Vendor.Status.ACTIVE)
    with translation.override("en"), pytest.raises(services.TransitionError) as refused:
        services.change_vendor_status(vendor, Vendor.Status.APPLIED, StaffFactory())
    assert refused.value.messages == ["A vendor that is active cannot become applied."]
    assert not VerificationEvent.objects.filter(vendor=vendor).exists()
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.ACTIVE


def test_the_fixed_notes_of_older_rows_become_kinds_in_either_language():
    migration = importlib.import_module("vendors.migrations.0003_verification_event_kinds")
    vendor = VendorFactory()
    written = {
        note: VerificationEvent.objects.create(
            vendor=vendor, subject="nib", new_status="pending", note=note
        )
        for note in ("Pendaftaran dikirim", "Corrected and sent again", "Foto NIB buram.")
    }
    migration.notes_to_kinds(apps, None)
    after = {note: VerificationEvent.objects.get(pk=row.pk) for note, row in written.items()}
    assert after["Pendaftaran dikirim"].kind == "applied"
    assert after["Corrected and sent again"].kind == "resubmitted"
    assert (after["Foto NIB buram."].kind, after["Foto NIB buram."].note) == ("", "Foto NIB buram.")
    with translation.override("en"):
        assert after["Pendaftaran dikirim"].text == "Application submitted"
    with translation.override("id"):
        assert after["Corrected and sent again"].text == "Diperbaiki dan dikirim lagi"
        assert after["Foto NIB buram."].text == "Foto NIB buram."
