"""Admin screens for Diskum staff, under one "Orders" menu group: the orders (a read-only
listing and a detail page with the parts, lines, event log and the refund form), the pickups
due at the outlets, the vendors' balances with their payouts, and who works at which outlet.
Orders are never edited here: money and statuses change only through the services."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.money import format_rupiah
from core.time import jakarta_time

from ..models import Order, OutletAssignment
from . import urls
from .forms import OutletAssignmentForm, RefundForm

# Orders ------------------------------------------------------------------------------------


class OrderInspectView(generic.InspectView):
    """The order with its vendors' parts and lines, the append-only event log and, while
    the order is paid, the refund form."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            Order.objects.select_related("pickup_location", "user"), pk=self.pk
        )

    def get_page_subtitle(self):
        return self.object.number

    def _time(self, name):
        return jakarta_time(getattr(self.object, name))

    def get_created_at_display_value(self):
        return self._time("created_at")

    def get_paid_at_display_value(self):
        return self._time("paid_at")

    def get_collected_at_display_value(self):
        return self._time("collected_at")

    def get_receipt_uploaded_at_display_value(self):
        return self._time("receipt_uploaded_at")

    def get_receipt_status_display_value(self):
        order = self.object
        if order.payment_method != Order.Payment.TRANSFER:
            return "—"
        return order.get_receipt_status_display()

    def get_pickup_at_display_value(self):
        return self._time("pickup_at")

    def get_departure_at_display_value(self):
        return self._time("departure_at")

    def get_subtotal_display_value(self):
        return format_rupiah(self.object.subtotal)

    def get_shipping_total_display_value(self):
        return format_rupiah(self.object.shipping_total)

    def get_total_display_value(self):
        return format_rupiah(self.object.total)

    def get_refunded_amount_display_value(self):
        return format_rupiah(self.object.refunded_amount)

    def get_pickup_location_display_value(self):
        return self.object.pickup_location or "—"

    def get_address_display_value(self):
        return self.object.address or "—"

    def get_flight_number_display_value(self):
        return self.object.flight_number or "—"

    def get_stripe_payment_intent_display_value(self):
        return self.object.stripe_payment_intent or "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        parts = list(order.parts.select_related("vendor").prefetch_related("lines").order_by("pk"))
        refundable = Order.TRANSITIONS.allows(order.status, Order.Status.REFUNDED)
        refund_form = RefundForm(parts=parts) if refundable else None
        context.update(
            order=order,
            parts=parts,
            events=order.events.select_related("actor", "part__vendor").order_by(
                "created_at", "pk"
            ),
            refund_form=refund_form if refund_form and refund_form.open_parts else None,
            refund_url=reverse("orders_admin:refund", args=[order.pk]),
        )
        return context


def _money(name):
    return lambda obj: format_rupiah(getattr(obj, name))


class OrderViewSet(ModelViewSet):
    model = Order
    name = "orders_admin"
    url_prefix = "orders"
    icon = "list-ul"
    menu_label = gettext_lazy("Orders")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    inspect_template_name = "orders/admin/order_inspect.html"
    list_per_page = 50
    ordering = "-created_at"
    list_display = [
        "number",
        Column(
            "created_at",
            label=capfirst(gettext_lazy("placed at")),
            accessor=lambda order: jakarta_time(order.created_at),
            sort_key="created_at",
        ),
        Column("name", label=gettext_lazy("Buyer"), sort_key="name"),
        Column("total", label=gettext_lazy("Total"), accessor=_money("total"), sort_key="total"),
        "status",
        "payment_method",
        "fulfilment",
    ]
    list_filter = ["status", "fulfilment", "payment_method", "receipt_status"]
    search_fields = ["number", "name", "email"]
    inspect_view_fields = [
        "number",
        "status",
        "created_at",
        "paid_at",
        "payment_method",
        "stripe_payment_intent",
        "receipt_status",
        "receipt_uploaded_at",
        "name",
        "email",
        "whatsapp",
        "fulfilment",
        "address",
        "pickup_location",
        "pickup_at",
        "flight_number",
        "departure_at",
        "collected_at",
        "subtotal",
        "shipping_total",
        "total",
        "refunded_amount",
    ]
    # Nothing is edited here (the permission policy allows "view" only); the form is only
    # defined because a ModelViewSet needs one.
    form_fields = ["name"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), *urls.order_urlpatterns]


# Views without a model: pickups, balances ----------------------------------------------------


class StaffViewSet(ViewSet):
    """A viewset of staff-only views: its menu item shows to staff only."""

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return request.user.is_active and request.user.is_staff

        return type(f"{type(self).__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})


class PickupsViewSet(StaffViewSet):
    name = "orders_pickups"
    url_prefix = "pickups"
    icon = "calendar-check"
    menu_label = gettext_lazy("Pickups")

    def get_urlpatterns(self):
        return urls.pickups_urlpatterns


class VendorBalancesViewSet(StaffViewSet):
    name = "orders_balances"
    url_prefix = "vendor-balances"
    icon = "table"
    menu_label = gettext_lazy("Vendor balances")

    def get_urlpatterns(self):
        return urls.balances_urlpatterns


# Outlet staff ------------------------------------------------------------------------------


class OutletAssignmentViewSet(ModelViewSet):
    model = OutletAssignment
    name = "outlet_staff"
    url_prefix = "outlet-staff"
    icon = "user"
    menu_label = gettext_lazy("Outlet staff")
    add_to_reference_index = False
    copy_view_enabled = False
    list_display = [
        "user",
        "location",
        Column(
            "counter",
            label=gettext_lazy("Counter page"),
            accessor=lambda assignment: format_html(
                '<a href="{}">{}</a>',
                reverse("fulfilment:outlet", args=[assignment.location.slug]),
                _("Open"),
            ),
        ),
    ]
    list_filter = ["location"]
    search_fields = ["user__username", "user__email"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("location")], base_form_class=OutletAssignmentForm
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=OutletAssignment.objects.select_related("user", "location"), **kwargs
        )


class OrdersViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Orders")
    menu_icon = "clipboard-list"
    menu_order = 160
    items = (OrderViewSet, PickupsViewSet, VendorBalancesViewSet, OutletAssignmentViewSet)
