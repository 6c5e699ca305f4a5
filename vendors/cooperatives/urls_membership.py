"""The membership area's public and dashboard URLs (joined in urls.py)."""

from django.urls import path

from . import membership_views as views

urlpatterns = [
    path("dasbor/koperasi/", views.my_cooperatives, name="mine"),
    path("dasbor/koperasi/gabung/<int:pk>/", views.ask_to_join, name="ask_to_join"),
    path("dasbor/koperasi/<int:pk>/terima/", views.accept_invitation, name="accept_invitation"),
    path("dasbor/koperasi/<int:pk>/tolak/", views.decline_invitation, name="decline_invitation"),
    path("dasbor/koperasi/<int:pk>/keluar/", views.leave, name="leave"),
    path("dasbor/koperasi/anggota/", views.members, name="members"),
    path("dasbor/koperasi/anggota/undang/<int:pk>/", views.invite, name="invite"),
    path("dasbor/koperasi/anggota/<int:pk>/terima/", views.accept_request, name="accept_request"),
    path("dasbor/koperasi/anggota/<int:pk>/tolak/", views.decline_request, name="decline_request"),
]
