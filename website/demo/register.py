"""Businesses that entered the register without an NIB, and the help they asked for, at
every stage: the NIB request at each of its six stages (one business each), and the other
kinds spread over the stages they can reach. Through the same services the office uses.
A halal certificate, P-IRT, BPOM or trademark needs an NIB first (SIHALAL, the DPMPTSP, BPOM
and DJKI ask for it), so only the business whose NIB was issued gets those issued."""

import datetime

from django.utils import timezone

from vendors.facilitation import registration, services
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Kecamatan, Vendor

Kind = FacilitationRequest.Kind
Route = FacilitationRequest.HalalRoute

# (name, kecamatan, desa, sector, products, workers, women-led, owner, how the owner agreed)
BUSINESSES = [
    (
        "Rengginang Bu Rohaya",
        "Kronjo",
        "Pasilian",
        "kuliner",
        "Rengginang ketan",
        2,
        True,
        "Rohaya",
        "signed_form",
    ),
    (
        "Opak Singkong Mak Icih",
        "Kresek",
        "Rancailat",
        "kuliner",
        "Opak singkong bakar",
        3,
        True,
        "Icih Sukaesih",
        "in_person",
    ),
    (
        "Tahu Susu Cisoka",
        "Cisoka",
        "Caringin",
        "kuliner",
        "Tahu susu dan kembang tahu",
        6,
        False,
        "Asep Saepudin",
        "in_person",
    ),
    (
        "Kue Satu Bu Enok",
        "Mauk",
        "Mauk Barat",
        "kuliner",
        "Kue satu kacang hijau",
        2,
        True,
        "Enok Suherni",
        "whatsapp",
    ),
    (
        "Emping Melinjo Pak Dadang",
        "Gunung Kaler",
        "Sidoko",
        "kuliner",
        "Emping melinjo",
        4,
        False,
        "Dadang Sutisna",
        "signed_form",
    ),
    (
        "Besek Bambu Pakuhaji",
        "Pakuhaji",
        "Bonisari",
        "kriya",
        "Besek dan tampah bambu",
        5,
        True,
        "Siti Aminah",
        "signed_form",
    ),
]

# Per business (in the order above): the requests and how far each has moved. A move is
# screen (missing documents or ""), assign, submit (reference), issue (number) or decline.
JOURNEYS = [
    [(Kind.NIB, {}, []), (Kind.HALAL, {"halal_route": Route.SELF_DECLARE}, [])],
    [
        (Kind.NIB, {}, [("screen", "KTP dan Kartu Keluarga pemilik.")]),
        (Kind.PIRT, {}, []),
    ],
    [
        (Kind.NIB, {}, [("screen", ""), ("assign", "rppkum")]),
        (Kind.BPOM, {}, []),
        (
            Kind.FINANCING,
            {"amount": 20_000_000, "purpose": "Alat penggiling kedelai"},
            [("screen", "")],
        ),
    ],
    [
        (Kind.NIB, {}, [("screen", ""), ("assign", "klinik"), ("submit", "OSS-2026-118204")]),
        (
            Kind.HKI,
            {"mark": "Kue Satu Bu Enok", "nice_class": 30, "note": "Untuk kemasan."},
            [("screen", "")],
        ),
    ],
    [
        (
            Kind.NIB,
            {},
            [
                ("screen", ""),
                ("assign", "klinik"),
                ("submit", "OSS-2026-117730"),
                ("issue", "9120026117730"),
            ],
        ),
        (
            Kind.HALAL,
            {"halal_route": Route.SELF_DECLARE, "halal_companion": "Ibu Rohmah (P3H)"},
            [
                ("screen", ""),
                ("assign", "klinik"),
                ("submit", "SH2026-004512"),
                ("issue", "ID36110026117730"),
            ],
        ),
        (
            Kind.PIRT,
            {},
            [
                ("screen", ""),
                ("assign", "klinik"),
                ("submit", "PIRT-2026-0533"),
                ("issue", "2360326011773-31"),
            ],
        ),
        (Kind.BPOM, {}, [("screen", ""), ("assign", "rppkum"), ("submit", "BPOM-2026-07711")]),
        (
            Kind.HKI,
            {"mark": "Emping Pak Dadang", "nice_class": 30},
            [
                ("screen", ""),
                ("assign", "klinik"),
                ("submit", "DID2026041203"),
                ("issue", "IDM001204512"),
            ],
        ),
        (
            Kind.FINANCING,
            {
                "amount": 30_000_000,
                "purpose": "Modal bahan baku melinjo",
                "partner_bank": "Bank BJB",
            },
            [
                ("screen", ""),
                ("assign", "klinik"),
                ("submit", "KUR-BJB-2026-2231"),
                ("issue", "KUR-BJB-2026-2231-APPROVED"),
            ],
        ),
    ],
    [
        (
            Kind.NIB,
            {},
            [
                (
                    "decline",
                    "Pemilik belum bisa hadir membawa KTP; silakan ajukan "
                    "lagi setelah KTP elektronik jadi.",
                )
            ],
        ),
        (
            Kind.FINANCING,
            {"amount": 10_000_000, "purpose": "Bambu dan pewarna"},
            [("decline", "Belum ada NIB; KUR memerlukan NIB. Ajukan lagi setelah NIB terbit.")],
        ),
    ],
]


def seed_register(admin):
    if Vendor.objects.filter(name=BUSINESSES[0][0]).exists():
        return
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    appointment = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10, 0)))
    for n, (row, journey) in enumerate(zip(BUSINESSES, JOURNEYS, strict=True)):
        vendor = _register(admin, n, *row)
        for kind, details, moves in journey:
            request = services.request_facilitation(vendor, admin, kind, **details)
            for move, value in moves:
                request = _move(request, admin, move, value, appointment)


def _register(
    admin, n, name, kecamatan, desa, sector, products, workers, women_led, owner, consent
):
    business = {
        "name": name,
        "kind": Vendor.Kind.MICRO,
        "kecamatan": Kecamatan.objects.get(name=kecamatan),
        "desa": desa,
        "address": f"Desa {desa}, Kecamatan {kecamatan}",
        "whatsapp": f"628129000{n:04d}",
        "sector": sector,
        "products_summary": products,
        "workers": workers,
        "women_led": women_led,
        "owner_name": owner,
        "owner_consent": consent,
    }
    # Every one was registered by a field officer at a market or at RPPKUM.
    return registration.register(account=None, business=business, officer=admin)


def _move(request, admin, move, value, appointment):
    if move == "screen":
        return services.screen(request, admin, value)
    if move == "assign":
        return services.assign(request, admin, admin, appointment, value)
    if move == "submit":
        return services.record_submission(request, admin, value)
    if move == "issue":
        return services.record_issue(request, admin, value)
    return services.decline(request, admin, value)
