from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegencyFiguresConfig(AppConfig):
    """The staff's figures page. An app of its own (no models) so that Wagtail loads its
    ``wagtail_hooks``."""

    name = "vendors.regency_figures"
    label = "regency_figures"
    verbose_name = _("Regency figures")
