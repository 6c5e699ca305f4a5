"""Known data for the figures page, written through the services at known moments (Jakarta
time), and every number the page must then show for 2026 and for 2025."""

import datetime
from contextlib import contextmanager

import time_machine

from core.time import JAKARTA
from tests.factories import HalalCertificateFactory, StaffFactory, VendorFactory
from vendors import services as vendor_services
from vendors.facilitation import services
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Kecamatan, Vendor
from vendors.trademarks.models import Trademark

Kind = FacilitationRequest.Kind
NOW = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)  # 17:00 in Jakarta


def wib(text: str) -> datetime.datetime:
    """``"2026-04-01 05:00"`` as a moment in Jakarta (22:00 UTC the day before)."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=JAKARTA)


@contextmanager
def at(text: str):
    with time_machine.travel(wib(text), tick=False):
        yield


def business(name, kecamatan, created, **fields):
    fields = {"status": Vendor.Status.APPLIED, "nib_status": Vendor.NibStatus.PENDING, **fields}
    return VendorFactory(
        name=name,
        kecamatan=Kecamatan.objects.get(name=kecamatan),
        created_at=wib(created),
        **fields,
    )


def to_submitted(request, officer):
    request = services.screen(request, officer)
    request = services.assign(request, officer, officer, wib("2026-12-01 09:00"), "klinik")
    return services.record_submission(request, officer, "REF-1")


def ask(vendor, officer, kind, opened, **details):
    with at(opened):
        return services.request_facilitation(vendor, officer, kind, **details)


def issue(request, officer, when, number):
    with at(when):
        return services.record_issue(to_submitted(request, officer), officer, number)


def trademark(vendor, application, registered_on, status=Trademark.Status.VERIFIED, **fields):
    return Trademark.objects.create(
        vendor=vendor,
        mark=f"Merek {vendor.name}",
        nice_class=30,
        application_number=application,
        filed_on=registered_on - datetime.timedelta(days=300),
        djki_status=Trademark.DjkiStatus.REGISTERED,
        registration_number=f"IDM{application[-9:]}",
        registered_on=registered_on,
        expires_on=registered_on + datetime.timedelta(days=3650),
        status=status,
        **fields,
    )


def _seed_2025(officer):
    dewi = business("Dodol Bu Dewi", "Cisauk", "2025-06-01 09:00", women_led=True)
    with at("2025-06-10 10:00"):
        vendor_services.verify_nib(dewi, officer)
    HalalCertificateFactory(vendor=dewi, created_at=wib("2025-07-01 09:00"))
    trademark(dewi, "DID2024000001", datetime.date(2025, 8, 1))
    pirt = ask(dewi, officer, Kind.PIRT, "2025-12-20 09:00")
    issue(pirt, officer, "2026-01-05 09:00", "206360301234567")  # 16 days
    with at("2026-07-01 09:00"):
        kur = services.request_facilitation(
            dewi, officer, Kind.FINANCING, amount=5_000_000, purpose="Oven"
        )
        services.screen(kur, officer)  # still open
    return dewi


def seed():
    """Four businesses in the register today (two in Legok, two in Cisauk), one suspended in
    Kelapa Dua, and requests of every outcome."""
    officer = StaffFactory(username="petugas")
    _seed_2025(officer)
    ani = business("Keripik Ani", "Legok", "2026-01-10 09:00", women_led=True)
    with at("2026-02-05 10:00"):
        vendor_services.verify_nib(ani, officer)
    with at("2026-03-15 10:00"):
        certificate = vendor_services.submit_halal_certificate(
            ani, officer, vendor_services.HalalSubmission(number="ID36110000123450124")
        )
        vendor_services.verify_halal_certificate(certificate, officer)
    trademark(ani, "DID2025012345", datetime.date(2026, 3, 20))
    hki = ask(ani, officer, Kind.HKI, "2026-02-01 09:00", mark="Keripik Ani", nice_class=30)
    with at("2026-02-10 09:00"):
        services.decline(hki, officer, "Merek sudah dipakai usaha lain.")
    kur = ask(ani, officer, Kind.FINANCING, "2026-06-01 09:00", amount=10_000_000, purpose="Modal")
    with at("2026-06-15 09:00"):
        services.decline(kur, officer, "Bank menolak.")

    # Registered at 00:30 on 1 February in Jakarta: still 31 January in UTC.
    budi = business("Kopi Budi", "Legok", "2026-02-01 00:30", women_led=False)
    trademark(budi, "DID2025000077", datetime.date(2026, 4, 10), Trademark.Status.PENDING)
    pirt = ask(budi, officer, Kind.PIRT, "2026-02-02 09:00")
    issue(pirt, officer, "2026-02-12 09:00", "206360301234568")  # 10 days
    kur = ask(budi, officer, Kind.FINANCING, "2026-05-10 09:00", amount=25_000_000, purpose="Mesin")
    issue(kur, officer, "2026-06-09 09:00", "KUR-2026-0001")  # 30 days

    citra = business(
        "Batik Citra", "Cisauk", "2026-03-05 09:00", nib=None, nib_status=Vendor.NibStatus.NONE
    )
    nib = ask(citra, officer, Kind.NIB, "2026-03-06 09:00")
    # 05:00 on 1 April in Jakarta is still 31 March in UTC: counted in April, 26 days.
    issue(nib, officer, "2026-04-01 05:00", "8120000000001")
    halal = ask(citra, officer, Kind.HALAL, "2026-04-01 09:00", halal_route="regular")
    issue(halal, officer, "2026-04-21 09:00", "ID36110000999990124")  # 20 days

    eka = business(
        "Sambal Eka",
        "Kelapa Dua",
        "2026-05-02 10:00",
        status=Vendor.Status.ACTIVE,
        nib_status=Vendor.NibStatus.VERIFIED,
        women_led=True,
    )
    with at("2026-05-20 10:00"):
        vendor_services.change_vendor_status(eka, Vendor.Status.SUSPENDED, officer, "Tutup.")
    return officer


def months(**values) -> list[int]:
    """Twelve monthly numbers, zero unless given: ``months(mar=1)``."""
    names = "jan feb mar apr may jun jul aug sep oct nov dec".split()
    return [values.get(name, 0) for name in names]


# What 2026 must show. Kecamatan not listed show zeros.
KECAMATAN_2026 = {"Legok": [2, 1, 1, 1], "Cisauk": [2, 2, 2, 1]}
KECAMATAN_TOTAL_2026 = [4, 3, 3, 2]
MONTHS_2026 = {
    "registered": months(jan=1, feb=1, mar=1, may=1),
    "nib": months(feb=1, apr=1),
    "halal": months(mar=1, apr=1),
    "hki": months(mar=1),
}
REQUESTS_2026 = {
    (Kind.NIB, "opened"): months(mar=1),
    (Kind.NIB, "issued"): months(apr=1),
    (Kind.HALAL, "opened"): months(apr=1),
    (Kind.HALAL, "issued"): months(apr=1),
    (Kind.PIRT, "opened"): months(feb=1),
    (Kind.PIRT, "issued"): months(jan=1, feb=1),
    (Kind.HKI, "opened"): months(feb=1),
    (Kind.HKI, "declined"): months(feb=1),
    (Kind.FINANCING, "opened"): months(may=1, jun=1, jul=1),
    (Kind.FINANCING, "issued"): months(jun=1),
    (Kind.FINANCING, "declined"): months(jun=1),
}
MEDIAN_2026 = {Kind.NIB: (26, 1), Kind.HALAL: (20, 1), Kind.PIRT: (13, 2), Kind.FINANCING: (30, 1)}
FINANCING_2026 = [(3, 40_000_000), (1, 25_000_000), (1, 10_000_000), (1, 5_000_000)]
WOMEN_2026 = [(2, 66.7), (1, None), (3, None), (1, None)]

KECAMATAN_2025 = {"Cisauk": [1, 1, 1, 1]}
KECAMATAN_TOTAL_2025 = [1, 1, 1, 1]
MONTHS_2025 = {
    "registered": months(jun=1),
    "nib": months(jun=1),
    "halal": months(),
    "hki": months(aug=1),
}
REQUESTS_2025 = {(Kind.PIRT, "opened"): months(dec=1)}
MEDIAN_2025 = {}
FINANCING_2025 = [(0, 0)] * 4
WOMEN_2025 = [(1, 100.0), (0, None), (1, None), (0, None)]
