from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrademarksConfig(AppConfig):
    """A business's trademarks (HKI, filed with DJKI), verified by staff like a halal
    certificate. An app of its own inside vendors (label ``trademarks``)."""

    name = "vendors.trademarks"
    label = "trademarks"
    verbose_name = _("Trademarks")
