"""The demo catalog: categories, the reference products with drawn photos, their variants."""

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model

from catalog.models import Category, Product, ProductImage, TierPrice
from vendors.images import save_image
from vendors.models import Vendor
from website.demo import data

FOOD = {"keripik-camilan", "kue-roti", "kopi-teh", "sambal-bumbu", "minuman", "jamu"}


def seed_categories():
    for order, (slug, name, name_en, children) in enumerate(data.CATEGORIES):
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


def seed_products():
    categories = {c.slug: c for c in Category.objects.all()}
    vendors_by_theme = vendors_for_categories()
    now = timezone.now()
    for index, (name, name_en, category_slug, price, unit) in enumerate(data.PRODUCTS):
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
            image = make_image(name, index)
            ProductImage.objects.create(product=product, image=image, alt_text=name)


def vendors_for_categories():
    """Which named vendor makes the reference products of each category."""
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


def photos_by_category():
    photos = {}
    for image in ProductImage.objects.select_related("product__category", "image"):
        photos.setdefault(image.product.category.slug, []).append(image.image)
    fallback = [img for imgs in photos.values() for img in imgs]
    return {c.slug: photos.get(c.slug, fallback) for c in Category.objects.all()}


def make_image(name, seed):
    Image = get_image_model()
    title = f"Foto {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    photo = ContentFile(data.draw_product_photo(name, seed), name=f"{slugify(name)}.jpg")
    return save_image(ImageFile(photo, name=photo.name), title)


def seed_variants():
    """Each base product in several packs: hundreds of believable products."""
    if Product.objects.filter(slug__endswith="-kemasan-hemat").exists():
        return
    now = timezone.now()
    bases = list(
        Product.objects.filter(slug__in=[slugify(p[0]) for p in data.PRODUCTS])
        .select_related("vendor")
        .prefetch_related("images")
    )
    for index, base in enumerate(bases):
        photo = base.images.all()[0].image
        for n, (suffix, suffix_en, factor) in enumerate(data.VARIANTS):
            product = create_variant(base, index, n, suffix, suffix_en, factor, now)
            ProductImage.objects.create(product=product, image=photo, alt_text=product.name)
            if suffix == "Grosir":
                TierPrice.objects.create(
                    product=product, min_quantity=20, price=product.price * 9 // 10
                )
                TierPrice.objects.create(
                    product=product, min_quantity=100, price=product.price * 8 // 10
                )
    seed_work_in_progress(bases[0].images.all()[0].image, now)


def create_variant(base, index, n, suffix, suffix_en, factor, now):
    return Product.objects.create(
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


def seed_work_in_progress(photo, now):
    """The demo vendor also has work in progress: a draft and an archived product."""
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
        ProductImage.objects.create(product=product, image=photo, alt_text=name)
