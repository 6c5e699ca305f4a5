"""The staff's partnership pages, mounted at /admin/kemitraan/ by ``wagtail_hooks``."""

from django.urls import path

from .views import RequestAdminView, RequestIndexView

app_name = "partnerships_admin"
urlpatterns = [
    path("", RequestIndexView.as_view(), name="list"),
    path("<int:pk>/", RequestAdminView.as_view(), name="request"),
]
