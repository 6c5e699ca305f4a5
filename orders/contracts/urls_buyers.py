"""URLs of the buyers area."""

urlpatterns = []
