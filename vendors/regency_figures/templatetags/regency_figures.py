"""How a figure is shown on the page: counts with the language's thousands separator,
money as ``Rp 25.000``, a share with one decimal, "—" where there is nothing to show."""

from django import template
from django.utils import formats

from core.money import format_rupiah

from ..exports import DAYS, NUMBER, PERCENT, RUPIAH

register = template.Library()


@register.filter
def cell(row: dict, column) -> str:
    value = row.get(column.key)
    if value is None:
        return "—" if column.shown_as else ""
    if column.shown_as == RUPIAH:
        return format_rupiah(value)
    if column.shown_as == PERCENT:
        return f"{formats.number_format(value, decimal_pos=1, use_l10n=True)}%"
    if column.shown_as in (NUMBER, DAYS):
        decimals = None if float(value).is_integer() else 1
        return formats.number_format(value, decimal_pos=decimals, force_grouping=True)
    return str(value)
