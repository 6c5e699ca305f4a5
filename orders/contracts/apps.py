from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """Supply contracts drawn from accepted partnership quotes: their schedules, deliveries
    with the buyer's receipt (BAST), invoices and payment, and the partnerships staff record
    that were arranged outside the site. An app of its own inside orders (label
    ``contracts``), because paid invoices credit the vendors' settlement ledger."""

    name = "orders.contracts"
    label = "contracts"
    verbose_name = _("Supply contracts")
