"""The site's URLs plus the benchmark's reference page and the media files (which nginx
serves in production, with the same long cache lifetime for renditions)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from website.urls import handler404, handler500  # noqa: F401
from website.urls import urlpatterns as site_urls

REFERENCE = b"<!doctype html><title>Reference</title><p>A bare Django view.</p>"


def reference(request):
    """The yardstick: our settings and middleware, no database, no template."""
    return HttpResponse(REFERENCE)


def media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


urlpatterns = [
    path("_bench/reference/", reference),
    re_path(r"^media/(?P<path>.*)$", media),
    *site_urls,
]
