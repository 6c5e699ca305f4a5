"""URLs of the invoices area."""

urlpatterns = []
