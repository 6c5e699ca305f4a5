from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.cache import cacheable_for_anonymous, generation, get_or_compute
from core.views import deferred_context, page_size
from vendors.models import Vendor

from .filters import BOOLEAN_FACETS, ProductFilter
from .models import Product
from .pages import CountedPaginator
from .product_page import page_data, page_version, related_cards
from .queries import cards_by_id, category_tree, facet_choices
from .ranking import RANKED_PAGES, RankedIds
from .spelling import suggest

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


@require_GET
@cacheable_for_anonymous
def catalog_index(request):
    """The catalog. What it lists is the same for everyone with the same address and
    language in a content generation: the template keeps it in {% cache %} fragments keyed
    on the address, and the listing is only computed when they are missing (so a signed-in
    vendor, who never gets the page cache, does not pay for it on every visit)."""
    context = deferred_context(lambda: _listing(request), LISTING)
    return render(request, "catalog/index.html", {"title": _("Catalog"), **context})


def _listing(request) -> dict:
    """What the catalog lists for these GET parameters (the names of LISTING)."""
    categories, kecamatan = facet_choices()
    base = Product.objects.public()
    filterset, results, facets = _filtered(request.GET, base, categories, kecamatan)
    # A query that finds nothing may be misspelt: the closest words of the product names
    # are proposed, and their results shown, when they find something.
    typed = filterset.cleaned.get("q") or ""
    suggestion = suggest(typed, base) if typed and not facets["total"] else None
    if suggestion:
        params = request.GET.copy()
        params["q"] = suggestion
        corrected = _filtered(params, base, categories, kecamatan)
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
    raw_page = request.GET.get("page", "1")
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
        "active_filters": _active_filters(request, filterset, categories, kecamatan),
        "query": filterset.cleaned.get("q") or "",
        "suggestion": suggestion,
        "typed": typed,
        "filters_key": _filters_key(request),
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


def _filters_key(request) -> str:
    """What the filter form shows depends on: every parameter but the page."""
    params = request.GET.copy()
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


def _active_filters(request, filterset, categories, kecamatan):
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
        params = request.GET.copy()
        params.pop(name, None)
        params.pop("page", None)
        chips.append({"label": label, "url": "?" + params.urlencode() if params else "?"})
    return chips


def _cooperative_chip(slug):
    name = Vendor.objects.public().filter(slug=slug).values_list("name", flat=True).first()
    return _("From the members of %(name)s") % {"name": name} if name else None


PRODUCT_PAGE = ["certificate", "pickup_places", "related", "images"]


@require_GET
@cacheable_for_anonymous
def product_detail(request, slug):
    """A product's page. What it shows but the buy box (which carries the visitor's CSRF
    token) is kept in {% cache %} fragments per version of the page (page_version), so the
    rest of the context is only computed when they are missing."""
    version = page_version(request.path)
    product, places = page_data(request.path, slug, version)
    if product is None:
        raise Http404
    if product.status == Product.Status.ARCHIVED:
        return render(
            request,
            "catalog/product_gone.html",
            {"product": product, "related": related_cards(product), "title": product.display_name},
            status=410,
        )
    context = deferred_context(
        lambda: {
            "certificate": product.certificate,
            "pickup_places": places,
            "related": related_cards(product),
            "images": list(product.images.all()),
        },
        PRODUCT_PAGE,
    )
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "title": product.display_name,
            # The page's address (absolute in its links and structured data) and version.
            "page_key": f"{request.build_absolute_uri(request.path)}:{version}",
            **context,
        },
    )
