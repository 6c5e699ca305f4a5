"""Vendor fulfilment and the vendor's statement (under /dasbor/), and the outlet counter
(/outlet/<location>/). Included at the root, inside i18n_patterns."""

from django.urls import path

from . import views

app_name = "fulfilment"
urlpatterns = [
    path("dasbor/pesanan/", views.part_list, name="parts"),
    path("dasbor/pesanan/<int:part_pk>/", views.part_detail, name="part"),
    path("dasbor/keuangan/", views.statement, name="statement"),
    path("outlet/<slug:location>/", views.outlet, name="outlet"),
    path("outlet/<slug:location>/<str:number>/ambil/", views.outlet_collect, name="collect"),
    path("outlet/<slug:location>/<str:number>/bayar/", views.outlet_pay, name="pay"),
]
