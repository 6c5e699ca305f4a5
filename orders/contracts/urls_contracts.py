"""URLs of the contracts area."""

urlpatterns = []
