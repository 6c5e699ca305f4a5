"""How soon a product card's photo loads (includes/cards.html): the first row of a page's
cards is the likely Largest Contentful Paint, so it is fetched at once, the rest lazily.

A card's HTML is cached as it is rendered (lazy photo), whatever its place on the page: the
place is applied on the way out, to the cached HTML, so one cached card serves every position."""

from django import template
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail.images.templatetags.wagtailimages_tags import SrcsetImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

register = template.Library()

# The first row: 2 cards on a phone, 3 on a tablet and beside the catalog's filters, 4 on a
# wide page. The first 4 load eagerly (a whole row wherever the grid is widest); the first 2
# also get fetchpriority="high" (a phone's whole first row, where the LCP is one of them; on
# a wider page the first card is, and the second costs little).
EAGER = 4
HIGH = 2

LAZY = 'loading="lazy"'
PRIORITY = {"high": 'loading="eager" fetchpriority="high"', "eager": 'loading="eager"'}


@register.simple_tag
def photo_priority(position: int, first_row) -> str:
    """ "high", "eager" or "lazy" for the card at this 1-based position, on a page whose
    cards start at the top (``first_row``) or further down (every photo lazy)."""
    if not first_row or position > EAGER:
        return "lazy"
    return "high" if position <= HIGH else "eager"


@register.filter(is_safe=True)
def with_photo_priority(html: str, priority: str) -> str:
    """The card's HTML with its photo (the first lazy image in it) loading as ``priority``
    says; unchanged when lazy."""
    if priority not in PRIORITY:
        return html
    return mark_safe(html.replace(LAZY, PRIORITY[priority], 1))  # noqa: S308 - our cached HTML


class SrcsetImageNodeParsedOnce(SrcsetImageNode):
    """Wagtail's srcset_image, whose filters (fill-{200x200,320x320,480x480}…) are parsed
    each time it renders: here once per template. A page of 24 cards rendered afresh after a
    change spent about a tenth of its time parsing them."""

    @cached_property
    def filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.filters


@register.tag
def srcset_image(parser, token):
    """{% srcset_image %} as Wagtail's (same arguments), loaded after wagtailimages_tags."""
    node = wagtail_image_tag(parser, token)
    node.__class__ = SrcsetImageNodeParsedOnce
    return node
