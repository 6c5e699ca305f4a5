"""Reusable read paths: what a product card needs, in a fixed number of queries."""

from django.db.models import Prefetch

from vendors.models import HalalCertificate

from .models import ProductImage


def with_card_data(queryset):
    """Everything a product card shows (vendor, badges, first photo and its renditions),
    fetched in a constant number of queries whatever the number of cards."""
    return queryset.select_related(
        "vendor", "vendor__kecamatan", "category", "halal_certificate"
    ).prefetch_related(
        Prefetch(
            "images",
            queryset=ProductImage.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
        ),
        Prefetch("vendor__halal_certificates", queryset=HalalCertificate.objects.all()),
    )
