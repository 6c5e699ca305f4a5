"""Search that forgives spelling: the editable synonym list (seeded with common variants),
and on PostgreSQL the pg_trgm extension with a GIN trigram index on the product names, which
the catalog's did-you-mean fallback reads when full-text search finds nothing, and one on
the vendors' names for the site search.

pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner creates it without
being a superuser. SQLite has neither; there the fallback compares words in Python.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

SEEDS = [
    ("keripik", "kripik, keripick, crisps"),
    ("kerupuk", "krupuk, crackers"),
    ("chips", "crisps"),
    ("kue", "kueh, cake, cookies"),
    ("sambal", "sambel"),
    ("kopi", "coffee"),
    ("teh", "tea"),
]

# The site search (/cari/) finds businesses by a part of their name (icontains, which
# Django writes as UPPER(name) LIKE …): the second index serves it.
INDEX = """
CREATE INDEX IF NOT EXISTS catalog_product_name_trgm ON catalog_product
  USING gin (name gin_trgm_ops, name_en gin_trgm_ops);
CREATE INDEX IF NOT EXISTS vendors_vendor_name_trgm ON vendors_vendor
  USING gin ((UPPER(name::text)) gin_trgm_ops);
"""


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    for term, variants in SEEDS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"variants": variants})


def unseed(apps, schema_editor):
    apps.get_model("catalog", "SearchSynonym").objects.filter(
        term__in=[term for term, _variants in SEEDS]
    ).delete()


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_product_name_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS vendors_vendor_name_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_location_whatsapp"),
        ("vendors", "0002_kecamatan"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text="One word, as products are usually named, e.g. keripik.",
                        max_length=40,
                        unique=True,
                        verbose_name="word",
                    ),
                ),
                (
                    "variants",
                    models.CharField(
                        help_text=(
                            "Other spellings or words for it, separated by commas, e.g. kripik,"
                            " crisps."
                        ),
                        max_length=300,
                        verbose_name="also written as",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["term"],
            },
        ),
        migrations.RunPython(seed, unseed),
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
