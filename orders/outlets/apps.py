from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutletsConfig(AppConfig):
    """The outlets' shop floor: counter sales and their receipts, consignment credited to
    vendors, goods received in batches with best-before dates, stock-takes, returns, restock
    requests and the day's close. An app of its own inside orders (label ``outlets``)."""

    name = "orders.outlets"
    label = "outlets"
    verbose_name = _("Outlet operations")
