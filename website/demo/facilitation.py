"""Help with permits and financing at each stage, so the staff queue and the owners'
dashboards show work in progress. Through the same services staff and owners use."""

import datetime

from django.utils import timezone

from vendors.facilitation import services
from vendors.facilitation.models import FacilitationRequest
from vendors.models import Vendor

Kind = FacilitationRequest.Kind


def _vendor(slug_start):
    return Vendor.objects.filter(slug__startswith=slug_start).order_by("pk").first()


def seed_facilitation(admin, seller):
    if FacilitationRequest.objects.exists():
        return
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    appointment = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9, 30)))
    steps = [
        # A rejected NIB: the office helps through OSS (requested, waiting to be screened).
        (_vendor("kerupuk-kulit-sukadiri"), Kind.NIB, {}, []),
        # The demo seller's business: a trademark, screened with a document still missing.
        (
            Vendor.objects.for_user(seller).order_by("name").first(),  # its dashboard opens on it
            Kind.HKI,
            {"mark": "Rasa Tangerang", "nice_class": 30, "note": "Merek untuk label kemasan."},
            [("screen", "Contoh label kemasan dan KTP pemilik.")],
        ),
        (
            _vendor("sambal"),
            Kind.HALAL,
            {"halal_route": "self_declare", "halal_companion": "Ibu Rohmah (P3H)"},
            [("screen", ""), ("assign", appointment)],
        ),
        (
            _vendor("jamu"),
            Kind.PIRT,
            {},
            [("screen", ""), ("assign", appointment), ("submit", "PIRT-DPMPTSP-2026-0417")],
        ),
        (
            _vendor("kopi"),
            Kind.FINANCING,
            {"amount": 25_000_000, "purpose": "Mesin sangrai kopi", "partner_bank": "Bank BJB"},
            [("decline", "Usaha baru berjalan 6 bulan; ajukan lagi setelah 1 tahun.")],
        ),
    ]
    for vendor, kind, details, moves in steps:
        if vendor is None:
            continue
        request = services.request_facilitation(vendor, admin, kind, **details)
        for move, value in moves:
            if move == "screen":
                request = services.screen(request, admin, value)
            elif move == "assign":
                request = services.assign(request, admin, admin, value, "klinik")
            elif move == "submit":
                request = services.record_submission(request, admin, value)
            elif move == "decline":
                request = services.decline(request, admin, value)
