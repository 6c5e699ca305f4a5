from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitationConfig(AppConfig):
    """Facilitation requests: help a business get its NIB, halal certificate, P-IRT, BPOM,
    trademark or a KUR referral. An app of its own inside vendors (label ``facilitation``),
    as partnerships is inside orders."""

    name = "vendors.facilitation"
    label = "facilitation"
    verbose_name = _("Facilitation requests")
