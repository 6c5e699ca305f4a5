"""Contracts, schedules, deliveries and receipts: the buyer's private pages under
/kemitraan/, the vendor's under /dasbor/kontrak/."""

from django.urls import path

from orders import converters  # noqa: F401  (registers <token:…>)

from . import contract_views, delivery_views

urlpatterns = [
    path("kemitraan/<token:token>/kontrak/", contract_views.buyer_new, name="buyer_new"),
    path("kemitraan/kontrak/<token:token>/", contract_views.buyer_detail, name="buyer_detail"),
    path(
        "kemitraan/kontrak/<token:token>/bast/<int:sequence>/",
        delivery_views.buyer_bast,
        name="buyer_bast",
    ),
    path(
        "kemitraan/kontrak/<token:token>/bast/<int:sequence>.pdf",
        delivery_views.buyer_bast_pdf,
        name="buyer_bast_pdf",
    ),
    path("dasbor/kontrak/", contract_views.vendor_list, name="vendor_list"),
    path("dasbor/kontrak/<slug:number>/", contract_views.vendor_detail, name="vendor_detail"),
    path(
        "dasbor/kontrak/<slug:number>/bast/<int:sequence>/",
        delivery_views.vendor_bast,
        name="vendor_bast",
    ),
    path(
        "dasbor/kontrak/<slug:number>/bast/<int:sequence>.pdf",
        delivery_views.vendor_bast_pdf,
        name="vendor_bast_pdf",
    ),
]
