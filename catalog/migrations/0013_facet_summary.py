"""catalog_facet_summary: the public products counted by category, the vendor's kecamatan,
in stock or not and brought to Terminal 3 or not, kept exact by triggers (PostgreSQL only).

The catalog's facet counts without a search, business or price filter were one grouped scan
of every public product joined to its vendor (two thirds of a cold catalog visit: ~150 ms
at 100,000 products). They now read this table (about a thousand rows) and only the few
products whose flags depend on the day or on a shelf (halal certificates, the outlets'
shelves) one by one: catalog/facet_summary.py.

Triggers: a product's insert, delete, or change of what it is counted by (status, vendor,
public rule, category, stock above zero, brought to Terminal 3) moves its one count; a
vendor's move to another kecamatan moves its public products' counts; emptying the products
(TRUNCATE) empties the table. The vendor trigger's name sorts before vendors_vendor_listed,
so a vendor changing kecamatan and public state in one statement has its counts moved
first, then its products' public state changed (which reads the vendor's new kecamatan).
SQLite has no triggers here: the catalog there counts with the grouped scan, as before.
"""

from django.db import migrations

FORWARD = """
CREATE TABLE catalog_facet_summary (
  category_id bigint NOT NULL,
  kecamatan_id bigint NOT NULL,
  in_stock boolean NOT NULL,
  bringable boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (category_id, kecamatan_id, in_stock, bringable)
);

CREATE FUNCTION catalog_facet_summary_add(
  p_category bigint, p_vendor bigint, p_in_stock boolean, p_bringable boolean, p_delta integer
) RETURNS void AS $$
  INSERT INTO catalog_facet_summary AS s (category_id, kecamatan_id, in_stock, bringable, n)
  SELECT p_category, v.kecamatan_id, p_in_stock, p_bringable, p_delta
  FROM vendors_vendor v WHERE v.id = p_vendor
  ON CONFLICT (category_id, kecamatan_id, in_stock, bringable)
  DO UPDATE SET n = s.n + EXCLUDED.n;
$$ LANGUAGE sql;

CREATE FUNCTION catalog_product_facet_summary() RETURNS trigger AS $$
DECLARE
  old_public boolean := TG_OP <> 'INSERT' AND OLD.status = 'published' AND OLD.vendor_listed;
  new_public boolean := TG_OP <> 'DELETE' AND NEW.status = 'published' AND NEW.vendor_listed;
BEGIN
  IF TG_OP = 'UPDATE' AND old_public = new_public AND (NOT new_public OR (
       OLD.category_id = NEW.category_id AND OLD.vendor_id = NEW.vendor_id
       AND (OLD.stock > 0) = (NEW.stock > 0)
       AND OLD.bringable_to_airport = NEW.bringable_to_airport)) THEN
    RETURN NULL;
  END IF;
  IF old_public THEN
    PERFORM catalog_facet_summary_add(
      OLD.category_id, OLD.vendor_id, OLD.stock > 0, OLD.bringable_to_airport, -1);
  END IF;
  IF new_public THEN
    PERFORM catalog_facet_summary_add(
      NEW.category_id, NEW.vendor_id, NEW.stock > 0, NEW.bringable_to_airport, 1);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_product_facet_summary
  AFTER INSERT OR DELETE OR UPDATE OF status, vendor_listed, vendor_id, category_id, stock,
    bringable_to_airport
  ON catalog_product FOR EACH ROW EXECUTE FUNCTION catalog_product_facet_summary();

-- Emptying the products (Django's flush between transactional tests does) empties the counts.
CREATE FUNCTION catalog_product_facet_summary_truncate() RETURNS trigger AS $$
BEGIN
  TRUNCATE catalog_facet_summary;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_product_facet_summary_truncate
  AFTER TRUNCATE ON catalog_product
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_product_facet_summary_truncate();

CREATE FUNCTION vendors_vendor_facet_kecamatan() RETURNS trigger AS $$
BEGIN
  IF NEW.kecamatan_id IS DISTINCT FROM OLD.kecamatan_id THEN
    INSERT INTO catalog_facet_summary AS s (category_id, kecamatan_id, in_stock, bringable, n)
    SELECT p.category_id, k.kecamatan_id, p.stock > 0, p.bringable_to_airport,
           sum(k.sign)::integer
    FROM catalog_product p
    CROSS JOIN (VALUES (OLD.kecamatan_id, -1), (NEW.kecamatan_id, 1)) AS k (kecamatan_id, sign)
    WHERE p.vendor_id = NEW.id AND p.status = 'published' AND p.vendor_listed
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (category_id, kecamatan_id, in_stock, bringable)
    DO UPDATE SET n = s.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER vendors_vendor_facet_kecamatan
  AFTER UPDATE OF kecamatan_id ON vendors_vendor
  FOR EACH ROW EXECUTE FUNCTION vendors_vendor_facet_kecamatan();

INSERT INTO catalog_facet_summary (category_id, kecamatan_id, in_stock, bringable, n)
SELECT p.category_id, v.kecamatan_id, p.stock > 0, p.bringable_to_airport, count(*)
FROM catalog_product p JOIN vendors_vendor v ON v.id = p.vendor_id
WHERE p.status = 'published' AND p.vendor_listed
GROUP BY 1, 2, 3, 4;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS vendors_vendor_facet_kecamatan ON vendors_vendor;
DROP FUNCTION IF EXISTS vendors_vendor_facet_kecamatan();
DROP TRIGGER IF EXISTS catalog_product_facet_summary_truncate ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_facet_summary_truncate();
DROP TRIGGER IF EXISTS catalog_product_facet_summary ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_facet_summary();
DROP FUNCTION IF EXISTS catalog_facet_summary_add(bigint, bigint, boolean, boolean, integer);
DROP TABLE IF EXISTS catalog_facet_summary;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_seed_curation_criteria"),
        ("vendors", "0006_vendor_tax_and_bank"),
    ]

    operations = [migrations.RunPython(forward, backward)]
