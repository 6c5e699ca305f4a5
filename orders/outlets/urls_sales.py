"""The sales area's URLs (joined in urls.py): the counter, receipts and voids, the day's
close."""

from django.urls import path

from . import close_views, sales_views

urlpatterns = [
    path("outlet/<slug:location>/jual/", sales_views.counter, name="counter"),
    path("outlet/<slug:location>/struk/<str:number>/", sales_views.receipt, name="receipt"),
    path(
        "outlet/<slug:location>/struk/<str:number>/batal/",
        sales_views.void_sale,
        name="void",
    ),
    path("outlet/<slug:location>/tutup/", close_views.close_day, name="close"),
]
