from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vendors.dashboard import DashboardItem

from .models import Product
from .queries import with_card_data

PROFILE_PRODUCTS = 24


@hooks.register("register_vendor_profile_section")
def vendor_products_section(request, vendor):
    products = list(
        with_card_data(Product.objects.public().filter(vendor=vendor)).order_by("-published_at")[
            :PROFILE_PRODUCTS
        ]
    )
    return DashboardItem(
        order=10,
        title=_("Products"),
        template="catalog/includes/vendor_products.html",
        context={"products": products},
    )


from . import dashboard  # noqa: E402,F401  (registers the vendor dashboard section)
