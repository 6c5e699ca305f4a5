from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.cache import cacheable_for_anonymous
from core.views import deferred_context

from .listing import LISTING, listing
from .models import Product
from .product_page import page_data, page_version, related_cards


@require_GET
@cacheable_for_anonymous
def catalog_index(request):
    """The catalog. What it lists is the same for everyone with the same address and
    language in a content generation: the template keeps it in {% cache %} fragments keyed
    on the address, and the listing is only computed when they are missing (so a signed-in
    vendor, who never gets the page cache, does not pay for it on every visit)."""
    context = deferred_context(lambda: listing(request.GET), LISTING)
    return render(request, "catalog/index.html", {"title": _("Catalog"), **context})


PRODUCT_PAGE = ["certificate", "pickup_places", "related", "images"]


@require_GET
@cacheable_for_anonymous
def product_detail(request, slug):
    """A product's page. What it shows but its stock and the buy box (which carries the
    visitor's CSRF token) is kept in {% cache %} fragments per content generation, so the
    rest of the context is only computed when they are missing: after a sale, which renews
    only the page's version (page_version), the page is rendered again around them."""
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
            # The page's address (absolute in its links and structured data). Its fragments
            # are kept per content generation, which a sell-out or a return renews too: only
            # the stock count and the buy box show what a sale changes.
            "page_address": request.build_absolute_uri(request.path),
            **context,
        },
    )
