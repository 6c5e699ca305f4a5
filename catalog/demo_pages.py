"""Demo content for the showroom page (/rppkum/) and the outlet page (/outlet-bandara/), in
Indonesian with English translations. Called by seed_demo once the Locations exist; safe to
call again (nothing is created twice)."""

from django.db.models import Exists, OuterRef

from vendors.models import Vendor

from .models import Location, LocationStock, Product
from .pages import OutletPage, ShowroomPage

SHOWROOM_SLUG, SHOWROOM_LOCATION = "rppkum", "rppkum-legok"
OUTLET_SLUG, OUTLET_LOCATION = "outlet-bandara", "sentral-oleh-oleh-t3"
FEATURED_PRODUCTS = 4
FEATURED_VENDORS = 4

SHOWROOM = {
    "id": {
        "title": "RPPKUM Legok",
        "seo_title": "RPPKUM Legok: etalase produk usaha mikro Kabupaten Tangerang",
        "intro": "Rumah Pemberdayaan dan Pengembangan Koperasi dan Usaha Mikro (RPPKUM) di "
        "Kecamatan Legok adalah pusat belajar, pengembangan, dan inkubasi bagi usaha mikro "
        "dan koperasi Kabupaten Tangerang, sekaligus etalase produk mereka.",
        "body": [
            ("heading", "Belajar, berkembang, dan tampil"),
            (
                "paragraph",
                "<p>RPPKUM Legok dibuka pada Maret 2025 oleh Dinas Koperasi dan Usaha Mikro "
                "Kabupaten Tangerang. Di sini pelaku usaha mikro dan pengurus koperasi "
                "belajar, mengembangkan usahanya, dan mengikuti inkubasi.</p>",
            ),
            ("heading", "Etalase produk usaha mikro"),
            (
                "paragraph",
                "<p>Ruang pamer RPPKUM menampilkan produk usaha mikro dan koperasi dari "
                "kecamatan-kecamatan di Kabupaten Tangerang. Produk yang Anda lihat di rak "
                "juga bisa dibeli secara daring di Etalase Tangerang.</p>",
            ),
        ],
    },
    "en": {
        "title": "RPPKUM Legok",
        "seo_title": "RPPKUM Legok: showroom of Kabupaten Tangerang's micro-businesses",
        "intro": "RPPKUM (Rumah Pemberdayaan dan Pengembangan Koperasi dan Usaha Mikro) in "
        "Kecamatan Legok is a centre for learning, development and incubation for the "
        "micro-businesses and cooperatives of Kabupaten Tangerang, and a showroom of their "
        "products.",
        "body": [
            ("heading", "Learn, grow and be seen"),
            (
                "paragraph",
                "<p>RPPKUM Legok was opened in March 2025 by the regency's office for "
                "cooperatives and micro-businesses (Dinas Koperasi dan Usaha Mikro). Here "
                "micro-entrepreneurs and cooperative officers learn, develop their business "
                "and take part in incubation.</p>",
            ),
            ("heading", "A showroom of micro-business products"),
            (
                "paragraph",
                "<p>The RPPKUM showroom presents products of micro-businesses and "
                "cooperatives from across Kabupaten Tangerang. What you see on its shelves "
                "can also be bought online at Etalase Tangerang.</p>",
            ),
        ],
    },
}

OUTLET = {
    "id": {
        "title": "Sentral Oleh-Oleh Terminal 3",
        "seo_title": "Oleh-oleh Kabupaten Tangerang di Terminal 3 Bandara Soekarno-Hatta",
        "intro": "Sentral Oleh-Oleh di Terminal 3 Keberangkatan Bandara Internasional "
        "Soekarno-Hatta menjual oleh-oleh dan kerajinan buatan usaha mikro dan koperasi "
        "Kabupaten Tangerang.",
        "body": [
            (
                "paragraph",
                "<p>Outlet ini dibuka pada Maret 2025. Semua produk di raknya dibuat oleh "
                "usaha mikro dan koperasi Kabupaten Tangerang yang NIB-nya sudah "
                "diverifikasi.</p>",
            ),
        ],
    },
    "en": {
        "title": "Sentral Oleh-Oleh, Terminal 3",
        "seo_title": "Kabupaten Tangerang oleh-oleh at Soekarno-Hatta Airport, Terminal 3",
        "intro": "Sentral Oleh-Oleh at Soekarno-Hatta International Airport, Terminal 3 "
        "Departures, sells oleh-oleh (local food and souvenirs) and crafts made by the "
        "micro-businesses and cooperatives of Kabupaten Tangerang.",
        "body": [
            (
                "paragraph",
                "<p>The outlet opened in March 2025. Everything on its shelves is made by "
                "micro-businesses and cooperatives of Kabupaten Tangerang whose business "
                "licence (NIB) has been verified.</p>",
            ),
        ],
    },
}


def create_outlet_pages(home_id, home_en):
    """Create and publish the showroom and outlet pages under the Indonesian home page, and
    their English translations under ``home_en``. Pages that exist are left as they are."""
    showroom = _page(
        home_id,
        ShowroomPage,
        SHOWROOM_SLUG,
        Location.objects.get(slug=SHOWROOM_LOCATION),
        SHOWROOM["id"],
        feature=True,
    )
    outlet = _page(
        home_id,
        OutletPage,
        OUTLET_SLUG,
        Location.objects.get(slug=OUTLET_LOCATION),
        OUTLET["id"],
    )
    english = home_en.locale
    _translation(showroom, english, SHOWROOM["en"])
    _translation(outlet, english, OUTLET["en"])
    return showroom, outlet


def _page(home, page_class, slug, location, content, feature=False):
    existing = page_class.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    page = page_class(slug=slug, location=location, **content)
    if feature:
        _feature(page, location)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _feature(page, location):
    """A few public products on the showroom's shelf (or any public ones), and their
    makers, as the editors' first picks."""
    on_shelf = LocationStock.objects.on_shelf().filter(location=location, product=OuterRef("pk"))
    public = Product.objects.public().order_by("pk")
    products = list(public.filter(Exists(on_shelf))[:FEATURED_PRODUCTS]) or list(
        public[:FEATURED_PRODUCTS]
    )
    vendor_ids = list(dict.fromkeys(p.vendor_id for p in products))
    vendors = list(Vendor.objects.public().filter(pk__in=vendor_ids)[:FEATURED_VENDORS])
    page.featured_products = [("product", product) for product in products]
    page.featured_vendors = [("vendor", vendor) for vendor in vendors]


def _translation(page, locale, content):
    if page.get_translation_or_none(locale) is not None:
        return
    translated = page.copy_for_translation(locale)
    for field, value in content.items():
        setattr(translated, field, value)
    translated.save_revision().publish()
