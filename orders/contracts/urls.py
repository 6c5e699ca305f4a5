"""The contracts' URLs: each area keeps its own list."""

from .urls_buyers import urlpatterns as buyers
from .urls_contracts import urlpatterns as contracts
from .urls_invoices import urlpatterns as invoices

app_name = "contracts"
urlpatterns = [*contracts, *invoices, *buyers]
