from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    """Cooperatives as the regency keeps them: the legal entity and classification, the
    board, members over time, the annual members' meeting (RAT), the businesses that are
    members, and clusters of businesses around a cooperative. An app of its own inside
    vendors (label ``cooperatives``)."""

    name = "vendors.cooperatives"
    label = "cooperatives"
    verbose_name = _("Cooperatives")
