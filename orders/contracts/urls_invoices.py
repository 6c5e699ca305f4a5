"""URLs of the invoices area: the buyer's (on the contract's private link) and the vendor's."""

from django.urls import path

from . import invoice_views as views

BUYER = "kemitraan/kontrak/<str:token>/tagihan/<int:invoice>/"

urlpatterns = [
    path(BUYER, views.buyer_invoice, name="invoice_detail"),
    path(BUYER + "cetak/", views.buyer_invoice_print, name="invoice_print"),
    path(BUYER + "pdf/", views.buyer_invoice_pdf, name="invoice_pdf"),
    path(BUYER + "bayar-kartu/", views.buyer_invoice_pay_card, name="invoice_pay_card"),
    path("dasbor/tagihan/", views.vendor_invoices, name="vendor_invoices"),
    path("dasbor/tagihan/<int:invoice>/", views.vendor_invoice, name="vendor_invoice"),
    path("dasbor/tagihan/<int:invoice>/pdf/", views.vendor_invoice_pdf, name="vendor_invoice_pdf"),
]
