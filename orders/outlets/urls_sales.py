"""The sales area's URLs (joined in urls.py)."""

urlpatterns = []
