"""The shelf area's URLs (joined in urls.py)."""

from django.urls import path

from . import shelf_views

urlpatterns = [
    path("outlet/<slug:location>/rak/", shelf_views.shelf_list, name="shelf"),
    path("outlet/<slug:location>/rak/terima/", shelf_views.receive, name="shelf_receive"),
    path("outlet/<slug:location>/rak/opname/", shelf_views.stock_take, name="shelf_count"),
    path("outlet/<slug:location>/rak/retur/", shelf_views.vendor_return, name="shelf_return"),
    path(
        "outlet/<slug:location>/rak/kedaluwarsa/",
        shelf_views.best_before,
        name="shelf_best_before",
    ),
]
