# Partnership request pages (being built).
app_name = "partnerships"
urlpatterns: list = []
