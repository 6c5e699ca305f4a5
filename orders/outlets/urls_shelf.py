"""The shelf area's URLs (joined in urls.py)."""

urlpatterns = []
