"""Vendor fulfilment (/dasbor/pesanan/), the vendor's statement (/dasbor/keuangan/) and the
outlet counter (/outlet/<location>/).

A vendor reaches its own order parts only: every lookup goes through
``vendor_parts(current_vendor(request))`` (``OrderPart.objects.filter(vendor=…)``), so another
vendor's part id answers 404, exactly like an id that does not exist. The outlet pages answer
404 to anyone who neither works at that outlet (an OutletAssignment) nor is staff: they do not
reveal what is there. Every change goes through the services."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from catalog.models import Location
from core.views import errors_to_messages
from vendors.access import vendor_or_404

from .. import figures, settlement
from ..models import Order, OrderEvent, OrderPart
from ..outlets.sales import is_supervisor
from ..services.fulfilment import (
    advance_part,
    can_collect,
    can_serve_outlet,
    confirm_outlet_payment,
    mark_collected,
)
from .dashboard import CONTACT_VISIBLE, parts_needing_action, vendor_parts
from .forms import ALL, OPEN, AdvancePartForm, CollectForm, PartFilterForm

PAGE_SIZE = 20
Status = OrderPart.Status


# Vendor: order parts -------------------------------------------------------------------------


def _part_url(part) -> str:
    return reverse("fulfilment:part", args=[part.pk])


@login_required
def part_list(request):
    vendor = vendor_or_404(request)
    filter_form = PartFilterForm(request.GET)
    chosen = filter_form.chosen()
    if chosen == OPEN:
        parts = parts_needing_action(vendor)
    else:
        parts = vendor_parts(vendor).order_by("-order__created_at", "-pk")
        if chosen != ALL:
            parts = parts.filter(status=chosen)
    page_obj = Paginator(parts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/dashboard/part_list.html",
        {
            "vendor": vendor,
            "page_obj": page_obj,
            "parts": page_obj.object_list,
            "filter_form": filter_form,
            "chosen": chosen,
            "filter_choices": PartFilterForm.base_fields["status"].choices,
            "title": _("Your orders"),
        },
    )


def _next_steps(part) -> list[str]:
    """The steps the page offers (the service decides whether they are allowed)."""
    if part.status == Status.PROCESSING:
        return [Status.READY] if part.order.is_pickup else [Status.SHIPPED]
    if part.status in (Status.READY, Status.SHIPPED) and not part.order.pays_at_outlet:
        return [Status.COMPLETED]
    return []


DONE_MESSAGES = {
    Status.READY: gettext_lazy("Marked delivered to the outlet. The buyer gets an e-mail."),
    Status.SHIPPED: gettext_lazy("Marked shipped."),
    Status.COMPLETED: gettext_lazy("Marked completed."),
}


@login_required
def part_detail(request, part_pk):
    vendor = vendor_or_404(request)
    part = get_object_or_404(vendor_parts(vendor), pk=part_pk)
    form = AdvancePartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            status = form.cleaned_data["status"]
            try:
                advance_part(part, request.user, status, form.cleaned_data["tracking_note"].strip())
            except ValidationError as error:
                errors_to_messages(request, error)
            else:
                messages.success(request, DONE_MESSAGES[status])
            return redirect(_part_url(part))
        if "status" in form.errors:
            messages.error(request, _("This step is not possible for this order."))
            return redirect(_part_url(part))
        # A missing tracking note: the form is shown again with its error.
    events = (
        OrderEvent.objects.filter(part=part).exclude(new_status="").order_by("created_at", "pk")
    )
    return render(
        request,
        "orders/dashboard/part_detail.html",
        {
            "vendor": vendor,
            "part": part,
            "order": part.order,
            "lines": part.lines.all(),
            "form": form,
            "next_steps": _next_steps(part),
            # A pay-at-outlet pickup is not paid yet: the vendor only brings it to the outlet.
            "show_contact": part.status in CONTACT_VISIBLE and not part.order.pays_at_outlet,
            "events": events,
            "title": _("Order %(number)s") % {"number": part.order.number},
        },
    )


# Vendor: settlement statement ------------------------------------------------------------------


@login_required
def statement(request):
    vendor = vendor_or_404(request)
    asked = request.GET.get("bulan")
    year, month, understood = settlement.parse_month(asked)
    data = settlement.monthly_statement(vendor, year, month)
    return render(
        request,
        "orders/dashboard/statement.html",
        {
            "vendor": vendor,
            "statement": data,
            "month_not_understood": asked is not None and not understood,
            "asked": (asked or "")[:40],
            "title": _("Statement"),
        },
    )


# Outlet counter --------------------------------------------------------------------------------


def _outlet_or_404(request, slug):
    location = Location.objects.filter(slug=slug).first()
    if location is None or not can_serve_outlet(request.user, location):
        raise Http404
    return location


def _pickup_or_404(location, number):
    return get_object_or_404(
        Order.objects.exclude(fulfilment=Order.Fulfilment.DELIVERY),
        pickup_location=location,
        number=number,
    )


def _outlet_url(location, order=None) -> str:
    url = reverse("fulfilment:outlet", args=[location.slug])
    return f"{url}#order-{order.number}" if order else url


@login_required
def outlet(request, location):
    location = _outlet_or_404(request, location)
    today = figures.local_today()
    days = [today, today + datetime.timedelta(days=1)]
    due = figures.pickups_due(today, days=len(days), location=location)
    return render(
        request,
        "orders/outlet/pickups.html",
        {
            "location": location,
            "today": today,
            "days": figures.group_by_day(due, days),
            "without_time": list(figures.pickups_without_time(location)),
            "ready_count": figures.ready_parts_count(location),
            "supervisor": is_supervisor(request.user, location),
            "title": location.name,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outlet_collect(request, location, number):
    """The handover, confirmed on its own page (works without JavaScript): what is at the
    counter and is handed over, what is not here yet and stays open, and for a pay-at-outlet
    order the amount to take. Only a ticked box hands it over."""
    location = _outlet_or_404(request, location)
    order = _pickup_or_404(location, number)
    form = CollectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            order = mark_collected(order, request.user)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            if order.status == Order.Status.COMPLETED:
                text = _("Order %(number)s is handed over and completed.")
            else:
                text = _("Order %(number)s is handed over. Some vendors' parts are still open.")
            messages.success(request, text % {"number": order.number})
        return redirect(_outlet_url(location, order))
    parts = list(
        order.parts.select_related("vendor").prefetch_related("lines").order_by("vendor__name")
    )
    return render(
        request,
        "orders/outlet/collect.html",
        {
            "location": location,
            "order": order,
            "form": form,
            "at_counter": [part for part in parts if part.status == Status.READY],
            "not_here": [part for part in parts if part.status == Status.PROCESSING],
            "collectable": can_collect(order),
            "title": _("Hand over order %(number)s") % {"number": order.number},
        },
    )


@login_required
@require_POST
def outlet_pay(request, location, number):
    location = _outlet_or_404(request, location)
    order = _pickup_or_404(location, number)
    names = {"number": order.number}
    if order.status in (Order.Status.PAID, Order.Status.COMPLETED):
        messages.info(request, _("Order %(number)s is already paid.") % names)
        return redirect(_outlet_url(location, order))
    try:
        order = confirm_outlet_payment(order, request.user)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        if order.status == Order.Status.PAID:
            messages.success(
                request,
                _("Payment received for order %(number)s. It can be handed over now.") % names,
            )
        else:
            messages.error(
                request,
                _(
                    "Order %(number)s expired and its products are no longer in stock: "
                    "it cannot be paid. Give the money back."
                )
                % names,
            )
    return redirect(_outlet_url(location, order))
