"""Staff-only pages of the verification queue, mounted at /admin/verification/ by the
VerificationViewSet (so they sit inside Wagtail's admin check and its "UMKM" menu)."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("vendor/<int:pk>/", admin_views.VendorDecisionView.as_view(), name="vendor"),
    path("vendor/<int:pk>/document/", admin_views.vendor_document, name="vendor_document"),
    path(
        "certificate/<int:pk>/", admin_views.CertificateDecisionView.as_view(), name="certificate"
    ),
    path(
        "certificate/<int:pk>/document/",
        admin_views.certificate_document,
        name="certificate_document",
    ),
]
