"""The shopper's side of orders: cart, checkout and the private order page. The paths are
Indonesian in both languages (English lives under /en/); see DESIGN.md "Public addresses"."""

from django.urls import path

from . import (
    converters,  # noqa: F401  (registers <token:…>)
    views,
)

app_name = "orders"
urlpatterns = [
    path("keranjang/", views.cart, name="cart"),
    path("keranjang/tambah/", views.add, name="add"),
    path("keranjang/ubah/", views.update, name="update"),
    path("keranjang/hapus/", views.remove, name="remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("pesanan/<token:token>/", views.detail, name="detail"),
    path("pesanan/<token:token>/bayar/", views.pay, name="pay"),
    path("pesanan/<token:token>/bukti-transfer/", views.receipt, name="receipt"),
]
