"""The staff pages of orders beside Wagtail's own, mounted by the viewsets (so they sit inside
Wagtail's admin check and its "Orders" menu)."""

from django.urls import path

from . import views

# Under the orders listing (/admin/orders/): the actions of an order's inspect page.
order_urlpatterns = [
    path("refund/<int:pk>/", views.refund_order, name="refund"),
    path("transfer/<int:pk>/", views.decide_transfer, name="transfer"),
    path("transfer/<int:pk>/receipt/", views.transfer_receipt, name="receipt"),
]

pickups_urlpatterns = [path("", views.PickupsView.as_view(), name="index")]

balances_urlpatterns = [
    path("", views.VendorBalancesView.as_view(), name="index"),
    path("<int:pk>/payout/", views.PayoutView.as_view(), name="payout"),
]
