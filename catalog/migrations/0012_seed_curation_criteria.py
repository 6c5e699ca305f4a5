"""The six criteria the regency judges a product by before it goes on an outlet's shelf."""

from django.db import migrations

CRITERIA = [
    (
        "Kualitas",
        "Quality",
        "Bahan baku, kebersihan produksi, rasa dan tekstur yang sama dari kemasan ke kemasan.",
        "Ingredients, clean production, and the same taste and texture from pack to pack.",
    ),
    (
        "Rasa",
        "Taste",
        "Dicicipi oleh tim kurasi: enak, khas, dan cocok untuk oleh-oleh.",
        "Tasted by the curation team: good, distinctive and fit to take home as a gift.",
    ),
    (
        "Kemasan",
        "Packaging",
        "Kemasan rapi dan aman dibawa (juga di kabin pesawat), label lengkap: nama, isi "
        "bersih, komposisi, tanggal kedaluwarsa, alamat produsen.",
        "Neat packaging, safe to carry (in an aircraft cabin too), a full label: name, net "
        "content, ingredients, best-before date, the maker's address.",
    ),
    (
        "Identitas lokal",
        "Local identity",
        "Produk dan ceritanya mewakili Kabupaten Tangerang: bahan, resep atau kerajinan setempat.",
        "The product and its story stand for Kabupaten Tangerang: local ingredients, recipes "
        "or crafts.",
    ),
    (
        "Halal",
        "Halal",
        "Sertifikat halal yang berlaku untuk produk pangan (wajib untuk makanan dan minuman).",
        "A valid halal certificate for food products (required for food and drink).",
    ),
    (
        "Perizinan",
        "Permits",
        "NIB terverifikasi, dan PIRT atau izin edar BPOM bila produk memerlukannya.",
        "A verified NIB, and a PIRT or BPOM marketing permit where the product needs one.",
    ),
]


def seed(apps, schema_editor):
    Criterion = apps.get_model("catalog", "CurationCriterion")
    if Criterion.objects.exists():
        return
    for order, (name, name_en, description, description_en) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(
            name=name,
            name_en=name_en,
            description=description,
            description_en=description_en,
            order=order * 10,
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_barcode_minimum_and_curation_criteria")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
