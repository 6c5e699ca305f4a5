from django.urls import path

from . import curation_criteria, views

app_name = "catalog"
urlpatterns = [
    path("katalog/", views.catalog_index, name="index"),
    path("produk/<slug:slug>/", views.product_detail, name="product"),
    path("kurasi/", curation_criteria.criteria_page, name="curation_criteria"),
]
