from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("katalog/", views.catalog_index, name="index"),
    path("produk/<slug:slug>/", views.product_detail, name="product"),
]
