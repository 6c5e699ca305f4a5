"""Product.vendor_listed: the vendor half of the public rule (active, NIB verified), on the
product's own row, so the catalog, search and facet scans need no join to the vendors. Database
triggers keep it exact (catalog/triggers.py)."""

from django.db import migrations, models

# The SQL lives in catalog/triggers.py. On SQLite the triggers exist only between migrate
# runs (table rebuilds must not meet them): its post_migrate receiver installs them there.
from catalog import triggers


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        triggers.install(schema_editor.connection)


def backward(apps, schema_editor):
    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_document"), ("vendors", "0002_kecamatan")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="vendor_listed",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Copied from the vendor by the database; what is written here is replaced.",
                verbose_name="vendor is active and NIB-verified",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
