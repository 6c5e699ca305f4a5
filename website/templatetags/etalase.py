"""Template helpers used site-wide (loaded as builtins, no {% load %} needed)."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


def format_rupiah(amount) -> str:
    """Whole Rupiah as shown in both languages: ``Rp 25.000`` (dot thousands separator)."""
    try:
        value = int(amount)
    except (TypeError, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}Rp\u00a0{abs(value):,}".replace(",", ".")


@register.filter
def rupiah(amount) -> str:
    return format_rupiah(amount)


def whatsapp_digits(number) -> str:
    """An Indonesian mobile number as wa.me wants it (62…), or "" when it is not one."""
    from django.core.exceptions import ValidationError

    from vendors.validators import normalize_whatsapp

    try:
        return normalize_whatsapp(number) if number else ""
    except ValidationError:
        return ""


def format_whatsapp(number) -> str:
    """``+62 812-3456-7890``: the country code, the operator's three digits, then groups of
    four (the last takes what is left). A number that is not an Indonesian mobile one is
    shown as it was written."""
    digits = whatsapp_digits(number)
    if not digits:
        return str(number or "")
    national = digits[2:]
    head, rest = national[:3], national[3:]
    first = 4 if len(rest) >= 7 else len(rest) - 3
    groups = [head, rest[:first], rest[first:]] if first > 0 else [head, rest]
    return "+62\u00a0" + "-".join(group for group in groups if group)


@register.filter
def whatsapp(number) -> str:
    return format_whatsapp(number)


@register.filter
def whatsapp_url(number) -> str:
    digits = whatsapp_digits(number)
    return f"https://wa.me/{digits}" if digits else ""


@register.filter
def whatsapp_link(number):
    """The number as people read it, linked to a WhatsApp chat (wa.me) when it is a mobile
    number; the one way WhatsApp numbers are shown on the site."""
    from django.utils.html import conditional_escape, format_html

    url = whatsapp_url(number)
    if not url:
        return conditional_escape(format_whatsapp(number))
    return format_html(
        '<a href="{}" rel="noopener noreferrer" data-whatsapp>{}</a>', url, format_whatsapp(number)
    )


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
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and hasattr(page, "get_translation_or_none"):
            translated = page if page.locale.language_code == code else None
            if translated is None:
                from wagtail.models import Locale

                locale = Locale.objects.filter(language_code=code).first()
                translated = locale and page.get_translation_or_none(locale)
            if translated and translated.live:
                url = translated.get_url(request=request)
        if url is None:
            url = translate_url(request.path, code)
            if query:
                parts = urlsplit(url)
                url = urlunsplit(parts._replace(query=query))
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


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
