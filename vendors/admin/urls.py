"""Staff-only pages of the verification queue, mounted at /admin/verification/ by the
VerificationViewSet (so they sit inside Wagtail's admin check and its "UMKM" menu)."""

from django.urls import path

from . import views
from .register import RegisterOnBehalfView

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("register/", RegisterOnBehalfView.as_view(), name="register"),
    path("vendor/<int:pk>/", views.VendorDecisionView.as_view(), name="vendor"),
    path("vendor/<int:pk>/document/", views.vendor_document, name="vendor_document"),
    path("certificate/<int:pk>/", views.CertificateDecisionView.as_view(), name="certificate"),
    path(
        "certificate/<int:pk>/document/",
        views.certificate_document,
        name="certificate_document",
    ),
]
