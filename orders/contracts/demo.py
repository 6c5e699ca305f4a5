"""Demo supply trade, made through the same services as the site. The hotel whose quote was
accepted in the partnership demo sets up a monthly contract for three deliveries; the first
is dispatched, received (its BAST numbered), invoiced with the hotel's NPWP and paid by
transfer. A quoted request is being negotiated: the buyer's counter-offer waits for the
vendor, and a sample was asked for and sent. Two partnerships arranged outside the site are
on record. Idempotent: what an earlier run made is left alone. The names are invented."""

import datetime

from django.utils import timezone

from orders.partnerships import negotiation, samples
from orders.partnerships.demo import member_for
from orders.partnerships.models import PartnershipRequest, Quote
from vendors.models import Vendor

from .agreements import create_contract
from .bast import confirm_receipt
from .deliveries import dispatch
from .invoice_payments import mark_transfer_received
from .models import ExternalPartnership, SupplyContract

Status = PartnershipRequest.Status

# (buyer, type, products, value in Rp, months ago it started, months it runs)
OUTSIDE = [
    (
        "Koperasi Karyawan Bandara Soekarno-Hatta",
        "other",
        "Kopi bubuk dan camilan",
        48_000_000,
        5,
        12,
    ),
    ("Swalayan Rakyat Kelapa Dua", "retail", "Sambal dan bumbu kemasan", 18_500_000, 2, 6),
]


def _vendor_papers(vendor: Vendor) -> None:
    """The tax and bank details an invoice shows, for a demo vendor that has none."""
    if vendor.bank_account_number:
        return
    vendor.npwp = vendor.npwp or f"{3603010000000000 + vendor.pk:016d}"
    vendor.bank_name = "Bank BJB"
    vendor.bank_account_number = f"0012{vendor.pk:09d}"
    vendor.bank_account_holder = vendor.owner_name or vendor.name
    vendor.save(update_fields=["npwp", "bank_name", "bank_account_number", "bank_account_holder"])


def _contract_trade(today) -> SupplyContract | None:
    accepted = (
        PartnershipRequest.objects.filter(status=Status.ACCEPTED, contract__isnull=True)
        .order_by("pk")
        .first()
    )
    if accepted is None:
        return None
    quote = accepted.quotes.select_related("vendor").get(status=Quote.Status.ACCEPTED)
    vendor, member = quote.vendor, member_for(quote.vendor)
    _vendor_papers(vendor)
    contract, _created = create_contract(
        accepted,
        {
            "buyer_legal_name": f"PT {accepted.organisation}",
            "buyer_npwp": "0317482956093000",
            "delivery_address": f"{accepted.delivery_place} (bagian purchasing, pintu belakang)",
            "frequency": PartnershipRequest.Frequency.MONTHLY,
            "start_date": today,
            "deliveries_count": 3,
            "invoicing": SupplyContract.Invoicing.PER_DELIVERY,
        },
    )
    first = contract.deliveries.get(sequence=1)
    dispatch(first, vendor, "Diantar dengan mobil boks, 4 koli.", user=member)
    received = {line.pk: line.quantity for line in first.lines.all()}
    confirm_receipt(first, f"{accepted.contact_name} (purchasing)", received)
    first.refresh_from_db()
    mark_transfer_received(
        first.invoice, reference=f"BJB-{today:%y%m%d}-0045", paid_on=today, user=member
    )
    return contract


def _negotiation(today) -> None:
    quoted = PartnershipRequest.objects.filter(status=Status.QUOTED).order_by("pk").first()
    if quoted is None or quoted.quotes.filter(rounds__isnull=False).exists():
        return
    quote = quoted.quotes.filter(status=Quote.Status.OPEN).order_by("unit_price").first()
    if quote is None:
        return
    samples.ask_for_sample(quoted, quote.vendor_id, "Mohon 5 bungkus untuk uji rasa tamu.")
    samples.mark_sample_sent(
        quoted, quote.vendor, member_for(quote.vendor), "JNE REG, resi 0123 4567 8901"
    )
    negotiation.buyer_counter(
        quoted,
        quote.pk,
        "Kalau harganya bisa sedikit turun, kami ambil rutin setiap minggu.",
        unit_price=max(500, quote.unit_price * 9 // 10 // 100 * 100),
        quantity=quote.current_quantity,
        frequency=quote.current_frequency,
        first_delivery=today + datetime.timedelta(days=14),
    )


def _outside(admin_user, today) -> None:
    if ExternalPartnership.objects.exists():
        return
    vendors = list(Vendor.objects.public().order_by("pk")[: len(OUTSIDE)])
    for (buyer, kind, products, value, ago, months), vendor in zip(OUTSIDE, vendors, strict=False):
        start = (today.replace(day=1) - datetime.timedelta(days=30 * ago)).replace(day=1)
        ExternalPartnership.objects.create(
            buyer_name=buyer,
            buyer_type=kind,
            vendor=vendor,
            products=products,
            value=value,
            start_date=start,
            end_date=start + datetime.timedelta(days=30 * months),
            note="Hasil temu bisnis Diskum.",
            recorded_by=admin_user,
        )


def seed_contracts(admin_user) -> SupplyContract | None:
    today = timezone.localdate()
    contract = _contract_trade(today)
    _negotiation(today)
    _outside(admin_user, today)
    return contract
