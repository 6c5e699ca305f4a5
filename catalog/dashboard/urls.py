"""A vendor's own products, under the vendor dashboard (/dasbor/produk/)."""

from django.urls import path

from . import views

app_name = "catalog_dashboard"
urlpatterns = [
    path("dasbor/produk/", views.product_list, name="products"),
    path("dasbor/produk/baru/", views.product_add, name="add"),
    path("dasbor/produk/<int:pk>/", views.product_edit, name="edit"),
    path("dasbor/produk/<int:pk>/foto/", views.photos, name="photos"),
    path("dasbor/produk/<int:pk>/foto/<int:image_pk>/", views.photo_alt, name="photo_alt"),
    path(
        "dasbor/produk/<int:pk>/foto/<int:image_pk>/hapus/",
        views.photo_remove,
        name="photo_remove",
    ),
    path(
        "dasbor/produk/<int:pk>/foto/<int:image_pk>/naik/",
        views.photo_move,
        {"step": -1},
        name="photo_up",
    ),
    path(
        "dasbor/produk/<int:pk>/foto/<int:image_pk>/turun/",
        views.photo_move,
        {"step": 1},
        name="photo_down",
    ),
    path("dasbor/produk/<int:pk>/tayangkan/", views.publish, name="publish"),
    path("dasbor/produk/<int:pk>/turunkan/", views.unpublish, name="unpublish"),
    path("dasbor/produk/<int:pk>/arsipkan/", views.archive, name="archive"),
    path("dasbor/produk/<int:pk>/usulkan/", views.propose, name="propose"),
]
