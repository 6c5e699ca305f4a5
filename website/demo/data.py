"""Believable demo content: Indonesian businesses and products, drawn product photos.

Used by the seeding steps of ``website.demo`` (run by ``seed_demo``); every record is created
through get_or_create on a natural key, so running it twice changes nothing.
"""

import random

DEMO_PASSWORDS = {
    "admin": "etalase-admin-2026",
    "penjual": "etalase-penjual-2026",
    "outlet": "etalase-outlet-2026",
    "koperasi": "etalase-koperasi-2026",
}

CATEGORIES = [
    # slug, name, English name, children
    (
        "makanan-minuman",
        "Makanan & Minuman",
        "Food & Drink",
        [
            ("keripik-camilan", "Keripik & Camilan", "Chips & Snacks"),
            ("kue-roti", "Kue & Roti", "Cakes & Bread"),
            ("kopi-teh", "Kopi & Teh", "Coffee & Tea"),
            ("sambal-bumbu", "Sambal & Bumbu", "Sambal & Spices"),
            ("minuman", "Minuman", "Drinks"),
        ],
    ),
    (
        "kerajinan",
        "Kerajinan",
        "Crafts",
        [
            ("anyaman", "Anyaman", "Woven goods"),
            ("keramik-gerabah", "Keramik & Gerabah", "Ceramics & Pottery"),
            ("kayu-bambu", "Kayu & Bambu", "Wood & Bamboo"),
        ],
    ),
    (
        "fashion-batik",
        "Fashion & Batik",
        "Fashion & Batik",
        [
            ("batik-tulis-cap", "Batik Tulis & Cap", "Hand-drawn & Stamped Batik"),
            ("busana-muslim", "Busana Muslim", "Muslim Wear"),
            ("tas-aksesori", "Tas & Aksesori", "Bags & Accessories"),
        ],
    ),
    (
        "herbal-kesehatan",
        "Herbal & Kesehatan",
        "Herbal & Health",
        [
            ("jamu", "Jamu", "Jamu (herbal drinks)"),
            ("minyak-sabun", "Minyak & Sabun Alami", "Natural Oils & Soaps"),
        ],
    ),
]

# (name, kind, kecamatan, desa, story)
VENDORS = [
    (
        "Keripik Tempe Bu Sari",
        "usaha_mikro",
        "Legok",
        "Babat",
        "Bu Sari menggoreng keripik tempe tipis dari kedelai lokal, "
        "dibumbui bawang dan daun jeruk.",
    ),
    (
        "Batik Tangerang Lestari",
        "usaha_mikro",
        "Tigaraksa",
        "Kadu Agung",
        "Batik tulis dan cap dengan motif khas Tangerang: Kembang Gerendel, Pintu Air, "
        "dan Kali Cisadane.",
    ),
    (
        "Kopi Pagedangan",
        "usaha_mikro",
        "Pagedangan",
        "Cicalengka",
        "Kopi robusta yang disangrai kecil-kecilan setiap pekan, dipasok petani Banten.",
    ),
    (
        "Koperasi Wanita Sejahtera Mauk",
        "koperasi",
        "Mauk",
        "Ketapang",
        "Koperasi ibu-ibu nelayan Mauk yang mengolah ikan dan udang menjadi kerupuk dan abon.",
    ),
    (
        "KDKMP Desa Kronjo Mandiri",
        "kdkmp",
        "Kronjo",
        "Pasilian",
        "Koperasi Desa Merah Putih yang memasarkan hasil olahan warga Kronjo.",
    ),
    (
        "Anyaman Pandan Kresek",
        "usaha_mikro",
        "Kresek",
        "Renged",
        "Tas dan tikar anyaman pandan buatan tangan perajin Kresek.",
    ),
    (
        "Sambal Mbak Rina",
        "usaha_mikro",
        "Cikupa",
        "Talaga",
        "Sambal bawang, sambal cumi, dan sambal roa dalam botol kaca, tanpa pengawet.",
    ),
    (
        "Jamu Gendong Cisauk",
        "usaha_mikro",
        "Cisauk",
        "Sampora",
        "Kunyit asam, beras kencur, dan temulawak racikan turun-temurun.",
    ),
    (
        "Gerabah Teluknaga",
        "usaha_mikro",
        "Teluknaga",
        "Lemo",
        "Gerabah dan keramik hias dari tanah liat pesisir Teluknaga.",
    ),
    (
        "Koperasi Produsen Kelapa Dua",
        "koperasi",
        "Kelapa Dua",
        "Bojong Nangka",
        "Koperasi produsen kue kering dan roti untuk hotel dan kafe di Kelapa Dua.",
    ),
    (
        "Dodol Betawi Pasar Kemis",
        "usaha_mikro",
        "Pasar Kemis",
        "Suka Asih",
        "Dodol dan geplak diaduk delapan jam di kuali tembaga.",
    ),
    (
        "Sabun Herbal Balaraja",
        "usaha_mikro",
        "Balaraja",
        "Saga",
        "Sabun dan minyak alami dari sereh, kelor, dan minyak kelapa.",
    ),
]

# Vendors that show the other states staff handle: (name, kind, kecamatan, desa, story, state)
VENDORS_IN_REVIEW = [
    (
        "Keripik Pisang Mekar Baru",
        "usaha_mikro",
        "Mekar Baru",
        "Kosambi Dalam",
        "Keripik pisang tanduk dan pisang kepok, manis dan asin.",
        "pending",
    ),
    (
        "Kerupuk Kulit Sukadiri",
        "usaha_mikro",
        "Sukadiri",
        "Karang Serang",
        "Kerupuk kulit sapi dijemur di bawah matahari pesisir.",
        "rejected",
    ),
    (
        "Madu Hutan Solear",
        "usaha_mikro",
        "Solear",
        "Cireundeu",
        "Madu dari lebah yang digembalakan di kebun warga.",
        "suspended",
    ),
    (
        "KDKMP Desa Jambe Berdaya",
        "kdkmp",
        "Jambe",
        "Ranca Buaya",
        "Koperasi desa yang baru mendaftar untuk memasarkan beras dan gula aren warga.",
        "pending",
    ),
]

# (name, English name, category slug, price, unit)
PRODUCTS = [
    ("Keripik Tempe Original", "Original Tempeh Chips", "keripik-camilan", 18000, "200 g"),
    ("Keripik Tempe Pedas", "Spicy Tempeh Chips", "keripik-camilan", 20000, "200 g"),
    ("Keripik Singkong Balado", "Balado Cassava Chips", "keripik-camilan", 15000, "250 g"),
    ("Kerupuk Udang Mauk", "Mauk Prawn Crackers", "keripik-camilan", 35000, "500 g"),
    ("Abon Ikan Tongkol", "Shredded Tuna Floss", "sambal-bumbu", 45000, "150 g"),
    ("Kue Semprong", "Semprong Rolls", "kue-roti", 30000, "1 toples"),
    ("Roti Gambang", "Gambang Bread", "kue-roti", 12000, "pcs"),
    ("Dodol Betawi Ketan Hitam", "Black Rice Dodol", "kue-roti", 40000, "500 g"),
    ("Kopi Robusta Bubuk", "Ground Robusta Coffee", "kopi-teh", 55000, "250 g"),
    ("Kopi Robusta Biji Sangrai", "Roasted Robusta Beans", "kopi-teh", 60000, "250 g"),
    ("Teh Serai Jahe", "Lemongrass Ginger Tea", "kopi-teh", 25000, "20 kantong"),
    ("Sambal Bawang", "Shallot Sambal", "sambal-bumbu", 28000, "200 ml"),
    ("Sambal Cumi", "Squid Sambal", "sambal-bumbu", 38000, "200 ml"),
    ("Bumbu Pecel", "Peanut Pecel Paste", "sambal-bumbu", 22000, "250 g"),
    ("Kunyit Asam", "Turmeric Tamarind Jamu", "jamu", 10000, "350 ml"),
    ("Beras Kencur", "Rice Galangal Jamu", "jamu", 10000, "350 ml"),
    ("Sirup Pala", "Nutmeg Syrup", "minuman", 35000, "500 ml"),
    ("Tas Anyaman Pandan", "Woven Pandan Bag", "anyaman", 85000, "pcs"),
    ("Tikar Pandan Lipat", "Folding Pandan Mat", "anyaman", 120000, "pcs"),
    (
        "Batik Tulis Kembang Gerendel",
        "Kembang Gerendel Hand-drawn Batik",
        "batik-tulis-cap",
        450000,
        "2 m",
    ),
    (
        "Kemeja Batik Cap Pintu Air",
        "Pintu Air Stamped Batik Shirt",
        "batik-tulis-cap",
        185000,
        "pcs",
    ),
    ("Kerudung Motif Cisadane", "Cisadane Pattern Headscarf", "busana-muslim", 75000, "pcs"),
    ("Dompet Batik", "Batik Purse", "tas-aksesori", 45000, "pcs"),
    ("Vas Gerabah Teluknaga", "Teluknaga Clay Vase", "keramik-gerabah", 95000, "pcs"),
    ("Cobek Batu", "Stone Mortar", "keramik-gerabah", 65000, "pcs"),
    ("Nampan Bambu", "Bamboo Tray", "kayu-bambu", 55000, "pcs"),
    ("Sabun Sereh Wangi", "Citronella Soap", "minyak-sabun", 20000, "100 g"),
    ("Minyak Kelapa Murni", "Virgin Coconut Oil", "minyak-sabun", 50000, "250 ml"),
]

PALETTE = [
    ((214, 160, 66), (120, 72, 20)),
    ((180, 65, 12), (252, 232, 200)),
    ((11, 93, 75), (246, 196, 83)),
    ((94, 60, 40), (236, 214, 180)),
    ((58, 92, 160), (235, 240, 250)),
    ((150, 40, 60), (250, 220, 210)),
]


def draw_product_photo(name: str, seed: int, size: int = 800):
    """A square, friendly product 'photo' drawn with Pillow: a coloured backdrop, a package
    shape and the product's name, so the demo looks like a shop rather than a wireframe."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    background, foreground = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x, y = rng.randrange(size), rng.randrange(size)
        r = rng.randrange(size // 20, size // 6)
        tint = tuple(min(255, c + 25) for c in background)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tint)
    margin = size // 5
    draw.rounded_rectangle(
        (margin, margin, size - margin, size - margin), radius=size // 12, fill=foreground
    )
    draw.rectangle(
        (margin, size // 2 - size // 14, size - margin, size // 2 + size // 14), fill=background
    )
    try:
        font = ImageFont.load_default(size=size // 16)
    except TypeError:  # very old Pillow
        font = ImageFont.load_default()
    words, lines, line = name.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > size - 2 * margin - size // 10 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    y = size - margin + size // 30
    for text in lines[:2]:
        width = draw.textlength(text, font=font)
        draw.text(((size - width) / 2, y), text, fill=foreground, font=font)
        y += size // 14
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


# More makers, so the catalog spreads over most kecamatan: (name, kecamatan, category slug)
MORE_MAKERS = [
    ("Emping Melinjo Jayanti", "Jayanti", "keripik-camilan"),
    ("Opak Ketan Cisoka", "Cisoka", "keripik-camilan"),
    ("Gula Aren Kemiri", "Kemiri", "sambal-bumbu"),
    ("Rengginang Rajeg", "Rajeg", "keripik-camilan"),
    ("Ikan Asin Kosambi", "Kosambi", "sambal-bumbu"),
    ("Bandeng Presto Pakuhaji", "Pakuhaji", "sambal-bumbu"),
    ("Batik Sepatan", "Sepatan", "batik-tulis-cap"),
    ("Roti Buaya Curug", "Curug", "kue-roti"),
    ("Kopi Panongan", "Panongan", "kopi-teh"),
    ("Keset Perca Sukamulya", "Sukamulya", "anyaman"),
    ("Jamu Sindang Jaya", "Sindang Jaya", "jamu"),
    ("Kue Kering Sepatan Timur", "Sepatan Timur", "kue-roti"),
    ("Dodol Nanas Gunung Kaler", "Gunung Kaler", "kue-roti"),
    ("Kerajinan Bambu Cikupa", "Cikupa", "kayu-bambu"),
    ("Tas Rajut Kelapa Dua", "Kelapa Dua", "tas-aksesori"),
    ("Busana Muslim Balaraja", "Balaraja", "busana-muslim"),
    ("Sirup Jahe Tigaraksa", "Tigaraksa", "minuman"),
    ("Minyak Sereh Legok", "Legok", "minyak-sabun"),
]

# Variants of each product: (Indonesian suffix, English suffix, price factor)
VARIANTS = [
    ("Kemasan Hemat", "Value Pack", 1.8),
    ("Paket Oleh-oleh", "Gift Pack", 2.5),
    ("Mini", "Mini", 0.5),
    ("Edisi Spesial", "Special Edition", 1.3),
    ("Isi 3", "Pack of 3", 2.8),
    ("Kemasan Kaleng", "In a Tin", 1.6),
    ("Grosir", "Wholesale", 4.5),
]

LOCATIONS = [
    {
        "slug": "rppkum-legok",
        "name": "RPPKUM Legok",
        "kind": "showroom",
        "address": "Rumah Pemberdayaan dan Pengembangan Koperasi dan Usaha Mikro, "
        "Kecamatan Legok, Kabupaten Tangerang, Banten",
        "where": "Ruang pamer (etalase) di lantai dasar",
        "where_en": "The showroom on the ground floor",
        "whatsapp": "6281100002020",
        "hours": ("08:00", "16:00"),
        "hours_note": "Senin–Sabtu",
        "hours_note_en": "Monday to Saturday",
        "lat": "-6.292600",
        "lng": "106.598000",
        "opened_on": "2025-03-01",
        "review_every_months": 6,
    },
    {
        "slug": "sentral-oleh-oleh-t3",
        "name": "Sentral Oleh-Oleh Terminal 3",
        "kind": "airport",
        "address": "Terminal 3 Keberangkatan, Bandara Internasional Soekarno-Hatta, "
        "Tangerang, Banten",
        "where": "Terminal 3 Keberangkatan",
        "where_en": "Terminal 3 Departures",
        "whatsapp": "6281100003003",
        "hours": ("05:00", "22:00"),
        "hours_note": "Setiap hari",
        "hours_note_en": "Every day",
        "lat": "-6.125600",
        "lng": "106.655900",
        "opened_on": "2025-03-01",
        "review_every_months": 3,
    },
]


def draw_document(title: str, number: str) -> bytes:
    """A stand-in scan of a licence (PNG), so staff have something to open in the demo."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1000, 700), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 980, 680), outline=(11, 93, 75), width=6)
    big = ImageFont.load_default(size=44)
    small = ImageFont.load_default(size=28)
    draw.text((60, 80), title, fill=(20, 30, 30), font=big)
    draw.text((60, 200), number, fill=(20, 30, 30), font=big)
    draw.text((60, 600), "CONTOH DOKUMEN — DATA DEMO", fill=(180, 65, 12), font=small)
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
