"""The Wagtail root's home page in Indonesian and its English translation, and the Site."""

import uuid

from django.db import migrations

HERO = {
    "id": (
        "Beranda",
        "Produk terbaik UMKM dan koperasi Kabupaten Tangerang",
        "Belanja langsung dari usaha mikro dan koperasi yang NIB dan sertifikat halalnya "
        "diverifikasi Dinas Koperasi dan Usaha Mikro. Lihat juga di RPPKUM Legok dan di "
        "outlet oleh-oleh Terminal 3 Bandara Soekarno-Hatta.",
    ),
    "en": (
        "Home",
        "The best of Kabupaten Tangerang's micro-businesses and cooperatives",
        "Buy directly from micro-businesses and cooperatives whose business licence (NIB) and "
        "halal certificates are verified by the regency. See them in person at RPPKUM Legok "
        "and at the oleh-oleh outlet in Soekarno-Hatta Airport, Terminal 3.",
    ),
}


def create_homepages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("website.HomePage")

    # The placeholder page wagtailcore's own data migration made.
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, depth=2).delete()
    Site.objects.all().delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="website")
    locales = {}
    for code in ("id", "en"):
        locales[code], _ = Locale.objects.get_or_create(language_code=code)

    key = uuid.uuid4()
    pages = {}
    for position, code in enumerate(("id", "en"), start=1):
        title, hero_title, hero_text = HERO[code]
        slug = "home" if code == "id" else "home-en"
        pages[code] = HomePage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=home_type,
            path=f"0001{position:04d}",
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locales[code],
            translation_key=key,
            live=True,
            hero_title=hero_title,
            hero_text=hero_text,
        )
    Page.objects.filter(depth=1).update(numchild=2)
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=pages["id"].pk, is_default_site=True,
        site_name="Etalase Tangerang",
    )


def remove_homepages(apps, schema_editor):
    apps.get_model("website.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepages, remove_homepages)]
