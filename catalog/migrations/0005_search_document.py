"""A stored full-text document per product, with a GIN index (PostgreSQL only).

Triggers keep it current whatever writes the row (forms, services, bulk seeding, the admin):
the product's names and descriptions, and its vendor's name, which a rename of the vendor
rewrites. SQLite has no tsvector; there the catalog searches with LIKE instead.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE catalog_product ADD COLUMN search_document tsvector;

CREATE FUNCTION catalog_product_search_document() RETURNS trigger AS $$
BEGIN
  NEW.search_document :=
    setweight(to_tsvector('simple', coalesce(NEW.name, '') || ' ' || coalesce(NEW.name_en, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(
         (SELECT v.name FROM vendors_vendor v WHERE v.id = NEW.vendor_id), '')), 'B')
    || setweight(to_tsvector('simple',
         coalesce(NEW.description, '') || ' ' || coalesce(NEW.description_en, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_product_search_document
  BEFORE INSERT OR UPDATE OF name, name_en, description, description_en, vendor_id
  ON catalog_product FOR EACH ROW EXECUTE FUNCTION catalog_product_search_document();

CREATE FUNCTION vendors_vendor_renamed() RETURNS trigger AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE catalog_product SET name = name WHERE vendor_id = NEW.id;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER vendors_vendor_renamed
  AFTER UPDATE OF name ON vendors_vendor FOR EACH ROW EXECUTE FUNCTION vendors_vendor_renamed();

UPDATE catalog_product SET name = name;
CREATE INDEX catalog_product_search_gin ON catalog_product USING gin (search_document);
"""

BACKWARD = """
DROP TRIGGER IF EXISTS vendors_vendor_renamed ON vendors_vendor;
DROP FUNCTION IF EXISTS vendors_vendor_renamed();
DROP TRIGGER IF EXISTS catalog_product_search_document ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_search_document();
ALTER TABLE catalog_product DROP COLUMN IF EXISTS search_document;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_outlet_pages"), ("vendors", "0002_kecamatan")]

    operations = [migrations.RunPython(forward, backward)]
