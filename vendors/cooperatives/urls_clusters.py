"""The clusters area's public and dashboard URLs (joined in urls.py)."""

urlpatterns = []
