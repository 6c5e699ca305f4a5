"""The product page's structured data, built when its fragment is rendered."""

from django import template

from core.templatetags.etalase import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def product_json_ld(context, product) -> str:
    """schema.org Product with an IDR Offer, as a data block (json_ld: never executed)."""
    return json_ld(_data(context["request"], product))


def _data(request, product) -> dict:
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.display_name,
        "description": product.display_description[:500],
        "sku": str(product.pk),
        "url": url,
        "category": product.category.display_name,
        "brand": {"@type": "Brand", "name": product.vendor.name},
        "offers": {
            "@type": "Offer",
            "url": url,
            "priceCurrency": "IDR",
            "price": str(product.price),
            "availability": "https://schema.org/InStock"
            if product.in_stock
            else "https://schema.org/OutOfStock",
            "seller": {"@type": "Organization", "name": product.vendor.name},
        },
    }
    images = list(product.images.all())
    if images:
        rendition = images[0].image.get_rendition("fill-720x720|format-webp")
        data["image"] = request.build_absolute_uri(rendition.url)
    return data
