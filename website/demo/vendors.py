"""Demo vendors, through the same services staff use, so every state has its history."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Category, Product, ProductImage
from vendors import services
from vendors.models import Kecamatan, Membership, Vendor
from website.demo import data
from website.demo.products import photos_by_category


def seed_vendors(admin, seller):
    """The named vendors in every verification state; the seller owns the first two."""
    kecamatan = {k.name: k for k in Kecamatan.objects.all()}
    today = timezone.localdate()
    rows = [(*row, "verified") for row in data.VENDORS] + data.VENDORS_IN_REVIEW
    for index, (name, kind, kec, desa, story, state) in enumerate(rows):
        if Vendor.objects.filter(slug=slugify(name)).exists():
            continue
        vendor = create_applicant(index, name, kind, kecamatan[kec], desa, story)
        vendor = decide(vendor, state, admin)
        if kind != "usaha_mikro" or index in (0, 2, 6, 7, 10, 12):
            seed_certificate(vendor, index, today, admin)
    first, second = Vendor.objects.order_by("created_at", "id")[:2]
    for vendor in (first, second):
        Membership.objects.get_or_create(
            user=seller, vendor=vendor, defaults={"role": Membership.Role.OWNER}
        )


def create_applicant(index, name, kind, kecamatan, desa, story):
    """A vendor as it applies: NIB pending, with a stand-in scan of its NIB."""
    vendor = Vendor.objects.create(
        name=name,
        slug=slugify(name),
        kind=kind,
        member_count=40 + index * 7 if kind != "usaha_mikro" else None,
        kecamatan=kecamatan,
        desa=desa,
        address=f"Desa {desa}, Kecamatan {kecamatan.name}, Kabupaten Tangerang",
        whatsapp=f"62812{index:04d}{index * 37 % 10000:04d}",
        email=f"{slugify(name)[:30]}@example.com",
        description=story,
        year_founded=2008 + index % 12,
        kbli_codes="10793" if index % 2 else "10794, 47211",
        nib=f"{9120000000000 + index * 7919:013d}",
        status=Vendor.Status.APPLIED,
        nib_status=Vendor.NibStatus.PENDING,
        created_at=timezone.now() - timezone.timedelta(days=60 - index * 3),
    )
    vendor.nib_document.save(
        "nib.png",
        ContentFile(data.draw_document("Nomor Induk Berusaha", vendor.nib)),
    )
    return vendor


def decide(vendor, state, admin):
    """Staff's decisions that bring the vendor to its demo state (pending: none)."""
    if state in ("verified", "suspended"):
        vendor = services.verify_nib(vendor, admin, "Sesuai data OSS-RBA.")
    elif state == "rejected":
        vendor = services.reject_nib(
            vendor,
            admin,
            "NIB tidak ditemukan di OSS-RBA. Periksa lagi angkanya dan unggah "
            "dokumen NIB yang terbaru.",
        )
    if state == "suspended":
        vendor = services.change_vendor_status(
            vendor,
            Vendor.Status.SUSPENDED,
            admin,
            "Dibekukan sementara: menunggu klarifikasi keluhan pembeli.",
        )
    return vendor


def seed_certificate(vendor, index, today, admin):
    expired = vendor.name == "Dodol Betawi Pasar Kemis"
    certificate = services.submit_halal_certificate(
        vendor,
        None,
        services.HalalSubmission(
            number=f"ID3603{index:04d}0001{index + 1:03d}0825",
            issued_on=today.replace(year=today.year - (5 if expired else 1)),
            # An older certificate that carried an expiry date, now past.
            expires_on=today.replace(year=today.year - 1) if expired else None,
        ),
    )
    certificate.document.save(
        "halal.png",
        ContentFile(data.draw_document("Sertifikat Halal BPJPH", certificate.number)),
    )
    if vendor.nib_status == Vendor.NibStatus.PENDING:
        return  # waits in the staff queue with its vendor
    services.verify_halal_certificate(certificate, admin, "Cocok dengan SIHALAL.")


def seed_more_makers(admin):
    """More verified makers across the kecamatan, each with a few products."""
    if Vendor.objects.filter(slug=slugify(data.MORE_MAKERS[0][0])).exists():
        return
    kecamatan = {k.name: k for k in Kecamatan.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    photos = photos_by_category()
    now = timezone.now()
    for index, (name, kec, category_slug) in enumerate(data.MORE_MAKERS):
        vendor = Vendor.objects.create(
            name=name,
            slug=slugify(name),
            kind=Vendor.Kind.MICRO,
            kecamatan=kecamatan[kec],
            desa=f"Desa {kec}",
            address=f"Kecamatan {kec}, Kabupaten Tangerang",
            whatsapp=f"62813{index:04d}{index * 53 % 10000:04d}",
            description=f"Usaha keluarga di {kec} yang membuat {name.split()[0].lower()} "
            "dengan resep turun-temurun.",
            year_founded=2010 + index % 14,
            nib=f"{9130000000000 + index * 6007:013d}",
            status=Vendor.Status.APPLIED,
            nib_status=Vendor.NibStatus.PENDING,
        )
        services.verify_nib(vendor, admin, "Sesuai data OSS-RBA.")
        base = [p for p in data.PRODUCTS if p[2] == category_slug] or [
            data.PRODUCTS[index % len(data.PRODUCTS)]
        ]
        for n in range(4):
            product = create_maker_product(
                vendor, categories[category_slug], base[n % len(base)], n, index, now
            )
            ProductImage.objects.create(
                product=product,
                image=photos[category_slug][n % len(photos[category_slug])],
                alt_text=product.name,
            )


def create_maker_product(vendor, category, source, n, index, now):
    """The maker's ``n``th product, a local take on one of the reference products."""
    kec = vendor.kecamatan.name
    label = ["Asli", "Spesial", "Pedas Manis", "Premium"][n]
    return Product.objects.create(
        vendor=vendor,
        category=category,
        name=f"{source[0]} {label} {kec}",
        name_en=f"{source[1]} ({kec})",
        slug=slugify(f"{source[0]} {label} {kec}"),
        description=f"{source[0]} buatan {vendor.name}, Kecamatan {kec}.",
        description_en=f"{source[1]} made by {vendor.name} in {kec}.",
        price=int(source[3] * (0.9 + 0.1 * n)) // 500 * 500,
        unit=source[4],
        stock=(index * 7 + n * 5) % 40,
        status=Product.Status.PUBLISHED,
        published_at=now - timezone.timedelta(days=30 + index, hours=n),
    )
