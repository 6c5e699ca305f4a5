from django.urls import path

from . import views

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
    path("dasbor/dokumen/<str:kind>/<int:pk>/", views.own_document, name="document"),
]
