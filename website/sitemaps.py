from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.models import Page, Site

from catalog.models import Product
from vendors.models import Vendor


class PageSitemap(Sitemap):
    """Every live public page of the default site, in every language."""

    def items(self):
        site = Site.objects.select_related("root_page").get(is_default_site=True)
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").specific().defer_streamfields()

    def location(self, page):
        parts = page.get_url_parts()
        return parts[2] if parts else ""

    def lastmod(self, page):
        return page.last_published_at


class ProductSitemap(Sitemap):
    """Public products, each in Indonesian and English (with hreflang alternates)."""

    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        return Product.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, product):
        return product.updated_at


class DirectorySitemap(Sitemap):
    """The business directory's first page, in Indonesian and English."""

    i18n = True
    alternates = True

    def items(self):
        return ["vendors:directory"]

    def location(self, name):
        return reverse(name)


class VendorSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = 5000

    def items(self):
        return Vendor.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, vendor):
        return vendor.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "directory": DirectorySitemap,
    "vendors": VendorSitemap,
}
