# Cart, checkout and the order page (being built).
app_name = "orders"
urlpatterns: list = []
