"""Product.vendor_listed: the vendor half of the public rule (active, NIB verified), on the
product's own row, so the catalog, search and facet scans need no join to the vendors.

Triggers keep it exact whatever writes the rows (forms, services, the admin, bulk seeding,
raw SQL): a product gets its vendor's state when it is inserted or moved to another vendor,
and a vendor's change of status or NIB status is copied to all its products. Whatever value
Django writes is replaced. Both PostgreSQL and SQLite get triggers, in their own dialects.
"""

from django.db import migrations, models

LISTED = "v.status = 'active' AND v.nib_status = 'verified'"

POSTGRESQL = f"""
CREATE FUNCTION catalog_product_vendor_listed() RETURNS trigger AS $$
BEGIN
  NEW.vendor_listed := EXISTS (SELECT 1 FROM vendors_vendor v WHERE v.id = NEW.vendor_id AND {LISTED});
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_product_vendor_listed
  BEFORE INSERT OR UPDATE OF vendor_id, vendor_listed
  ON catalog_product FOR EACH ROW EXECUTE FUNCTION catalog_product_vendor_listed();

CREATE FUNCTION vendors_vendor_listed() RETURNS trigger AS $$
BEGIN
  UPDATE catalog_product SET vendor_listed = (NEW.status = 'active' AND NEW.nib_status = 'verified')
  WHERE vendor_id = NEW.id
    AND vendor_listed IS DISTINCT FROM (NEW.status = 'active' AND NEW.nib_status = 'verified');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER vendors_vendor_listed
  AFTER UPDATE OF status, nib_status ON vendors_vendor
  FOR EACH ROW EXECUTE FUNCTION vendors_vendor_listed();
"""

POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS vendors_vendor_listed ON vendors_vendor;
DROP FUNCTION IF EXISTS vendors_vendor_listed();
DROP TRIGGER IF EXISTS catalog_product_vendor_listed ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_vendor_listed();
"""

# SQLite cannot change NEW in a BEFORE trigger: the row is corrected just after instead
# (recursive triggers are off, so these updates do not fire their own trigger again).
SQLITE_VENDOR_STATE = (
    f"coalesce((SELECT {LISTED} FROM vendors_vendor v WHERE v.id = NEW.vendor_id), 0)"
)
SQLITE = [
    f"""CREATE TRIGGER catalog_product_vendor_listed_insert AFTER INSERT ON catalog_product
    BEGIN
      UPDATE catalog_product SET vendor_listed = {SQLITE_VENDOR_STATE} WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER catalog_product_vendor_listed_update
    AFTER UPDATE OF vendor_id, vendor_listed ON catalog_product
    BEGIN
      UPDATE catalog_product SET vendor_listed = {SQLITE_VENDOR_STATE} WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER vendors_vendor_listed AFTER UPDATE OF status, nib_status ON vendors_vendor
    BEGIN
      UPDATE catalog_product
      SET vendor_listed = (NEW.status = 'active' AND NEW.nib_status = 'verified')
      WHERE vendor_id = NEW.id
        AND vendor_listed IS NOT (NEW.status = 'active' AND NEW.nib_status = 'verified');
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS vendors_vendor_listed",
    "DROP TRIGGER IF EXISTS catalog_product_vendor_listed_update",
    "DROP TRIGGER IF EXISTS catalog_product_vendor_listed_insert",
]

FILL = f"""
UPDATE catalog_product SET vendor_listed = EXISTS (
  SELECT 1 FROM vendors_vendor v WHERE v.id = catalog_product.vendor_id AND {LISTED}
)
"""


def in_dialect(schema_editor, postgresql: str, sqlite: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgresql)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)


def forward(apps, schema_editor):
    in_dialect(schema_editor, POSTGRESQL, SQLITE)
    schema_editor.execute(FILL)


def backward(apps, schema_editor):
    in_dialect(schema_editor, POSTGRESQL_BACKWARD, SQLITE_BACKWARD)


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
