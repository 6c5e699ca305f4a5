"""The four cluster fields the regency starts with; staff edit and add to them."""

from django.db import migrations

FIELDS = [
    ("Kuliner", "Culinary", "kuliner"),
    ("Fashion", "Fashion", "fashion"),
    ("Kerajinan", "Crafts", "kerajinan"),
    ("Herbal", "Herbal", "herbal"),
]


def add_fields(apps, schema_editor):
    ClusterField = apps.get_model("cooperatives", "ClusterField")
    for name, name_en, slug in FIELDS:
        ClusterField.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0001_initial")]

    operations = [migrations.RunPython(add_fields, migrations.RunPython.noop)]
