"""Partnership pages: the buyer's form and private page (/kemitraan/), the vendor's requests
under its dashboard (/dasbor/kemitraan/). The staff pages live in the Wagtail admin
(``admin.urls``, mounted by ``wagtail_hooks``)."""

from django.urls import path

from orders import converters  # noqa: F401  (registers <token:…>)

from . import views

app_name = "partnerships"
urlpatterns = [
    path("kemitraan/", views.request_form, name="request"),
    path("kemitraan/<token:token>/", views.request_detail, name="detail"),
    path("dasbor/kemitraan/", views.vendor_request_list, name="vendor_list"),
    path("dasbor/kemitraan/<str:number>/", views.vendor_request_detail, name="vendor_detail"),
]
