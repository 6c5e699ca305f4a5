"""Staff views for orders in the Wagtail admin: the refund of an order (or of one vendor's
part), the pickups due at the outlets, the vendors' balances and the payouts staff record.
Every view here is for is_staff users only; Wagtail's own check (access to the admin) runs
first. Money changes only through the services."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalog.models import Location
from core.money import format_rupiah
from core.permissions import staff_required
from core.views import errors_to_messages
from vendors.admin.views import _document_response as document_response
from vendors.models import Vendor

from .. import figures, payments
from ..models import LedgerEntry, Order
from ..services import ledger, transfers
from .forms import PayoutForm, RefundForm

BALANCES_PAGE_SIZE = 50
Kind = LedgerEntry.Kind


def inspect_url(order) -> str:
    return reverse("orders_admin:inspect", args=[order.pk])


# Refunds -----------------------------------------------------------------------------------


@staff_required
@require_POST
def refund_order(request, pk):
    """POST from the order's inspect page: refund the whole order or one part through
    Stripe (or, for an order paid at the outlet, record the cash given back)."""
    order = get_object_or_404(Order, pk=pk)
    form = RefundForm(request.POST, parts=order.parts.select_related("vendor"))
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(inspect_url(order) + "#refund")
    try:
        amount = ledger.refund(order, request.user, part=form.chosen_part())
    except payments.PaymentUnavailable as error:
        messages.error(
            request,
            _("Stripe did not refund; nothing was changed. Stripe said: %(error)s")
            % {"error": error},
        )
    except ValidationError as error:
        errors_to_messages(request, error, admin=True)
    else:
        messages.success(
            request,
            _("%(amount)s refunded for order %(number)s.")
            % {"amount": format_rupiah(amount), "number": order.number},
        )
    return redirect(inspect_url(order) + "#refund")


# Bank transfers ----------------------------------------------------------------------------


@staff_required
def transfer_receipt(request, pk):
    """The buyer's transfer receipt, from the private storage (never a public address)."""
    order = get_object_or_404(Order, pk=pk)
    return document_response(order.transfer_receipt, f"bukti-transfer-{order.number}")


@staff_required
@require_POST
def decide_transfer(request, pk):
    """POST from the order's inspect page: the transfer arrived (the order becomes paid,
    as from Stripe) or the receipt does not show it (the buyer is told why)."""
    order = get_object_or_404(Order, pk=pk)
    try:
        if request.POST.get("decision") == "confirm":
            order, outcome = transfers.confirm_transfer(order, request.user)
            if outcome in ("paid", "already paid"):
                messages.success(
                    request,
                    _("Transfer confirmed: order %(number)s is paid.") % {"number": order.number},
                )
            else:
                messages.error(
                    request,
                    _(
                        "Order %(number)s expired and its items are no longer in stock, so it "
                        "was not marked paid. Transfer the money back to the buyer."
                    )
                    % {"number": order.number},
                )
        elif request.POST.get("decision") == "reject":
            transfers.reject_receipt(order, request.user, request.POST.get("reason", ""))
            messages.success(
                request,
                _("Receipt rejected; the buyer of %(number)s is e-mailed the reason.")
                % {"number": order.number},
            )
        else:
            messages.error(request, _("Choose to confirm or to reject."))
    except ValidationError as error:
        errors_to_messages(request, error, admin=True)
    return redirect(inspect_url(order) + "#transfer")


# Pickups -----------------------------------------------------------------------------------


class StaffTemplateView(WagtailAdminTemplateMixin, TemplateView):
    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


@method_decorator(staff_required, name="dispatch")
class PickupsView(StaffTemplateView):
    """Today's and tomorrow's pickups at every outlet, soonest first."""

    template_name = "orders/admin/pickups.html"
    page_title = gettext_lazy("Pickups")
    header_icon = "calendar-check"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = figures.local_today()
        days = [today, today + datetime.timedelta(days=1)]
        due = list(figures.pickups_due(today, days=len(days)))
        context["outlets"] = [
            {
                "location": location,
                "days": figures.group_by_day(
                    (order for order in due if order.pickup_location_id == location.pk), days
                ),
            }
            for location in Location.objects.order_by("name")
        ]
        return context


# Vendor balances and payouts ---------------------------------------------------------------


def vendor_balances():
    """Every vendor with ledger entries, with what the platform owes it (the sum of its
    entries), its sales, its payouts and the last payout: one query per page."""
    return (
        Vendor.objects.annotate(
            entry_count=Count("ledger"),
            balance=Sum("ledger__amount", default=0),
            sales=Sum("ledger__amount", filter=Q(ledger__kind=Kind.SALE), default=0),
            paid_out=Sum("ledger__amount", filter=Q(ledger__kind=Kind.PAYOUT), default=0),
            last_payout=Max("ledger__created_at", filter=Q(ledger__kind=Kind.PAYOUT)),
        )
        .filter(entry_count__gt=0)
        .order_by("-balance", "name", "pk")
    )


@method_decorator(staff_required, name="dispatch")
class VendorBalancesView(StaffTemplateView):
    template_name = "orders/admin/balances.html"
    page_title = gettext_lazy("Vendor balances")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vendors"] = Paginator(vendor_balances(), BALANCES_PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        context["total_owed"] = LedgerEntry.objects.aggregate(total=Sum("amount", default=0))[
            "total"
        ]
        return context


@method_decorator(staff_required, name="dispatch")
class PayoutView(StaffTemplateView):
    """Record a bank transfer to one vendor (ledger.record_payout)."""

    template_name = "orders/admin/payout.html"
    page_title = gettext_lazy("Record payout")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("orders_balances:index"), "label": _("Vendor balances")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.vendor.name},
        ]

    def get_page_subtitle(self):
        return self.vendor.name

    def dispatch(self, request, *args, **kwargs):
        self.vendor = get_object_or_404(Vendor, pk=kwargs["pk"])
        self.balance = LedgerEntry.objects.filter(vendor=self.vendor).aggregate(
            total=Sum("amount", default=0)
        )["total"]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            vendor=self.vendor,
            balance=self.balance,
            form=kwargs.get("form") or PayoutForm(balance=self.balance),
            entries=LedgerEntry.objects.filter(vendor=self.vendor)
            .select_related("created_by")
            .order_by("-created_at", "-pk")[:20],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PayoutForm(request.POST, balance=self.balance)
        if form.is_valid():
            try:
                ledger.record_payout(
                    self.vendor,
                    request.user,
                    form.cleaned_data["amount"],
                    form.cleaned_data["reference"].strip(),
                )
            except ValidationError as error:
                errors_to_messages(request, error, admin=True)
            else:
                messages.success(
                    request,
                    _("Payout of %(amount)s to %(vendor)s recorded.")
                    % {
                        "amount": format_rupiah(form.cleaned_data["amount"]),
                        "vendor": self.vendor.name,
                    },
                )
                return redirect("orders_balances:index")
        else:
            messages.error(request, _("The payout could not be recorded. See the errors below."))
        return self.render_to_response(self.get_context_data(form=form))
