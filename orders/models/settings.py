"""What the operator sets for orders."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class OrderSettings(BaseGenericSetting):
    """What the operator sets for orders, from the admin."""

    shipping_fee = models.PositiveIntegerField(_("delivery fee per vendor (Rp)"), default=15000)
    commission_percent = models.DecimalField(
        _("operator's commission (%)"), max_digits=5, decimal_places=2, default=0
    )
    reservation_minutes = models.PositiveIntegerField(
        _("minutes stock stays reserved for an unpaid card order"), default=30
    )
    airport_preparation_hours = models.PositiveIntegerField(
        _("hours the Terminal 3 outlet needs to prepare a pickup"), default=3
    )
    airport_minutes_before_departure = models.PositiveIntegerField(
        _("latest pickup: minutes before departure"), default=90
    )
    transfer_hours = models.PositiveIntegerField(
        _("hours stock stays reserved for an order paid by bank transfer"), default=24
    )

    class Meta:
        verbose_name = _("order settings")
