# Vendor fulfilment and outlet pickups (being built).
app_name = "fulfilment"
urlpatterns: list = []
