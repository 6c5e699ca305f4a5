from django.urls import path

from . import views

app_name = "vendors"
urlpatterns = [
    path("umkm/<slug:slug>/", views.profile, name="profile"),
]
