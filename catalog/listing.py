"""What the catalog lists for an address's GET parameters: computed by its view when the
page's kept fragments are missing, and ahead of shoppers, for the searches asked last, by the
task that prepares each new content generation (catalog.tasks)."""

from django.core.cache import cache
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.cache import generation, get_or_compute
from core.views import page_size
from vendors.models import Vendor

from .filters import BOOLEAN_FACETS, ProductFilter
from .models import Product
from .pages import CountedPaginator
from .queries import cards_by_id, category_tree, facet_choices
from .ranking import RANKED_PAGES, RankedIds
from .spelling import suggest

# The searches asked last (their addresses but the page), newest first: what the task
# prepares for each new content generation before a shopper asks again.
RECENT_SEARCHES = "catalog:recent-searches"
KEPT_SEARCHES = 12

LISTING = [
    "filter",
    "page_obj",
    "cards",
    "notes",
    "sort",
    "category_tree",
    "kecamatan_options",
    "flags",
    "active_filters",
    "query",
    "suggestion",
    "typed",
    "filters_key",
]


def listing(params, remember=True) -> dict:
    """What the catalog lists for these GET parameters (a QueryDict): the names of LISTING.
    A search is remembered among the last asked (``remember``), for the task to prepare."""
    categories, kecamatan = facet_choices()
    base = Product.objects.public()
    filterset, results, facets = _filtered(params, base, categories, kecamatan)
    if remember and filterset.active("q"):
        remember_search(params)
    # A query that finds nothing may be misspelt: the closest words of the product names
    # are proposed, and their results shown, when they find something.
    typed = filterset.cleaned.get("q") or ""
    suggestion = suggest(typed, base) if typed and not facets["total"] else None
    if suggestion:
        corrected_params = params.copy()
        corrected_params["q"] = suggestion
        corrected = _filtered(corrected_params, base, categories, kecamatan)
        if corrected[2]["total"]:
            filterset, results, facets = corrected
        else:
            suggestion = None
    # The page is chosen on ids alone (a narrow sort, even over thousands of matches); only
    # its own products are then read with what their cards need.
    paginator = CountedPaginator(
        _result_ids(filterset, results, facets), page_size(), count=facets["total"]
    )
    notes = filterset.notes()
    raw_page = params.get("page", "1")
    number = int(raw_page) if raw_page.isascii() and raw_page.isdigit() else 1
    if number > paginator.num_pages:
        if paginator.count:
            notes.append(
                _("There is no page %(page)s; here is the last one.") % {"page": raw_page[:8]}
            )
        number = paginator.num_pages
    page = paginator.page(max(number, 1))
    page.object_list = cards_by_id(list(page.object_list))
    return {
        "filter": filterset,
        "page_obj": page,
        "cards": page.object_list,
        "notes": notes,
        "sort": filterset.sort,
        "category_tree": category_tree(
            categories, facets["category"], filterset.cleaned.get("kategori")
        ),
        "kecamatan_options": [
            (slugify(k.name), k.name, facets["kecamatan"].get(k.pk, 0)) for k in kecamatan
        ],
        "flags": [
            (name, filterset.filters[name].label, facets["flags"][name], filterset.active(name))
            for name in BOOLEAN_FACETS
        ],
        "active_filters": _active_filters(params, filterset, categories, kecamatan),
        "query": filterset.cleaned.get("q") or "",
        "suggestion": suggestion,
        "typed": typed,
        "filters_key": _filters_key(params),
    }


def _filtered(params, base, categories, kecamatan):
    """The filter set for these GET parameters, its ordered results and its facet counts."""
    filterset = ProductFilter(params, queryset=base, categories=categories, kecamatan=kecamatan)
    results = filterset.ordered(filterset.apply(base))
    # Facet counts scan every matching product: computed once per filter combination and
    # content generation (any public change starts a new one), shared by all pages and sorts.
    facets = get_or_compute(
        f"{filterset.cache_key()}:{generation()}", lambda: filterset.facets(base), 600
    )
    return filterset, results, facets


def _filters_key(params) -> str:
    """What the filter form shows depends on: every parameter but the page."""
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


def _result_ids(filterset, results, facets):
    """The results' ids, for the paginator. A search's order costs a ranking of every match:
    its first pages are ranked once per content generation, like its counts."""
    ids = results.values_list("pk", flat=True)
    if not filterset.active("q"):
        return ids
    key = f"{filterset.cache_key()}:{filterset.sort}"
    limit = RANKED_PAGES * page_size()
    return RankedIds(ids, key, facets["total"], limit, by_stock=filterset.active("stok"))


def _active_filters(params, filterset, categories, kecamatan):
    """Chips for what is applied, each with a link that removes it."""
    chips = []
    cleaned = filterset.cleaned
    names = {c.slug: c.display_name for c in categories}
    places = {slugify(k.name): k.name for k in kecamatan}
    labels = {
        "q": lambda v: f"“{v}”",
        "kategori": lambda v: names.get(v),
        "kecamatan": lambda v: places.get(v),
        "umkm": lambda v: (
            Vendor.objects.public().filter(slug=v).values_list("name", flat=True).first()
        ),
        "koperasi": _cooperative_chip,
        "harga_min": lambda v: _("from Rp %(n)s") % {"n": f"{int(v):,}".replace(",", ".")},
        "harga_max": lambda v: _("up to Rp %(n)s") % {"n": f"{int(v):,}".replace(",", ".")},
    }
    for name in [
        "q",
        "umkm",
        "koperasi",
        "kategori",
        "kecamatan",
        "harga_min",
        "harga_max",
        *BOOLEAN_FACETS,
    ]:
        value = cleaned.get(name)
        if value in (None, "", False):
            continue
        label = labels[name](value) if name in labels else str(filterset.filters[name].label)
        if not label:
            continue
        others = params.copy()
        others.pop(name, None)
        others.pop("page", None)
        chips.append({"label": label, "url": "?" + others.urlencode() if others else "?"})
    return chips


def _cooperative_chip(slug):
    name = Vendor.objects.public().filter(slug=slug).values_list("name", flat=True).first()
    return _("From the members of %(name)s") % {"name": name} if name else None


def remember_search(params) -> None:
    """A search computed afresh (new to this generation): among the last few asked."""
    address = params.copy()
    address.pop("page", None)
    text = address.urlencode()
    recent = cache.get(RECENT_SEARCHES) or []
    if recent[:1] != [text]:
        recent = [text, *(s for s in recent if s != text)][:KEPT_SEARCHES]
        cache.set(RECENT_SEARCHES, recent, None)


def recent_searches() -> list[str]:
    return cache.get(RECENT_SEARCHES) or []
