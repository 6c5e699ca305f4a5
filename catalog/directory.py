"""The field of business in the public directory of vendors (/umkm/): the top categories of
their published products (see vendors.directory)."""

from django.db.models import Exists, OuterRef, Q

from vendors.directory import DirectoryField

from .models import Category, Product


def directory_field() -> DirectoryField:
    """Top categories that hold at least one public product (one query), and for a slug the
    vendors with a public product in it or in one of its sub-categories."""
    in_it = Q(category=OuterRef("pk")) | Q(category__parent=OuterRef("pk"))
    tops = Category.objects.filter(parent__isnull=True).filter(
        Exists(Product.objects.public().filter(in_it))
    )

    def condition(slug: str) -> Q:
        products = Product.objects.public().filter(
            Q(category__slug=slug) | Q(category__parent__slug=slug), vendor=OuterRef("pk")
        )
        return Q(Exists(products))

    return DirectoryField(choices=[(c.slug, c.display_name) for c in tops], condition=condition)
