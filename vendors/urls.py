from django.urls import path

from . import views
from .facilitation import views as facilitation
from .trademarks import views as trademarks

app_name = "vendors"
urlpatterns = [
    path("umkm/", views.directory, name="directory"),
    path("umkm/<slug:slug>/", views.profile, name="profile"),
    path("daftar-umkm/", views.apply, name="apply"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("dasbor/pilih-usaha/", views.switch_vendor, name="switch"),
    path("dasbor/profil/", views.edit_profile, name="edit_profile"),
    path("dasbor/nib/", views.resubmit_nib, name="resubmit_nib"),
    path("dasbor/halal/", views.add_halal_certificate, name="add_halal"),
    path("dasbor/fasilitasi/", facilitation.request_list, name="facilitation"),
    path("dasbor/fasilitasi/baru/", facilitation.new_request, name="facilitation_new"),
    path(
        "dasbor/fasilitasi/baru/<slug:kind>/",
        facilitation.new_request,
        name="facilitation_new_kind",
    ),
    path("dasbor/fasilitasi/<int:pk>/", facilitation.request_detail, name="facilitation_detail"),
    path("dasbor/dokumen/<str:kind>/<int:pk>/", views.own_document, name="document"),
    path("dasbor/merek/baru/", trademarks.add_trademark, name="trademark_add"),
    path("dasbor/merek/<int:pk>/", trademarks.record_decision, name="trademark_decision"),
    path(
        "dasbor/merek/<int:pk>/dokumen/", trademarks.trademark_document, name="trademark_document"
    ),
]
