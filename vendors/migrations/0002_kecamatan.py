"""The 29 kecamatan of Kabupaten Tangerang (Kemendagri 36.03), as reference data."""

from django.db import migrations

KECAMATAN = [
    ("01", "Balaraja"), ("02", "Jayanti"), ("03", "Tigaraksa"), ("04", "Jambe"),
    ("05", "Cisoka"), ("06", "Kresek"), ("07", "Kronjo"), ("08", "Mauk"), ("09", "Kemiri"),
    ("10", "Sukadiri"), ("11", "Rajeg"), ("12", "Pasar Kemis"), ("13", "Teluknaga"),
    ("14", "Kosambi"), ("15", "Pakuhaji"), ("16", "Sepatan"), ("17", "Curug"),
    ("18", "Cikupa"), ("19", "Panongan"), ("20", "Legok"), ("22", "Pagedangan"),
    ("23", "Cisauk"), ("27", "Sukamulya"), ("28", "Kelapa Dua"), ("29", "Sindang Jaya"),
    ("30", "Sepatan Timur"), ("31", "Solear"), ("32", "Gunung Kaler"), ("33", "Mekar Baru"),
]


def load(apps, schema_editor):
    Kecamatan = apps.get_model("vendors.Kecamatan")
    for code, name in KECAMATAN:
        Kecamatan.objects.update_or_create(code=f"36.03.{code}", defaults={"name": name})


def unload(apps, schema_editor):
    apps.get_model("vendors.Kecamatan").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
