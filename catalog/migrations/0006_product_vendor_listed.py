"""Product.vendor_listed: the vendor half of the public rule (active, NIB verified), on the
product's own row, so the catalog, search and facet scans need no join to the vendors. Database
triggers keep it exact whatever writes the rows.

The SQL is this migration's own, as catalog/triggers.py had it when the migration was written:
replaying the migration later runs the same SQL. On PostgreSQL it installs the triggers here; on
SQLite the triggers exist only between migrate runs (table rebuilds must not meet them), and the
post_migrate receiver of catalog/triggers.py installs them there. A later change to the
triggers comes with a migration of its own.
"""

from django.db import migrations, models

LISTED = "v.status = 'active' AND v.nib_status = 'verified'"

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION catalog_product_vendor_listed() RETURNS trigger AS $$
BEGIN
  NEW.vendor_listed := EXISTS (
    SELECT 1 FROM vendors_vendor v WHERE v.id = NEW.vendor_id AND {LISTED}
  );
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER catalog_product_vendor_listed
  BEFORE INSERT OR UPDATE OF vendor_id, vendor_listed
  ON catalog_product FOR EACH ROW EXECUTE FUNCTION catalog_product_vendor_listed();

CREATE OR REPLACE FUNCTION vendors_vendor_listed() RETURNS trigger AS $$
BEGIN
  UPDATE catalog_product SET vendor_listed = (NEW.status = 'active' AND NEW.nib_status = 'verified')
  WHERE vendor_id = NEW.id
    AND vendor_listed IS DISTINCT FROM (NEW.status = 'active' AND NEW.nib_status = 'verified');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER vendors_vendor_listed
  AFTER UPDATE OF status, nib_status ON vendors_vendor
  FOR EACH ROW EXECUTE FUNCTION vendors_vendor_listed();
"""

POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS vendors_vendor_listed ON vendors_vendor;
DROP FUNCTION IF EXISTS vendors_vendor_listed();
DROP TRIGGER IF EXISTS catalog_product_vendor_listed ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_vendor_listed();
"""

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS vendors_vendor_listed",
    "DROP TRIGGER IF EXISTS catalog_product_vendor_listed_update",
    "DROP TRIGGER IF EXISTS catalog_product_vendor_listed_insert",
]

# Only rows that are wrong are written (none, normally): rewriting every row would double
# the table on PostgreSQL until it is vacuumed.
FILL = f"""
UPDATE catalog_product SET vendor_listed = NOT vendor_listed
WHERE vendor_listed IS DISTINCT FROM EXISTS (
  SELECT 1 FROM vendors_vendor v WHERE v.id = catalog_product.vendor_id AND {LISTED}
)
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(POSTGRESQL)
            cursor.execute(FILL)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_BACKWARD)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_BACKWARD:
                cursor.execute(statement)


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
