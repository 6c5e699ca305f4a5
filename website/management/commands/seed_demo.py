import random
import sys
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Locale

from catalog.models import (
    Category,
    CurationRound,
    Location,
    LocationStock,
    Product,
    ProductImage,
    TierPrice,
)
from vendors import services
from vendors.images import save_image
from vendors.models import Kecamatan, Membership, Vendor
from website import demo_data
from website.models import HomePage, StandardPage, User

BATCH = 2000


class Command(BaseCommand):
    help = (
        "Load believable demo data (idempotent). --vendors N --products M add that many "
        "generated vendors and products on top, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--vendors", type=int, default=0, help="generated vendors to add")
        parser.add_argument("--products", type=int, default=0, help="generated products to add")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if seeded")

    def handle(self, *args, vendors=0, products=0, if_empty=False, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("seed_demo refuses to run with production settings.")
        if vendors < 0 or products < 0:
            raise CommandError("--vendors and --products must be zero or more.")
        if if_empty and User.objects.filter(username="admin").exists():
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        started = time.monotonic()
        # Verification e-mails to demo vendors go nowhere.
        quiet_mail = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        )
        with quiet_mail, transaction.atomic():
            self.seed_people()
            self.seed_categories()
            self.seed_vendors()
            self.seed_products()
            self.seed_more_makers()
            self.seed_variants()
            self.seed_locations()
            self.seed_outlet_pages()
            self.seed_orders()
            self.seed_partnerships()
            self.seed_pages()
        if vendors:
            self.generate_vendors(vendors)
        if products:
            self.generate_products(products)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        )

    # People -----------------------------------------------------------------------------
    def seed_people(self):
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={
                "email": "admin@example.com",
                "is_staff": True,
                "is_superuser": True,
                "first_name": "Admin",
                "last_name": "Diskum",
            },
        )
        if created:
            admin.set_password(demo_data.DEMO_PASSWORDS["admin"])
            admin.save()
        seller, created = User.objects.get_or_create(
            username="penjual",
            defaults={
                "email": "penjual@example.com",
                "first_name": "Sari",
                "last_name": "Wulandari",
            },
        )
        if created:
            seller.set_password(demo_data.DEMO_PASSWORDS["penjual"])
            seller.save()
        self.admin, self.seller = admin, seller

    # Catalog structure ----------------------------------------------------------------
    def seed_categories(self):
        for order, (slug, name, name_en, children) in enumerate(demo_data.CATEGORIES):
            parent, _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
            )
            for child_order, (child_slug, child_name, child_en) in enumerate(children):
                Category.objects.get_or_create(
                    slug=child_slug,
                    defaults={
                        "name": child_name,
                        "name_en": child_en,
                        "parent": parent,
                        "sort_order": child_order,
                    },
                )

    def seed_vendors(self):
        """Vendors go through the same services staff use, so every state has its history."""
        kecamatan = {k.name: k for k in Kecamatan.objects.all()}
        today = timezone.localdate()
        rows = [(*row, "verified") for row in demo_data.VENDORS] + demo_data.VENDORS_IN_REVIEW
        for index, (name, kind, kec, desa, story, state) in enumerate(rows):
            if Vendor.objects.filter(slug=slugify(name)).exists():
                continue
            vendor = Vendor.objects.create(
                name=name,
                slug=slugify(name),
                kind=kind,
                member_count=40 + index * 7 if kind != "usaha_mikro" else None,
                kecamatan=kecamatan[kec],
                desa=desa,
                address=f"Desa {desa}, Kecamatan {kec}, Kabupaten Tangerang",
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
                ContentFile(demo_data.draw_document("Nomor Induk Berusaha", vendor.nib)),
            )
            if state in ("verified", "suspended"):
                vendor = services.verify_nib(vendor, self.admin, "Sesuai data OSS-RBA.")
            elif state == "rejected":
                vendor = services.reject_nib(
                    vendor,
                    self.admin,
                    "NIB tidak ditemukan di OSS-RBA. Periksa lagi angkanya dan unggah "
                    "dokumen NIB yang terbaru.",
                )
            if state == "suspended":
                vendor = services.change_vendor_status(
                    vendor,
                    Vendor.Status.SUSPENDED,
                    self.admin,
                    "Dibekukan sementara: menunggu klarifikasi keluhan pembeli.",
                )
            if kind != "usaha_mikro" or index in (0, 2, 6, 7, 10, 12):
                self.seed_certificate(vendor, index, today)
        first, second = Vendor.objects.order_by("created_at", "id")[:2]
        for vendor in (first, second):
            Membership.objects.get_or_create(
                user=self.seller, vendor=vendor, defaults={"role": Membership.Role.OWNER}
            )

    def seed_certificate(self, vendor, index, today):
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
            ContentFile(demo_data.draw_document("Sertifikat Halal BPJPH", certificate.number)),
        )
        if vendor.nib_status == Vendor.NibStatus.PENDING:
            return  # waits in the staff queue with its vendor
        services.verify_halal_certificate(certificate, self.admin, "Cocok dengan SIHALAL.")

    def seed_products(self):
        categories = {c.slug: c for c in Category.objects.all()}
        vendors_by_theme = self.vendors_by_theme()
        now = timezone.now()
        for index, (name, name_en, category_slug, price, unit) in enumerate(demo_data.PRODUCTS):
            vendor = vendors_by_theme[category_slug]
            product, created = Product.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "vendor": vendor,
                    "category": categories[category_slug],
                    "name": name,
                    "name_en": name_en,
                    "description": f"{name} buatan {vendor.name}, {vendor.kecamatan}. "
                    "Dibuat dalam jumlah kecil dari bahan pilihan.",
                    "description_en": f"{name_en}, made by {vendor.name} in "
                    f"{vendor.kecamatan}. Small batches from chosen ingredients.",
                    "price": price,
                    "unit": unit,
                    "stock": (index * 13) % 60,
                    "min_order": 1,
                    "status": Product.Status.PUBLISHED,
                    "published_at": now - timezone.timedelta(days=index),
                    "halal_certificate": vendor.halal_certificates.first()
                    if category_slug in FOOD
                    else None,
                },
            )
            if created:
                image = self.make_image(name, index)
                ProductImage.objects.create(product=product, image=image, alt_text=name)

    def seed_more_makers(self):
        """More verified makers across the kecamatan, each with a few products."""
        if Vendor.objects.filter(slug=slugify(demo_data.MORE_MAKERS[0][0])).exists():
            return
        kecamatan = {k.name: k for k in Kecamatan.objects.all()}
        categories = {c.slug: c for c in Category.objects.all()}
        photos = self.photos_by_category()
        now = timezone.now()
        for index, (name, kec, category_slug) in enumerate(demo_data.MORE_MAKERS):
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
            services.verify_nib(vendor, self.admin, "Sesuai data OSS-RBA.")
            base = [p for p in demo_data.PRODUCTS if p[2] == category_slug] or [
                demo_data.PRODUCTS[index % len(demo_data.PRODUCTS)]
            ]
            for n in range(4):
                source = base[n % len(base)]
                label = ["Asli", "Spesial", "Pedas Manis", "Premium"][n]
                product = Product.objects.create(
                    vendor=vendor,
                    category=categories[category_slug],
                    name=f"{source[0]} {label} {kec}",
                    name_en=f"{source[1]} ({kec})",
                    slug=slugify(f"{source[0]} {label} {kec}"),
                    description=f"{source[0]} buatan {name}, Kecamatan {kec}.",
                    description_en=f"{source[1]} made by {name} in {kec}.",
                    price=int(source[3] * (0.9 + 0.1 * n)) // 500 * 500,
                    unit=source[4],
                    stock=(index * 7 + n * 5) % 40,
                    status=Product.Status.PUBLISHED,
                    published_at=now - timezone.timedelta(days=30 + index, hours=n),
                )
                ProductImage.objects.create(
                    product=product,
                    image=photos[category_slug][n % len(photos[category_slug])],
                    alt_text=product.name,
                )

    def photos_by_category(self):
        photos = {}
        for image in ProductImage.objects.select_related("product__category", "image"):
            photos.setdefault(image.product.category.slug, []).append(image.image)
        fallback = [img for imgs in photos.values() for img in imgs]
        return {c.slug: photos.get(c.slug, fallback) for c in Category.objects.all()}

    def seed_variants(self):
        """Each base product in several packs: hundreds of believable products."""
        if Product.objects.filter(slug__endswith="-kemasan-hemat").exists():
            return
        now = timezone.now()
        bases = list(
            Product.objects.filter(slug__in=[slugify(p[0]) for p in demo_data.PRODUCTS])
            .select_related("vendor")
            .prefetch_related("images")
        )
        for index, base in enumerate(bases):
            photo = base.images.all()[0].image
            for n, (suffix, suffix_en, factor) in enumerate(demo_data.VARIANTS):
                product = Product.objects.create(
                    vendor=base.vendor,
                    category_id=base.category_id,
                    name=f"{base.name} {suffix}",
                    name_en=f"{base.name_en} {suffix_en}",
                    slug=f"{base.slug}-{slugify(suffix)}",
                    description=base.description,
                    description_en=base.description_en,
                    price=int(base.price * factor) // 500 * 500,
                    unit=base.unit if suffix != "Grosir" else "5 kemasan",
                    stock=(index * 11 + n * 3) % 50,
                    min_order=5 if suffix == "Grosir" else 1,
                    halal_certificate=base.halal_certificate,
                    status=Product.Status.PUBLISHED,
                    published_at=now - timezone.timedelta(days=40 + n, hours=index),
                )
                ProductImage.objects.create(product=product, image=photo, alt_text=product.name)
                if suffix == "Grosir":
                    TierPrice.objects.create(
                        product=product, min_quantity=20, price=product.price * 9 // 10
                    )
                    TierPrice.objects.create(
                        product=product, min_quantity=100, price=product.price * 8 // 10
                    )
        # The demo vendor also has work in progress.
        seller_vendor = Vendor.objects.get(slug="keripik-tempe-bu-sari")
        category = Category.objects.get(slug="keripik-camilan")
        for name, status in (
            ("Keripik Tempe Rumput Laut", Product.Status.DRAFT),
            ("Keripik Tempe Jeruk Purut", Product.Status.ARCHIVED),
        ):
            product = Product.objects.create(
                vendor=seller_vendor,
                category=category,
                name=name,
                slug=slugify(name),
                description=f"{name}: resep baru Bu Sari.",
                price=21000,
                unit="200 g",
                stock=12,
                status=status,
                published_at=now - timezone.timedelta(days=90)
                if status == Product.Status.ARCHIVED
                else None,
            )
            ProductImage.objects.create(
                product=product, image=bases[0].images.all()[0].image, alt_text=name
            )

    def seed_locations(self):
        """The two outlets, their curation rounds, and what is on their shelves."""
        import datetime

        today = timezone.localdate()
        for spec in demo_data.LOCATIONS:
            location, created = Location.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "kind": spec["kind"],
                    "address": spec["address"],
                    "where": spec["where"],
                    "where_en": spec["where_en"],
                    "whatsapp": spec.get("whatsapp", ""),
                    "opens_at": spec["hours"][0],
                    "closes_at": spec["hours"][1],
                    "hours_note": spec["hours_note"],
                    "hours_note_en": spec["hours_note_en"],
                    "latitude": spec["lat"],
                    "longitude": spec["lng"],
                    "opened_on": spec["opened_on"],
                    "review_every_months": spec["review_every_months"],
                },
            )
            if not created:
                continue
            months = spec["review_every_months"]
            quarter_start = today.replace(day=1, month=((today.month - 1) // months) * months + 1)
            current = CurationRound.objects.create(
                location=location,
                name=f"Putaran {quarter_start:%m/%Y}",
                starts_on=quarter_start,
                review_due_on=quarter_start + datetime.timedelta(days=months * 30),
            )
            CurationRound.objects.create(
                location=location,
                name="Putaran pembukaan",
                starts_on=datetime.date(2025, 3, 1),
                review_due_on=quarter_start - datetime.timedelta(days=1),
            )
            step = 3 if location.kind == Location.Kind.SHOWROOM else 4
            products = list(Product.objects.public().order_by("pk"))
            for n, product in enumerate(products[::step]):
                food = product.category.parent and product.category.parent.slug == "makanan-minuman"
                status = LocationStock.Status.ACCEPTED
                if n % 9 == 7:
                    status = LocationStock.Status.PROPOSED
                elif n % 13 == 11:
                    status = LocationStock.Status.RETIRED
                LocationStock.objects.create(
                    location=location,
                    product=product,
                    curation_round=current,
                    status=status,
                    quantity=0 if status == LocationStock.Status.PROPOSED else 3 + n % 17,
                    shelf=f"Rak {chr(65 + n % 6)}{1 + n % 4}",
                    best_before=today + datetime.timedelta(days=20 + (n * 7) % 150)
                    if food
                    else None,
                )

    def seed_outlet_pages(self):
        from catalog.demo_pages import create_outlet_pages

        create_outlet_pages(
            HomePage.objects.get(locale__language_code="id"),
            HomePage.objects.get(locale__language_code="en"),
        )

    def seed_partnerships(self):
        from orders.demo_partnerships import create_demo_requests

        create_demo_requests(self.admin)

    def seed_orders(self):
        """A few orders in different states, through the same services as the site."""
        import datetime

        from orders import services as order_services
        from orders.models import Cart, CartItem, Order, OutletAssignment

        if Order.objects.exists():
            return
        outlet_user, created = User.objects.get_or_create(
            username="outlet", defaults={"email": "outlet@example.com", "first_name": "Dewi"}
        )
        if created:
            outlet_user.set_password(demo_data.DEMO_PASSWORDS["outlet"])
            outlet_user.save()
        airport = Location.objects.get(slug="sentral-oleh-oleh-t3")
        OutletAssignment.objects.get_or_create(user=outlet_user, location=airport)
        on_t3 = list(
            Product.objects.public()
            .filter(shelf_stock__location=airport, shelf_stock__status="accepted", stock__gt=2)
            .order_by("vendor_id")
        )
        seller_products = list(
            Product.objects.public().filter(vendor__slug="keripik-tempe-bu-sari", stock__gt=2)
        )
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)

        def at(day, hour, minute=0):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

        def cart_of(*products):
            cart = Cart.objects.create()
            for product in products:
                CartItem.objects.create(cart=cart, product=product, quantity=1)
            return cart

        buyers = [
            ("Ayu Lestari", "ayu@example.com", "6281311112222"),
            ("Budi Santoso", "budi@example.com", "6281233334444"),
            ("Clara Wijaya", "clara@example.com", "6285755556666"),
        ]
        for product in seller_products[:1]:
            Product.objects.filter(pk=product.pk).update(bringable_to_airport=True)
        airport_items = [p for p in on_t3 if p.vendor.slug != "keripik-tempe-bu-sari"][:1]
        airport_items += seller_products[:1]
        order = order_services.place_order(
            cart_of(*airport_items),
            order_services.Checkout(
                name=buyers[0][0],
                email=buyers[0][1],
                whatsapp=buyers[0][2],
                fulfilment=Order.Fulfilment.PICKUP_AIRPORT,
                payment_method=Order.Payment.CARD,
                flight_number="GA404",
                departure_at=at(tomorrow, 13, 30),
                pickup_at=at(tomorrow, 10, 30),
            ),
        )
        order_services.mark_paid(order, amount=order.total, currency="idr", source="demo")
        order = order_services.place_order(
            cart_of(*seller_products[1:3]),
            order_services.Checkout(
                name=buyers[1][0],
                email=buyers[1][1],
                whatsapp=buyers[1][2],
                fulfilment=Order.Fulfilment.DELIVERY,
                payment_method=Order.Payment.CARD,
                address="Jl. Citra Raya Boulevard No. 8, Cikupa, Kabupaten Tangerang",
            ),
        )
        order_services.mark_paid(order, amount=order.total, currency="idr", source="demo")
        part = order.parts.first()
        order_services.advance_part(part, self.admin, "shipped", "JNE CGK1234567890")
        order_services.place_order(
            cart_of(*seller_products[3:4]),
            order_services.Checkout(
                name=buyers[2][0],
                email=buyers[2][1],
                whatsapp=buyers[2][2],
                fulfilment=Order.Fulfilment.PICKUP_RPPKUM,
                payment_method=Order.Payment.AT_OUTLET,
            ),
        )

    def vendors_by_theme(self):
        by_slug = {v.slug: v for v in Vendor.objects.all()}

        def v(name):
            return by_slug[slugify(name)]

        return {
            "keripik-camilan": v("Keripik Tempe Bu Sari"),
            "kue-roti": v("Koperasi Produsen Kelapa Dua"),
            "kopi-teh": v("Kopi Pagedangan"),
            "sambal-bumbu": v("Sambal Mbak Rina"),
            "minuman": v("KDKMP Desa Kronjo Mandiri"),
            "jamu": v("Jamu Gendong Cisauk"),
            "anyaman": v("Anyaman Pandan Kresek"),
            "batik-tulis-cap": v("Batik Tangerang Lestari"),
            "busana-muslim": v("Batik Tangerang Lestari"),
            "tas-aksesori": v("Batik Tangerang Lestari"),
            "keramik-gerabah": v("Gerabah Teluknaga"),
            "kayu-bambu": v("Anyaman Pandan Kresek"),
            "minyak-sabun": v("Sabun Herbal Balaraja"),
        }

    def make_image(self, name, seed):
        Image = get_image_model()
        title = f"Foto {name}"
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        photo = ContentFile(demo_data.draw_product_photo(name, seed), name=f"{slugify(name)}.jpg")
        return save_image(ImageFile(photo, name=photo.name), title)

    # Pages ------------------------------------------------------------------------------
    def seed_pages(self):
        home = HomePage.objects.get(locale__language_code="id")
        if home.get_children().filter(slug="tentang").exists():
            return
        about = StandardPage(
            title="Tentang Etalase Tangerang",
            slug="tentang",
            intro="Etalase Tangerang adalah etalase daring usaha mikro dan koperasi "
            "Kabupaten Tangerang, dikelola Dinas Koperasi dan Usaha Mikro.",
            body=[
                ("heading", "Mengapa Etalase?"),
                (
                    "paragraph",
                    "<p>Kabupaten Tangerang memiliki sekitar 78.554 usaha mikro "
                    "(2025) dan 274 koperasi desa/kelurahan. Etalase mempertemukan mereka "
                    "dengan pembeli, hotel, dan ritel modern.</p>",
                ),
            ],
        )
        home.add_child(instance=about)
        about.save_revision().publish()
        english = Locale.objects.get(language_code="en")
        about_en = about.copy_for_translation(english)
        about_en.title = "About Etalase Tangerang"
        about_en.slug = "about"
        about_en.intro = (
            "Etalase Tangerang is the online showcase of Kabupaten Tangerang's "
            "micro-businesses and cooperatives, run by the regency's cooperatives office."
        )
        about_en.body = [
            ("heading", "Why Etalase?"),
            (
                "paragraph",
                "<p>Kabupaten Tangerang counts about 78,554 micro-businesses "
                "(2025) and 274 village cooperatives. Etalase connects them with shoppers, "
                "hotels and modern retail.</p>",
            ),
        ]
        about_en.save_revision().publish()

    # Scale ------------------------------------------------------------------------------
    def progress(self, label, done, total):
        """A live counter on a terminal; one line per 10% in a log."""
        line = f"{label}: {done:,}/{total:,} ({done * 100 // total}%)"
        if sys.stdout.isatty():
            self.stdout.write(f"\r{line}", ending="\n" if done == total else "")
            self.stdout.flush()
        elif done == total or done % max(total // 10, 1) < BATCH:
            self.stdout.write(line)

    def generate_vendors(self, count):
        rng = random.Random(count)
        kecamatan = list(Kecamatan.objects.all())
        start = Vendor.objects.count()
        prefixes = ["Dapur", "Rumah", "Sentra", "Griya", "Kedai", "Pondok", "Saung", "Warung"]
        owners = [
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
        trades = [
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
        now = timezone.now()
        done = 0
        while done < count:
            batch = []
            for i in range(done, min(done + BATCH, count)):
                n = start + i
                kec = kecamatan[n % len(kecamatan)]
                name = f"{rng.choice(prefixes)} {rng.choice(trades)} {rng.choice(owners)} {n}"
                batch.append(
                    Vendor(
                        name=name,
                        slug=f"umkm-{n}",
                        kecamatan=kec,
                        desa=f"Desa {n % 97}",
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
            self.progress("Vendors", done, count)

    def generate_products(self, count):
        rng = random.Random(count)
        categories = list(Category.objects.filter(parent__isnull=False))
        vendor_ids = list(Vendor.objects.public().values_list("id", flat=True))
        pool = [self.make_image(f"Produk contoh {i}", 100 + i) for i in range(24)]
        start = Product.objects.count()
        adjectives = ["Original", "Pedas", "Manis", "Gurih", "Spesial", "Premium", "Asli"]
        now = timezone.now()
        done = 0
        while done < count:
            products = []
            for i in range(done, min(done + BATCH, count)):
                n = start + i
                base = demo_data.PRODUCTS[n % len(demo_data.PRODUCTS)]
                category = categories[n % len(categories)]
                name = f"{base[0]} {rng.choice(adjectives)} {n}"
                products.append(
                    Product(
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
                )
            created = Product.objects.bulk_create(products)
            ProductImage.objects.bulk_create(
                ProductImage(product=p, image=pool[p.pk % len(pool)], alt_text=p.name)
                for p in created
            )
            done += len(products)
            self.progress("Products", done, count)


FOOD = {"keripik-camilan", "kue-roti", "kopi-teh", "sambal-bumbu", "minuman", "jamu"}
