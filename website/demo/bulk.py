"""Generated vendors and products on top of the demo, in batches: benchmark data
(``seed_demo --vendors N --products M``)."""

import random
import sys

from django.utils import timezone

from catalog.models import Category, Product, ProductImage
from vendors.models import Kecamatan, Vendor
from website.demo import data
from website.demo.products import make_image

BATCH = 2000
PREFIXES = ["Dapur", "Rumah", "Sentra", "Griya", "Kedai", "Pondok", "Saung", "Warung"]
OWNERS = [
    "Bu Ani",
    "Pak Dedi",
    "Mbak Lina",
    "Bu Yati",
    "Pak Asep",
    "Teh Euis",
    "Bang Udin",
    "Bu Nur",
    "Pak Rahmat",
    "Mpok Ijah",
]
TRADES = [
    "Keripik",
    "Batik",
    "Kopi",
    "Sambal",
    "Anyaman",
    "Kue",
    "Jamu",
    "Dodol",
    "Kerupuk",
    "Gerabah",
]
ADJECTIVES = ["Original", "Pedas", "Manis", "Gurih", "Spesial", "Premium", "Asli"]


def progress(stdout, label, done, total):
    """A live counter on a terminal; one line per 10% in a log."""
    line = f"{label}: {done:,}/{total:,} ({done * 100 // total}%)"
    if sys.stdout.isatty():
        stdout.write(f"\r{line}", ending="\n" if done == total else "")
        stdout.flush()
    elif done == total or done % max(total // 10, 1) < BATCH:
        stdout.write(line)


def generate_vendors(count, stdout):
    """``count`` active, verified vendors, spread over the kecamatan."""
    rng = random.Random(count)
    kecamatan = list(Kecamatan.objects.prefetch_related("villages"))
    villages = {k.pk: [d.name for d in k.villages.all()] for k in kecamatan}
    start = Vendor.objects.count()
    now = timezone.now()
    done = 0
    while done < count:
        batch = []
        for i in range(done, min(done + BATCH, count)):
            n = start + i
            kec = kecamatan[n % len(kecamatan)]
            name = f"{rng.choice(PREFIXES)} {rng.choice(TRADES)} {rng.choice(OWNERS)} {n}"
            batch.append(
                Vendor(
                    name=name,
                    slug=f"umkm-{n}",
                    kecamatan=kec,
                    desa=villages[kec.pk][n % len(villages[kec.pk])],
                    kind=Vendor.Kind.MICRO if n % 9 else Vendor.Kind.COOPERATIVE,
                    whatsapp=f"62813{n:08d}"[:14],
                    nib=f"{8100000000000 + n:013d}",
                    status=Vendor.Status.ACTIVE,
                    nib_status=Vendor.NibStatus.VERIFIED,
                    description=f"{name}: usaha mikro dari {kec.name}.",
                    created_at=now,
                )
            )
        Vendor.objects.bulk_create(batch)
        done += len(batch)
        progress(stdout, "Vendors", done, count)


def generate_products(count, stdout):
    """``count`` published products of the public vendors, with photos from a small pool."""
    rng = random.Random(count)
    categories = list(Category.objects.filter(parent__isnull=False))
    vendor_ids = list(Vendor.objects.public().values_list("id", flat=True))
    pool = [make_image(f"Produk contoh {i}", 100 + i) for i in range(24)]
    start = Product.objects.count()
    now = timezone.now()
    done = 0
    while done < count:
        products = [
            generated_product(start + i, rng, categories, vendor_ids, now)
            for i in range(done, min(done + BATCH, count))
        ]
        created = Product.objects.bulk_create(products)
        ProductImage.objects.bulk_create(
            ProductImage(product=p, image=pool[p.pk % len(pool)], alt_text=p.name) for p in created
        )
        done += len(products)
        progress(stdout, "Products", done, count)


def generated_product(n, rng, categories, vendor_ids, now):
    base = data.PRODUCTS[n % len(data.PRODUCTS)]
    category = categories[n % len(categories)]
    name = f"{base[0]} {rng.choice(ADJECTIVES)} {n}"
    return Product(
        vendor_id=vendor_ids[n % len(vendor_ids)],
        category=category,
        name=name,
        name_en=f"{base[1]} {n}",
        slug=f"produk-{n}",
        description=f"{name}, produk usaha mikro Kabupaten Tangerang.",
        price=rng.randrange(5, 500) * 1000,
        unit=base[4],
        stock=rng.randrange(0, 200),
        status=Product.Status.PUBLISHED,
        published_at=now - timezone.timedelta(minutes=n),
        created_at=now,
    )
