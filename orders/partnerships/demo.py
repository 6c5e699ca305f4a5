"""Demo partnership requests from hotels, restaurants and retailers, one or more in every state
(new, in review, matched, quoted with two quotes, accepted, declined, closed), made through
the same services as the site. Idempotent: a buyer whose e-mail already has a request is
left alone. The names are invented."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import Category, Product
from vendors.models import Membership, Vendor

from . import services
from .models import PartnershipRequest, RequestEvent

Status = PartnershipRequest.Status

# (key, organisation, buyer type, contact, category slug, needs, quantity, unit, frequency,
#  delivery place, days sent ago, final state)
BUYERS = [
    (
        "cisadane-asri",
        "Hotel Cisadane Asri",
        "hotel",
        "Rudi Hartono",
        "keripik-camilan",
        "Keripik kemasan kecil (30–50 g) untuk minibar kamar, tanpa MSG.",
        600,
        "pcs",
        "monthly",
        "Jl. Raya Serpong, Kelapa Dua",
        1,
        Status.NEW,
    ),
    (
        "saung-legok",
        "Restoran Saung Legok",
        "restaurant",
        "Siti Aminah",
        "sambal-bumbu",
        "Sambal bawang dan sambal cumi dalam kemasan 1 kg untuk dapur restoran.",
        40,
        "kg",
        "weekly",
        "Jl. Raya Legok km 5, Legok",
        2,
        Status.IN_REVIEW,
    ),
    (
        "swalayan-cikupa",
        "Swalayan Cikupa Jaya",
        "retail",
        "Hendra Wijaya",
        "kopi-teh",
        "Kopi bubuk robusta 250 g untuk rak produk lokal, dengan barcode.",
        200,
        "pack",
        "monthly",
        "Jl. Raya Cikupa No. 18, Cikupa",
        3,
        Status.MATCHED,
    ),
    (
        "taman-pagedangan",
        "Hotel Taman Pagedangan",
        "hotel",
        "Dewi Lestari",
        "keripik-camilan",
        "Camilan untuk welcome snack tamu dan rapat: keripik dan kue kering.",
        300,
        "pack",
        "weekly",
        "Jl. Raya Pagedangan No. 7, Pagedangan",
        4,
        Status.QUOTED,
    ),
    (
        "griya-legok",
        "Hotel Griya Legok",
        "hotel",
        "Agus Salim",
        "",
        "Produk lokal untuk suvenir tamu dan etalase toko di lobi hotel.",
        120,
        "pcs",
        "monthly",
        "Jl. Raya Legok No. 21, Legok",
        6,
        Status.ACCEPTED,
    ),
    (
        "kantin-balaraja",
        "Kantin Karyawan Kawasan Industri Balaraja",
        "other",
        "Yuliana Putri",
        "kue-roti",
        "Roti dan kue basah untuk sarapan 400 karyawan.",
        400,
        "pcs",
        "weekly",
        "Kawasan Industri Balaraja, Balaraja",
        8,
        Status.DECLINED,
    ),
    (
        "oleh-oleh-tigaraksa",
        "Toko Oleh-Oleh Tigaraksa",
        "retail",
        "Bambang Sutrisno",
        "keripik-camilan",
        "Aneka keripik khas Tangerang untuk rak oleh-oleh.",
        150,
        "pack",
        "monthly",
        "Jl. Aria Jaya Santika, Tigaraksa",
        9,
        Status.CLOSED,
    ),
    (
        "distributor-banten",
        "CV Oleh-Oleh Banten Sentosa",
        "distributor",
        "Fajar Nugroho",
        "sambal-bumbu",
        "Bumbu dan sambal kemasan untuk disalurkan ke toko oleh-oleh di Banten.",
        1000,
        "pack",
        "monthly",
        "Gudang Jl. Raya Pasar Kemis, Pasar Kemis",
        5,
        Status.QUOTED,
    ),
]


def _email(key: str) -> str:
    # .example is reserved for examples (RFC 2606): demo mail can never reach anyone.
    return f"pengadaan@{key}.example"


def _category(slug: str):
    category = Category.objects.filter(slug=slug).first() if slug else None
    if category is None:
        product = Product.objects.public().select_related("category").first()
        category = product.category if product else None
    return category


def member_for(vendor: Vendor):
    """Someone who answers for ``vendor``: its first member, or a demo member created for it
    (with no password, so nobody can log in as them)."""
    membership = vendor.memberships.select_related("user").order_by("pk").first()
    if membership is not None:
        return membership.user
    user, created = get_user_model().objects.get_or_create(
        username=f"mitra-{vendor.pk}",
        defaults={"email": f"mitra-{vendor.pk}@etalase.example", "first_name": vendor.name[:150]},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, vendor=vendor)
    return user


def _vendors_for(request, count: int) -> list[Vendor]:
    """The best suggestions first (vendors with a member account before others, so the demo
    seller sees requests on the dashboard), then any public vendor."""
    suggested = services.suggest_vendors(request, limit=20)
    with_members = set(
        Vendor.objects.public()
        .filter(memberships__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    suggested.sort(key=lambda vendor: vendor.pk not in with_members)
    chosen = suggested[:count]
    if len(chosen) < count:
        others = (
            Vendor.objects.public()
            .exclude(pk__in=[vendor.pk for vendor in chosen])
            .exclude(request_matches__request=request)
            .order_by("created_at", "pk")
        )
        chosen += list(others[: count - len(chosen)])
    return chosen


def _direct_vendor() -> Vendor:
    """The vendor a buyer writes to directly: the one a member account sees first on its
    dashboard (the first by name, as ``current_vendor`` chooses), so the demo seller finds the
    request at once; without member accounts, the oldest public vendor with a product."""
    public = Vendor.objects.public().filter(products__in=Product.objects.public()).distinct()
    vendor = public.filter(memberships__isnull=False).order_by("name", "pk").first()
    return vendor or public.order_by("created_at", "pk").first() or Vendor.objects.public().first()


def _backdate(request, days: int) -> None:
    """Demo requests were sent some days ago, so the dates and the time to a first quote
    look like real use. Only the sending is moved: what staff and vendors did happens now."""
    sent = timezone.now() - datetime.timedelta(days=days, hours=3)
    PartnershipRequest.objects.filter(pk=request.pk).update(created_at=sent)
    RequestEvent.objects.filter(request=request, new_status=Status.NEW).update(created_at=sent)
    request.created_at = sent


def _quote(request, vendor: Vendor, index: int, today):
    product = Product.objects.public().filter(vendor=vendor).order_by("price").first()
    base = product.price if product else 20000
    return services.submit_quote(
        request,
        vendor,
        member_for(vendor),
        unit_price=max(1000, round(base * (0.8 + 0.07 * index) / 500) * 500),
        min_order=50 * (index + 1),
        lead_time_days=3 + 2 * index,
        delivery_terms=(
            "Dikirim ke lokasi pembeli setiap Senin; gratis ongkir di Kabupaten Tangerang."
            if index == 0
            else "Diambil di RPPKUM Legok atau dikirim dengan ongkir sesuai jarak."
        ),
        valid_until=today + datetime.timedelta(days=14 + 7 * index),
        note="Harga sudah termasuk kemasan dan label halal." if index == 0 else "",
    )


def _request_data(index: int, row: tuple, today) -> tuple[dict, list]:
    """What the buyer of ``row`` fills in (the submit_request fields) and the products it
    ticks. The accepted request is addressed to one vendor, from its product page; the
    others go to the platform, with a category."""
    (key, organisation, buyer_type, contact, category_slug, needs) = row[:6]
    (quantity, unit, frequency, place, _days_ago, state) = row[6:]
    data = {
        "organisation": organisation,
        "buyer_type": buyer_type,
        "contact_name": contact,
        "email": _email(key),
        "whatsapp": f"62812{9000 + index:04d}{4321 + 11 * index:04d}",
        "npwp": f"{3603000000000000 + 7919 * index:016d}" if index % 2 == 0 else "",
        "vendor": None,
        "category": None,
        "needs": needs,
        "quantity": quantity,
        "unit": unit,
        "frequency": frequency,
        "delivery_place": place,
        "wanted_by": today + datetime.timedelta(days=14 + 3 * index),
        "samples": index % 3 == 0,
        "message": "Mohon kirim penawaran harga termasuk ongkos kirim.",
        "language": "id",
    }
    products = []
    if state == Status.ACCEPTED:
        vendor = _direct_vendor()
        product = Product.objects.public().filter(vendor=vendor).order_by("pk").first()
        data["vendor"] = vendor
        products = [product] if product else []
    else:
        data["category"] = _category(category_slug)
    return data, products


def _accept_direct(request, vendor: Vendor, today) -> None:
    """The buyer asks the vendor a question, then accepts its quote."""
    quote = _quote(request, vendor, 0, today)
    services.post_message(
        request,
        vendor,
        "Apakah bisa dikirim dua kali sebulan?",
        from_buyer=True,
    )
    services.accept_quote(request, quote.pk)


def _quote_and_talk(request, vendors: list[Vendor], today) -> None:
    """Every matched vendor quotes; the first answers the buyer's question on samples."""
    for number, vendor in enumerate(vendors):
        _quote(request, vendor, number, today)
    first = vendors[0]
    services.post_message(
        request,
        first,
        "Apakah tersedia sampel sebelum pesanan pertama?",
        from_buyer=True,
    )
    services.post_message(
        request,
        first,
        "Bisa, kami kirim 5 bungkus sampel minggu ini tanpa biaya.",
        from_buyer=False,
        user=member_for(first),
    )


def _bring_to(request, state: str, admin_user, today) -> None:
    """Take a platform request from new to ``state`` the way staff, vendors and the buyer
    would: review, then close, or match, quote and decline."""
    services.start_review(request, admin_user)
    if state == Status.CLOSED:
        services.close_request(
            request, admin_user, "Pembeli sudah menemukan pemasok; ditutup atas permintaan."
        )
    elif state != Status.IN_REVIEW:
        vendors = _vendors_for(request, 2)
        services.match_vendors(request, vendors, admin_user)
        if state in (Status.QUOTED, Status.DECLINED):
            _quote_and_talk(request, vendors, today)
        if state == Status.DECLINED:
            services.decline_all(request)


def create_demo_requests(admin_user) -> dict[str, list[PartnershipRequest]]:
    """Create the demo requests (skipping those already there) and return them by state.
    Needs at least two public vendors; with fewer, it creates nothing."""
    if Vendor.objects.public().count() < 2:
        return {}
    today = timezone.localdate()
    made: dict[str, list[PartnershipRequest]] = {}
    for index, row in enumerate(BUYERS):
        key, days_ago, state = row[0], row[10], row[11]
        existing = PartnershipRequest.objects.filter(email=_email(key)).first()
        if existing is not None:
            made.setdefault(existing.status, []).append(existing)
            continue
        data, products = _request_data(index, row, today)
        # A documentation address per buyer (192.0.2.0/24, RFC 5737): the per-address limit
        # of the real form never counts the demo as one flood.
        request = services.submit_request(data, products=products, ip=f"192.0.2.{index + 1}")
        _backdate(request, days_ago)
        if state == Status.ACCEPTED:
            _accept_direct(request, data["vendor"], today)
        elif state != Status.NEW:
            _bring_to(request, state, admin_user, today)
        request.refresh_from_db()
        made.setdefault(request.status, []).append(request)
    return made
