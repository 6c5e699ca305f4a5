"""The catalog's filters, facets and sort, as a django-filter FilterSet on GET parameters.

Bad values never fail the page: a field whose value does not validate is left out of the
filtering, and the view explains which ones were ignored.
"""

import hashlib
from collections import defaultdict

import django_filters
from django import forms
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, FloatField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.cache import content_generation, generation, get_or_compute
from vendors.cooperatives.models import BusinessMembership
from vendors.models import HalalCertificate, Kecamatan

from .facet_summary import special_condition, summary_rows
from .models.products import Category, Product, airport_pickup_condition, on_shelf_condition
from .search_terms import expand, search_terms

RPPKUM, AIRPORT = "rppkum-legok", "sentral-oleh-oleh-t3"
MAX_QUERY = 100
SORTS = {
    "terbaru": (_("Newest"), ["-published_at", "-id"]),
    "termurah": (_("Price: low to high"), ["price", "id"]),
    "termahal": (_("Price: high to low"), ["-price", "-id"]),
    "nama": (_("Name A–Z"), ["name", "id"]),
}
BOOLEAN_FACETS = ("halal", "nib", "rppkum", "bandara", "ambil_bandara", "stok")
NARROWING = ("q", "umkm", "koperasi", "harga_min", "harga_max")  # filters that no facet is about
FACETED = {"kategori", "kecamatan", *BOOLEAN_FACETS}


def halal_condition():
    """Covered today by a verified, unrevoked, unexpired certificate (its own, or one of its
    vendor's that covers all products)."""
    certificates, vendors = get_or_compute(f"halal-ids:{generation()}", _valid_halal_ids, 600)
    # Literal id lists rather than subqueries: PostgreSQL then knows how rare halal products
    # are and reads them through the indexes instead of walking the whole catalog.
    return Q(halal_certificate__in=certificates) | Q(vendor__in=vendors)


def _valid_halal_ids() -> tuple[list, list]:
    """Certificates valid today, and the vendors one of them covers entirely (cached per
    content generation, which also turns with the date)."""
    valid = HalalCertificate.objects.valid_on(timezone.localdate())
    return (
        list(valid.values_list("pk", flat=True)),
        sorted(set(valid.filter(covers_all_products=True).values_list("vendor_id", flat=True))),
    )


BOOLEAN_CONDITIONS = {
    "halal": halal_condition,
    # Every public product's vendor is NIB-verified (the public rule, kept on the row).
    "nib": lambda: Q(vendor_listed=True),
    "rppkum": lambda: on_shelf_condition(RPPKUM),
    "bandara": lambda: on_shelf_condition(AIRPORT),
    # On that shelf, or brought there in time by its vendor: checkout's rule.
    "ambil_bandara": airport_pickup_condition,
    "stok": lambda: Q(stock__gt=0),
}


def tsquery(terms: list[str]) -> str:
    """Every word (as a prefix), or any of the words the synonym list gives for it."""
    groups = [" | ".join(f"{word}:*" for word in group) for group in expand(terms)]
    return " & ".join(f"({group})" if " | " in group else group for group in groups)


def search(queryset, query: str):
    """Full-text search over product and vendor names and descriptions, both languages.
    PostgreSQL: a prefix tsquery over the stored 'simple' (language-neutral) document, which
    a GIN index serves (migration 0005 keeps it current with triggers).
    Elsewhere (SQLite): every word must appear in one of the fields.
    A word on the synonym list matches any of its synonyms (search_terms.expand)."""
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        matches = RawSQL(
            '"catalog_product"."search_document" @@ to_tsquery(\'simple\', %s)',
            [tsquery(terms)],
            output_field=BooleanField(),
        )
        return queryset.alias(search_match=matches).filter(search_match=True)
    fields = ["name", "name_en", "description", "description_en", "vendor__name"]
    for group in expand(terms):
        any_field = Q()
        for word in group:
            for field in fields:
                any_field |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset


class FlagFilter(django_filters.BooleanFilter):
    """A checkbox: '1' turns it on; anything else is ignored."""

    field_class = forms.BooleanField

    def __init__(self, condition, **kwargs):
        self.condition = condition
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs.filter(self.condition()) if value else qs


class ProductFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=500)
    kategori = django_filters.CharFilter(method="filter_category", label=_("Category"))
    kecamatan = django_filters.CharFilter(method="filter_kecamatan", label=_("Kecamatan"))
    umkm = django_filters.CharFilter(field_name="vendor__slug", label=_("Business"), max_length=140)
    koperasi = django_filters.CharFilter(
        method="filter_cooperative", label=_("From the members of a cooperative"), max_length=140
    )
    harga_min = django_filters.NumberFilter(
        field_name="price",
        lookup_expr="gte",
        label=_("Lowest price"),
        min_value=0,
        max_value=10**12,
    )
    harga_max = django_filters.NumberFilter(
        field_name="price",
        lookup_expr="lte",
        label=_("Highest price"),
        min_value=0,
        max_value=10**12,
    )
    halal = FlagFilter(BOOLEAN_CONDITIONS["halal"], label=_("Halal certified"))
    nib = FlagFilter(BOOLEAN_CONDITIONS["nib"], label=_("NIB verified"))
    rppkum = FlagFilter(BOOLEAN_CONDITIONS["rppkum"], label=_("On the shelf at RPPKUM Legok"))
    bandara = FlagFilter(BOOLEAN_CONDITIONS["bandara"], label=_("On the shelf at Terminal 3"))
    ambil_bandara = FlagFilter(
        BOOLEAN_CONDITIONS["ambil_bandara"], label=_("Can be collected at Terminal 3")
    )
    stok = FlagFilter(BOOLEAN_CONDITIONS["stok"], label=_("In stock"))
    urut = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        label=_("Sort"),
        empty_label=None,
    )

    class Meta:
        model = Product
        fields: list[str] = []

    def __init__(self, *args, categories=None, kecamatan=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.all() if categories is None else categories
        kecamatan = Kecamatan.objects.all() if kecamatan is None else kecamatan
        self.categories = {c.slug: c for c in categories}
        self.kecamatan_by_slug = {slugify(k.name): k for k in kecamatan}

    # Field filters --------------------------------------------------------------------
    def filter_search(self, queryset, name, value):
        return search(queryset, value[:MAX_QUERY])

    def filter_category(self, queryset, name, value):
        category = self.categories.get(value)
        if category is None:
            return queryset
        if category.parent_id is None:
            return queryset.filter(Q(category=category) | Q(category__parent=category))
        return queryset.filter(category=category)

    def filter_kecamatan(self, queryset, name, value):
        kecamatan = self.kecamatan_by_slug.get(value)
        if kecamatan is None:
            return queryset
        return queryset.filter(vendor__kecamatan=kecamatan)

    def filter_cooperative(self, queryset, name, value):
        """Products of the cooperative's active member businesses (one subquery)."""
        members = BusinessMembership.objects.filter(
            status=BusinessMembership.Status.ACTIVE, cooperative__vendor__slug=value
        ).values("business")
        return queryset.filter(vendor__in=members)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in ordered()

    # Results, facets ------------------------------------------------------------------
    @property
    def cleaned(self) -> dict:
        self.form.is_valid()
        return self.form.cleaned_data

    def apply(self, queryset, skip=()):
        for name, value in self.cleaned.items():
            if name in skip or value in (None, "", False):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def sort(self) -> str:
        value = self.cleaned.get("urut")
        if value:
            return value
        return "relevan" if self.cleaned.get("q") else "terbaru"

    def ordered(self, queryset):
        terms = search_terms(self.cleaned.get("q") or "")
        if self.sort == "relevan" and terms and connection.vendor == "postgresql":
            rank = RawSQL(
                'ts_rank("catalog_product"."search_document", to_tsquery(\'simple\', %s))',
                [tsquery(terms)],
                output_field=FloatField(),
            )
            return queryset.alias(rank=rank).order_by("-rank", "-published_at", "-id")
        return queryset.order_by(*SORTS.get(self.sort, SORTS["terbaru"])[1])

    def notes(self) -> list[str]:
        """What was ignored, in words: values that did not validate or name nothing."""
        notes = [
            _("“%(field)s” was ignored: %(error)s")
            % {"field": self.filters[name].label, "error": " ".join(errors)}
            for name, errors in self.form.errors.items()
        ]
        category = self.cleaned.get("kategori")
        if category and category not in self.categories:
            notes.append(_("There is no category “%(value)s”.") % {"value": category[:40]})
        kecamatan = self.cleaned.get("kecamatan")
        if kecamatan and kecamatan not in self.kecamatan_by_slug:
            notes.append(_("There is no kecamatan “%(value)s”.") % {"value": kecamatan[:40]})
        low, high = self.cleaned.get("harga_min"), self.cleaned.get("harga_max")
        if low is not None and high is not None and low > high:
            notes.append(_("The lowest price is above the highest price."))
        return notes

    def active(self, name) -> bool:
        return bool(self.cleaned.get(name))

    def facet_rows(self, base) -> list[tuple]:
        """The products that the filters no facet is about (search, business, price) select,
        counted by category, kecamatan and the set of flags they have: a few hundred rows,
        from which the counts for any choice of the other filters are sums (facets()).
        Without those filters the rows are the whole public catalog's, counted once per
        content generation and shared by every catalog page."""
        if any(self.active(name) for name in NARROWING):
            return self._rows_of_matches(base)
        return get_or_compute(f"facet-rows:{generation()}", lambda: self._count_rows(base), 600)

    def _count_rows(self, base) -> list[tuple]:
        if connection.vendor != "postgresql":
            return group_rows(base, BOOLEAN_FACETS)
        # The table that triggers keep (migration 0013), not a scan of every product.
        grouped = base.order_by().annotate(**flag_annotations(BOOLEAN_FACETS))
        grouped = grouped.values(
            "category",
            "vendor__kecamatan",
            "bringable_to_airport",
            *(f"has_{name}" for name in BOOLEAN_FACETS),
        ).annotate(n=Count("id"))
        special = special_condition(halal_condition, RPPKUM, AIRPORT)
        return summary_rows(grouped, BOOLEAN_FACETS, special)

    def _rows_of_matches(self, base) -> list[tuple]:
        """The rows for a search (or a business or price filter): its matches grouped by
        everything but stock, kept for the content generation, which a product running out
        does not renew (a broad search at a million products groups ~190,000 matches, most of
        a second); then the matches out of stock, a few, grouped afresh (partial index
        catalog_product_sold_out) and split off, so the in-stock counts stay exact."""
        matches = self.apply(base, skip=FACETED)
        others = tuple(name for name in BOOLEAN_FACETS if name != "stok")
        counted = []  # when the matches are grouped here, stock included: those rows

        def group():
            counted.extend(group_rows(matches, BOOLEAN_FACETS))
            every = defaultdict(int)
            for category, kecamatan, has, n in counted:
                every[(category, kecamatan, has - {"stok"})] += n
            return [(*group, n) for group, n in every.items()]

        every = get_or_compute(
            f"facet-matches:{self.narrowing_key()}:{content_generation()}", group, 600
        )
        if counted:
            return counted
        sold_out = {
            (category, kecamatan, has): n
            for category, kecamatan, has, n in group_rows(matches.filter(stock=0), others)
        }
        rows = []
        for category, kecamatan, has, n in every:
            out = sold_out.get((category, kecamatan, has), 0)
            if n > out:
                rows.append((category, kecamatan, has | {"stok"}, n - out))
            if out:
                rows.append((category, kecamatan, has, out))
        return rows

    def narrowing_key(self) -> str:
        """What a search's matches depend on: the filters no facet is about."""
        values = sorted(
            (name, str(value))
            for name, value in self.cleaned.items()
            if name not in FACETED and name != "urut" and value not in (None, "", False)
        )
        return hashlib.sha256(repr(values).encode()).hexdigest()[:32]

    def facets(self, base) -> dict:
        """Counts for every facet value, and the number of results.

        Each facet counts within the results of all the *other* active filters: a category's
        count applies the kecamatan and the active flags, a flag's count applies the
        category, the kecamatan and the other active flags."""
        active = {name for name in BOOLEAN_FACETS if self.active(name)}
        in_category = self._category_ids()
        kecamatan = self.kecamatan_by_slug.get(self.cleaned.get("kecamatan") or "")
        by_category, by_kecamatan = defaultdict(int), defaultdict(int)
        flags = dict.fromkeys(BOOLEAN_FACETS, 0)
        total = 0
        for category_id, kecamatan_id, has, n in self.facet_rows(base):
            category_ok = in_category is None or category_id in in_category
            kecamatan_ok = kecamatan is None or kecamatan_id == kecamatan.pk
            if active <= has:
                if kecamatan_ok:
                    by_category[category_id] += n
                if category_ok:
                    by_kecamatan[kecamatan_id] += n
                if category_ok and kecamatan_ok:
                    total += n
            if category_ok and kecamatan_ok:
                for name in has:
                    if active - {name} <= has:
                        flags[name] += n
        return {
            "category": dict(by_category),
            "kecamatan": dict(by_kecamatan),
            "flags": flags,
            "total": total,
        }

    def _category_ids(self) -> set | None:
        """The categories the active category filter matches (a top one and its children)."""
        category = self.categories.get(self.cleaned.get("kategori") or "")
        if category is None:
            return None
        if category.parent_id is None:
            return {category.pk} | {
                c.pk for c in self.categories.values() if c.parent_id == category.pk
            }
        return {category.pk}

    def cache_key(self) -> str:
        """What the counts depend on: every filter value but the sort (and the page)."""
        values = sorted(
            (name, str(value))
            for name, value in self.cleaned.items()
            if name != "urut" and value not in (None, "", False)
        )
        return "facets:" + hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def flag_annotations(names) -> dict:
    return {
        f"has_{name}": ExpressionWrapper(BOOLEAN_CONDITIONS[name](), BooleanField())
        for name in names
    }


def group_rows(queryset, names) -> list[tuple]:
    """The products grouped by category, kecamatan and which of the flags ``names`` they
    have: (category id, kecamatan id, frozenset of flags, count) rows."""
    flags = flag_annotations(names)
    groups = (
        queryset.order_by()
        .annotate(**flags)
        .values("category", "vendor__kecamatan", *flags)
        .annotate(n=Count("id"))
    )
    return [
        (
            group["category"],
            group["vendor__kecamatan"],
            frozenset(name for name in names if group[f"has_{name}"]),
            group["n"],
        )
        for group in groups
    ]
