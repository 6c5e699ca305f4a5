"""The whole public catalog's facet groups from catalog_facet_summary (PostgreSQL), in one
query instead of a grouped scan of every public product (migration 0013 holds the table and
the triggers that keep it exact).

The table counts public products by what their own row and their vendor's kecamatan say:
category, kecamatan, in stock, brought to Terminal 3. What depends on the day or on a shelf
(a valid halal certificate, being on an outlet's shelf) is not in it: the few products
concerned are read and grouped with every flag as the scan did, and moved out of the plain
group the table counts them in.
"""

from collections import defaultdict

from django.db import connection
from django.db.models import Q

from .models.products import Product, on_shelf_condition

PLAIN = "nib"  # every public product has it (the public rule)


def plain_flags(in_stock: bool, bringable: bool) -> frozenset:
    """The flags of a product on no shelf and not halal-covered."""
    return frozenset(
        {PLAIN} | ({"stok"} if in_stock else set()) | ({"ambil_bandara"} if bringable else set())
    )


def summary_rows(grouped_special, flag_names, special_condition) -> list[tuple]:
    """(category, kecamatan, flags, count) for every public product. ``grouped_special`` is
    the grouped facet queryset (values category, vendor__kecamatan, the has_* flags and
    bringable_to_airport, annotated with n); it is narrowed to the products that
    ``special_condition`` (halal, or on a shelf) selects."""
    special = grouped_special.filter(special_condition)
    sql, params = special.query.sql_with_params()
    # Only our own names and a compiled queryset go into the text; the values are parameters.
    # A flag Django compiles to a constant (no halal certificate valid today) is an integer.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT category_id, kecamatan_id, in_stock, bringable, n, NULL"  # noqa: S608
            " FROM catalog_facet_summary WHERE n <> 0"
            " UNION ALL SELECT category, vendor__kecamatan, NULL, bringable_to_airport, n, ARRAY["
            + ", ".join(f"has_{name}::boolean" for name in flag_names)
            + f"] FROM ({sql}) AS special",
            params,
        )
        fetched = cursor.fetchall()
    counts = defaultdict(int)
    for category, kecamatan, in_stock, bringable, n, flags in fetched:
        if flags is None:
            counts[(category, kecamatan, plain_flags(in_stock, bringable))] += n
            continue
        has = frozenset(name for name, on in zip(flag_names, flags, strict=True) if on)
        counts[(category, kecamatan, has)] += n
        counts[(category, kecamatan, plain_flags("stok" in has, bringable))] -= n
    return [(c, k, has, n) for (c, k, has), n in counts.items() if n]


def special_condition(halal_condition, rppkum: str, airport: str) -> Q:
    """The products whose flags the table cannot know: one id subquery, a union of index
    reads (an OR of the conditions themselves would scan every product)."""
    ids = [
        Product.objects.filter(condition).order_by().values("pk")
        for condition in (
            halal_condition(),
            on_shelf_condition(rppkum),
            on_shelf_condition(airport),
        )
    ]
    return Q(pk__in=ids[0].union(*ids[1:]))
