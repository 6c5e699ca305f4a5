"""The database triggers that keep Product.vendor_listed, the vendor half of the public
rule (active, NIB verified), exact whatever writes the rows (forms, services, the admin, bulk
seeding, raw SQL): a product gets its vendor's state when it is inserted or moved to another
vendor, and a vendor's change of status or NIB status is copied to all its products. Whatever
value Django writes is replaced. PostgreSQL and SQLite each get them in their own dialect.

This module holds the current SQL. On PostgreSQL, migration 0006 installed the triggers with
its own copy of the SQL of its day; a change here comes with a new migration that installs it.
Django's SQLite schema editor rebuilds a table for most changes to it, and SQLite refuses to
rebuild a table that a trigger elsewhere names, so there the triggers exist only between
migrate runs: ``remove_for_migrate`` drops them before (pre_migrate) and ``restore`` installs
them after every migrate (post_migrate), on both databases, correcting any row written
meanwhile.
"""

from django.db import connections

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

# SQLite cannot change NEW in a BEFORE trigger: the row is corrected just after instead
# (recursive triggers are off, so these updates do not fire their own trigger again).
SQLITE_VENDOR_STATE = (
    f"coalesce((SELECT {LISTED} FROM vendors_vendor v WHERE v.id = NEW.vendor_id), 0)"
)
SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS catalog_product_vendor_listed_insert
    AFTER INSERT ON catalog_product
    BEGIN
      UPDATE catalog_product SET vendor_listed = {SQLITE_VENDOR_STATE} WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS catalog_product_vendor_listed_update
    AFTER UPDATE OF vendor_id, vendor_listed ON catalog_product
    BEGIN
      UPDATE catalog_product SET vendor_listed = {SQLITE_VENDOR_STATE} WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS vendors_vendor_listed
    AFTER UPDATE OF status, nib_status ON vendors_vendor
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

# Only rows that are wrong are written (none, normally): rewriting every row would double
# the table on PostgreSQL until it is vacuumed.
FILL = f"""
UPDATE catalog_product SET vendor_listed = NOT vendor_listed
WHERE vendor_listed IS DISTINCT FROM EXISTS (
  SELECT 1 FROM vendors_vendor v WHERE v.id = catalog_product.vendor_id AND {LISTED}
)
"""


def _in_dialect(connection, postgresql: str, sqlite: list[str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(postgresql)
        elif connection.vendor == "sqlite":
            for statement in sqlite:
                cursor.execute(statement)


def install(connection) -> None:
    """Create (or replace) the triggers and correct any row they would have kept."""
    _in_dialect(connection, POSTGRESQL, SQLITE)
    with connection.cursor() as cursor:
        cursor.execute(FILL)


def uninstall(connection) -> None:
    _in_dialect(connection, POSTGRESQL_BACKWARD, SQLITE_BACKWARD)


def remove_for_migrate(sender, using="default", **kwargs) -> None:
    """pre_migrate receiver: on SQLite, out of the way of table rebuilds."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        uninstall(connection)


def restore(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: install again, once the column exists (not when migrating back
    to before 0006)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if "catalog_product" not in tables:
            return
        columns = connection.introspection.get_table_description(cursor, "catalog_product")
    if any(column.name == "vendor_listed" for column in columns):
        install(connection)
