"""URLs of the buyers area: the magic link (ask for it, open it)."""

from django.urls import path

from . import buyer_views

urlpatterns = [
    path("kemitraan/masuk/", buyer_views.ask_link, name="buyer_link"),
    path("kemitraan/pembeli/<str:signed>/", buyer_views.buyer_home, name="buyer_home"),
]
