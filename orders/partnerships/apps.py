from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    """B2B partnership requests: an app of its own inside orders (its tables keep the
    ``orders_`` names they were created with)."""

    name = "orders.partnerships"
    label = "partnerships"
    verbose_name = _("Partnership requests")
