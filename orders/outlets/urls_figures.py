"""The figures area's URLs (joined in urls.py)."""

urlpatterns = []
