"""Wagtail pages of the two physical places: the RPPKUM Legok showroom (/rppkum/) and the
"Sentral Oleh-Oleh" outlet at Terminal 3 (/outlet-bandara/). Editors write the story; what is
on the shelf comes from LocationStock. Only public products (published, by an active vendor
with a verified NIB) and public vendors ever show, whatever editors chose earlier."""

import hashlib

from django import forms
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import StoryBlock
from core.cache import CacheableForAnonymousPage, generation
from core.views import deferred_context, page_size
from vendors.models import Vendor

from .models.locations import Location, LocationStock
from .models.products import Category, Product
from .queries import cards_by_id, category_tree

# The choosers' modal views (catalog/admin/choosers.py) are registered under these URL names;
# they list only public products and vendors.
PRODUCT_CHOOSER = "catalog_public_product_chooser"
VENDOR_CHOOSER = "catalog_public_vendor_chooser"


class PublicProductChooser(BaseChooser):
    model = "catalog.Product"
    icon = "tag"
    chooser_modal_url_name = f"{PRODUCT_CHOOSER}:choose"
    choose_one_text = gettext_lazy("Choose a product")
    choose_another_text = gettext_lazy("Choose another product")
    link_to_chosen_text = gettext_lazy("Edit this product")


class PublicVendorChooser(BaseChooser):
    model = "vendors.Vendor"
    icon = "group"
    chooser_modal_url_name = f"{VENDOR_CHOOSER}:choose"
    choose_one_text = gettext_lazy("Choose a vendor")
    choose_another_text = gettext_lazy("Choose another vendor")
    link_to_chosen_text = gettext_lazy("Edit this vendor")


# Editors' picks are StreamFields of choosers: inside a StreamField the choosers start from
# the admin's script files, while InlinePanel and plain chooser fields need inline scripts,
# which the site's Content-Security-Policy blocks in the admin too.


class PublicProductBlock(blocks.ChooserBlock):
    """A product chosen among the public ones; the page shows it only while it is public."""

    target_model = "catalog.Product"

    @cached_property
    def widget(self):
        return PublicProductChooser()

    class Meta:
        icon = "tag"
        label = gettext_lazy("Product")


class PublicVendorBlock(blocks.ChooserBlock):
    """A vendor chosen among the public ones; the page shows it only while it is public."""

    target_model = "vendors.Vendor"

    @cached_property
    def widget(self):
        return PublicVendorChooser()

    class Meta:
        icon = "group"
        label = gettext_lazy("Vendor")


def chosen_ids(stream) -> list[int]:
    """The ids chosen in a StreamField of one chooser block, in the editors' order, read
    from the raw data (no query)."""
    ids = []
    for item in stream.raw_data:
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, str) and value.isascii() and value.isdigit():
            value = int(value)
        if isinstance(value, int) and value not in ids:
            ids.append(value)
    return ids


def shelf_products(location):
    """Public products on ``location``'s shelf now (accepted, in stock, not past their
    best-before), each with its shelf label and best-before date, in one query."""
    entries = LocationStock.objects.on_shelf().filter(location=location, product=OuterRef("pk"))
    return (
        Product.objects.public()
        .filter(Exists(entries))
        .annotate(
            shelf_label=Subquery(entries.values("shelf")[:1]),
            shelf_best_before=Subquery(entries.values("best_before")[:1]),
        )
    )


def shelf_categories(location, shelf) -> tuple[list, dict]:
    """Every category, and how many products of each are on the shelf: cached per content
    generation (a shelf change renews it, and the date, by which best-before lapses)."""

    def count():
        counts = shelf.order_by().values("category_id").annotate(n=Count("pk"))
        return list(Category.objects.all()), dict(counts.values_list("category_id", "n"))

    return cache.get_or_set(f"shelf-categories:{location.pk}:{generation()}", count, 3600)


class CountedPaginator(Paginator):
    """A paginator told its count (a query that ran anyway already has it)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def paginate(request, queryset, location=None, count=None, key=None):
    """A page of product cards (or, with ``location``, of that shelf's items); a page number
    that is not a number or out of range gives the first or the last page rather than an
    error. With ``key`` (which list this is: its page and filter), the page asked for is
    read once per content generation (a shelf, product or page change renews it, and the
    date, by which best-before lapses): its number, its ids and the count."""
    asked = request.GET.get("page")

    def read():
        ids = queryset.values_list("pk", flat=True)
        if count is None:
            paginator = Paginator(ids, page_size())
        else:
            paginator = CountedPaginator(ids, page_size(), count)
        page = paginator.get_page(asked)
        return page.number, list(page.object_list), paginator.count

    if key is None:
        number, shown, total = read()
    else:
        digest = hashlib.sha256(f"{key}:{page_size()}:{asked}".encode()).hexdigest()[:32]
        number, shown, total = cache.get_or_set(f"page-ids:{digest}:{generation()}", read, 3600)
    if location is None:
        cards = cards_by_id(shown, queryset)
    else:
        cards = cards_by_id(shown, queryset, "shelf_item", vary_on=[location.pk])
    return PaginatorPage(cards, number, CountedPaginator([], page_size(), total))


def in_order(objects, ids):
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[pk] for pk in ids if pk in by_id]


class LocationPage(CacheableForAnonymousPage, Page):
    """What both pages share: an introduction, the editors' story, and the Location whose
    address, hours and shelf the page shows."""

    intro = models.TextField(gettext_lazy("introduction"), max_length=600, blank=True)
    location = models.ForeignKey(
        Location,
        verbose_name=gettext_lazy("location"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy("Address, opening hours and the shelf shown come from here."),
    )
    body = StreamField(StoryBlock(), blank=True, verbose_name=gettext_lazy("body"))

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    # What the page's template shows of its shelf (listing()): computed only when one of the
    # template's {% cache %} fragments for this address (listing_key) and language is missing.
    LISTING = ["location", "page_obj", "products"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(deferred_context(lambda: self.listing(request), self.LISTING))
        return context

    def listing(self, request) -> dict:
        # Read once per content generation (a change to the location renews it).
        location = cache.get_or_set(
            f"page-location:{self.location_id}:{generation()}", lambda: self.location, 3600
        )
        return {"location": location}


class ShowroomPage(LocationPage):
    """The RPPKUM Legok showroom: the centre's story, who and what the editors feature, and
    the range on its shelves."""

    featured_vendors = StreamField(
        [("vendor", PublicVendorBlock())],
        blank=True,
        max_num=12,
        verbose_name=gettext_lazy("featured vendors"),
    )
    featured_products = StreamField(
        [("product", PublicProductBlock())],
        blank=True,
        max_num=24,
        verbose_name=gettext_lazy("featured products"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("location", widget=forms.Select),
        FieldPanel("body"),
        FieldPanel("featured_vendors"),
        FieldPanel("featured_products"),
    ]

    template = "catalog/showroom_page.html"

    class Meta:
        verbose_name = gettext_lazy("showroom page (RPPKUM)")
        verbose_name_plural = gettext_lazy("showroom pages (RPPKUM)")

    def public_featured_products(self) -> list:
        ids = chosen_ids(self.featured_products)
        if not ids:
            return []

        def public():
            found = set(Product.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
            return [pk for pk in ids if pk in found]

        # Which picks are public: once per content generation (a product's or this page's
        # change renews it).
        return cards_by_id(
            cache.get_or_set(f"showroom-picks:{self.pk}:{generation()}", public, 3600)
        )

    def public_featured_vendors(self) -> list:
        ids = chosen_ids(self.featured_vendors)
        if not ids:
            return []
        vendors = (
            Vendor.objects.public()
            .filter(pk__in=ids)
            .select_related("kecamatan", "logo")
            .prefetch_related("logo__renditions")
        )
        return in_order(vendors, ids)

    LISTING = [*LocationPage.LISTING, "picked_products", "picked_vendors"]

    def listing(self, request) -> dict:
        listing = super().listing(request)
        location = listing["location"]
        page = paginate(
            request,
            # Built only if read (see OutletPage.listing).
            SimpleLazyObject(lambda: shelf_products(location).order_by("name", "pk")),
            key=f"showroom:{self.pk}:{location.pk}",
        )
        return {
            **listing,
            "picked_products": self.public_featured_products(),
            # Read only when the template's fragment for them (cached per content
            # generation) is not in the cache.
            "picked_vendors": SimpleLazyObject(self.public_featured_vendors),
            "page_obj": page,
            "products": page.object_list,
        }


class OutletPage(LocationPage):
    """The Terminal 3 oleh-oleh outlet: what is on its shelf now, by category, with where it
    is, its hours, and how to order online and collect before a flight."""

    CATEGORY_PARAMETER = "kategori"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("location", widget=forms.Select),
        FieldPanel("body"),
    ]

    template = "catalog/outlet_page.html"

    class Meta:
        verbose_name = gettext_lazy("outlet page (Terminal 3)")
        verbose_name_plural = gettext_lazy("outlet pages (Terminal 3)")

    LISTING = [*LocationPage.LISTING, "notes", "chosen_category", "category_tree", "shelf_total"]

    def listing(self, request) -> dict:
        listing = super().listing(request)
        location = listing["location"]
        # The querysets are built only if read: a page whose ids and cards are cached needs
        # neither a query nor the time to build them.
        categories, counts = shelf_categories(
            location, SimpleLazyObject(lambda: shelf_products(location))
        )
        notes = []
        chosen = None
        slug = request.GET.get(self.CATEGORY_PARAMETER, "").strip()
        if slug:
            chosen = next((c for c in categories if c.slug == slug), None)
            if chosen is None:
                notes.append(
                    _("There is no category “%(slug)s”; here is everything on the shelf.")
                    % {"slug": slug[:40]}
                )
        members = [c.pk for c in categories]
        if chosen is not None:
            members = [chosen.pk] + [c.pk for c in categories if c.parent_id == chosen.pk]

        def shelf():
            products = shelf_products(location)
            if chosen is not None:
                products = products.filter(category_id__in=members)
            return products.order_by("name", "pk")

        page = paginate(
            request,
            SimpleLazyObject(shelf),
            location=location,
            count=sum(counts.get(pk, 0) for pk in members),  # from the category counts
            key=f"outlet:{self.pk}:{location.pk}:{chosen.pk if chosen else ''}",
        )
        return {
            **listing,
            "page_obj": page,
            "products": page.object_list,
            "notes": notes,
            "chosen_category": chosen,
            # Only what is on the shelf.
            "category_tree": category_tree(
                categories, counts, chosen.slug if chosen else None, hide_empty=True
            ),
            "shelf_total": sum(counts.values()),
        }
