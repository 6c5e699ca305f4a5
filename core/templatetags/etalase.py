"""Template helpers used site-wide (loaded as builtins, no {% load %} needed): money, links
in the other language, structured data. WhatsApp numbers: vendors.templatetags.whatsapp."""

from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import translate_url
from django.utils import translation

from core.cache import generation, get_many_of_generation, set_of_generation
from core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount) -> str:
    return format_rupiah(amount)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to the same page: a Wagtail page's translation when there is
    one, otherwise the same path under the other language's prefix."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    translations = {}
    if page is not None and hasattr(page, "get_translation_or_none"):
        translations = page_translations(page, request)
    for code, name in settings.LANGUAGES:
        url = translations.get(code)
        if url is None:
            url = _translated(request.path, code)
            if query:
                parts = urlsplit(url)
                url = urlunsplit(parts._replace(query=query))
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@lru_cache(maxsize=4096)
def _translated(path: str, code: str) -> str:
    """translate_url(path, code): the same for a path as long as the URLconf is (it is
    resolved and reversed again), so a worker works it out once per path."""
    return translate_url(path, code)


@receiver(setting_changed)
def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":  # tests with their own URLs
        _translated.cache_clear()


def page_translations(page, request) -> dict:
    """The URL of each live translation of a Wagtail page, by language code; cached per
    content generation (publishing any page renews it), so a page costs no query for it,
    and a worker that has read them keeps them (core.cache.memo)."""
    key = f"translations:{generation()}:{page.pk}:{request.get_host()}"
    urls = get_many_of_generation([key]).get(key)
    if urls is None:
        from wagtail.models import Page

        urls = {
            translated.locale.language_code: translated.get_url(request=request)
            for translated in Page.objects.filter(
                translation_key=page.translation_key, live=True
            ).select_related("locale")
        }
        set_of_generation(key, urls, 3600)
    return urls


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's canonical address (core.seo), or "" on a private page."""
    from core.seo import canonical_url as address

    request = context.get("request")
    return address(request) if request is not None else ""


@register.filter
def canonical_path(url: str) -> str:
    """A site path with only the query parameters that change content (core.seo)."""
    from core.seo import canonical_path as reduced

    return reduced(url)


@register.simple_tag
def localized(path: str) -> str:
    """A site path in the active language: ``/katalog/`` or ``/en/katalog/``."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


@register.filter
def json_ld(value):
    """Structured data for search engines, escaped like json_script (a data block, never
    executed, so it needs no CSP exception)."""
    from django.utils.html import json_script
    from django.utils.safestring import mark_safe

    html = json_script(value)
    return mark_safe(  # noqa: S308 - json_script has escaped the content
        html.replace('type="application/json"', 'type="application/ld+json"', 1)
    )
