from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


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


SITEMAPS = {"pages": PageSitemap}
