from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vendors.dashboard import DashboardItem

from .models import Product
from .queries import cards

PROFILE_PRODUCTS = 24


@hooks.register("register_vendor_profile_section")
def vendor_products_section(request, vendor):
    public = Product.objects.public().filter(vendor=vendor)
    products = cards(public.order_by("-published_at"), limit=PROFILE_PRODUCTS + 1)
    more = len(products) > PROFILE_PRODUCTS
    return DashboardItem(
        order=10,
        title=_("Products"),
        template="catalog/includes/vendor_products.html",
        context={
            "products": products[:PROFILE_PRODUCTS],
            "total": public.count() if more else len(products),
            "more": more,
        },
    )


from . import dashboard  # noqa: E402,F401  (registers the vendor dashboard section)
from .admin import register_catalog_viewsets  # noqa: E402,F401  (registers the staff catalog admin)
