"""Partnership pages: the buyer's form and private page (/kemitraan/), the vendor's requests
under its dashboard (/dasbor/kemitraan/). The staff pages live in the Wagtail admin
(orders.partnership_admin)."""

from django.urls import path

from . import converters  # noqa: F401  (registers <token:…>)
from . import partnership_views as views

app_name = "partnerships"
urlpatterns = [
    path("kemitraan/", views.request_form, name="request"),
    path("kemitraan/<token:token>/", views.request_detail, name="detail"),
    path("dasbor/kemitraan/", views.vendor_request_list, name="vendor_list"),
    path("dasbor/kemitraan/<str:number>/", views.vendor_request_detail, name="vendor_detail"),
]
