"""The vendor dashboard's extension point: higher apps (catalog, orders) add their sections
with Wagtail's hook registry, so vendors never imports them.

    @hooks.register("register_vendor_dashboard_item")
    def products_section(request, vendor):
        return DashboardItem(order=10, title=..., template="catalog/dashboard/section.html",
                             context={...})

Public profile sections work the same way with ``register_vendor_profile_section``.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from wagtail import hooks

from .models import Vendor

SESSION_KEY = "vendor_id"


@dataclass
class DashboardItem:
    title: str
    template: str
    order: int = 50
    context: dict = field(default_factory=dict)
    url: str = ""

    def render(self, request, vendor) -> str:
        return render_to_string(
            self.template, {"vendor": vendor, "item": self, **self.context}, request=request
        )


def collect(hook_name: str, request, vendor) -> list[DashboardItem]:
    items = [fn(request, vendor) for fn in hooks.get_hooks(hook_name)]
    return sorted((i for i in items if i), key=lambda item: item.order)


def current_vendor(request):
    """The vendor the signed-in user is working on (their choice if they run several), or
    None. Every dashboard view goes through Vendor.objects.for_user: nothing else leaks."""
    vendors = Vendor.objects.for_user(request.user).select_related("kecamatan")
    chosen = request.session.get(SESSION_KEY)
    if chosen:
        vendor = vendors.filter(pk=chosen).first()
        if vendor:
            return vendor
    return vendors.order_by("name").first()
