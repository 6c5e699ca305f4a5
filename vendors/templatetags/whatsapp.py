"""WhatsApp numbers as people read them and as wa.me links (loaded as builtins, no {% load %}
needed); the number is read by the vendors' own validator."""

from django import template
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html

from vendors.validators import normalize_whatsapp

register = template.Library()


def whatsapp_digits(number) -> str:
    """An Indonesian mobile number as wa.me wants it (62…), or "" when it is not one."""
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
    url = whatsapp_url(number)
    if not url:
        return conditional_escape(format_whatsapp(number))
    return format_html(
        '<a href="{}" rel="noopener noreferrer" data-whatsapp>{}</a>', url, format_whatsapp(number)
    )
