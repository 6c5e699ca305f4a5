"""The 274 desa and kelurahan of Kabupaten Tangerang (Kepmendagri 300.2.2-2430/2025), as
reference data read from vendors/data/desa.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "desa.csv"


def load(apps, schema_editor):
    Kecamatan = apps.get_model("vendors.Kecamatan")
    Desa = apps.get_model("vendors.Desa")
    kecamatan = {k.code: k for k in Kecamatan.objects.all()}
    with DATA.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            Desa.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "kecamatan": kecamatan[row["code"][:8]]},
            )


def unload(apps, schema_editor):
    apps.get_model("vendors.Desa").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("vendors", "0004_register_without_nib")]

    operations = [migrations.RunPython(load, unload)]
