from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from orders.webhooks import stripe_webhook

from . import accounts, routing, views
from .sitemaps import SITEMAPS

urlpatterns = [
    # Before Wagtail's own admin URLs, so its login is throttled like /masuk/.
    path("admin/login/", views.AdminLoginView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Indonesian at /, English under /en/; Wagtail's pages last, as the catch-all.
urlpatterns += i18n_patterns(
    path("cari/", views.search, name="search"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("masuk/lupa-sandi/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "masuk/lupa-sandi/terkirim/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "masuk/sandi-baru/selesai/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "masuk/sandi-baru/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("vendors.urls")),
    path("", include("vendors.cooperatives.urls")),
    path("", include("catalog.urls")),
    path("", include("catalog.dashboard.urls")),
    path("", include("orders.urls")),
    path("", include("orders.fulfilment.urls")),
    path("", include("orders.partnerships.urls")),
    path("", include("orders.outlets.urls")),
    path("", include("orders.contracts.urls")),
    # Wagtail's URLs (its password and login forms for private pages), then its serve view
    # with the routing kept per content generation (website/routing.py): the same pattern
    # and name as Wagtail's own, after the others, which that pattern would also match.
    *(url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
