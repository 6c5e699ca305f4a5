from django.shortcuts import get_object_or_404, render

from .models import Product
from .queries import with_card_data


def product_detail(request, slug):
    product = get_object_or_404(with_card_data(Product.objects.public()), slug=slug)
    return render(
        request, "catalog/product_detail.html", {"product": product, "title": product.name}
    )
