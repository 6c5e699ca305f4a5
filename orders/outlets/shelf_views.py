"""The shelf pages for outlet staff (/outlet/<slug>/rak/…), phone-first: the shelf, goods
received, the stock-take, returns to vendors and the best-before list. They answer 404 to
anyone who neither works at that outlet nor is Diskum staff. Every change goes through the
services in shelf.py; a refused change shows its reason and keeps what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from catalog.models import Location

from ..services.fulfilment import can_serve_outlet
from . import shelf
from .models import ShelfBatch
from .shelf_forms import ReceiveForm, ReturnForm, StockTakeForm


def _outlet_or_404(request, slug) -> Location:
    location = Location.objects.filter(slug=slug).first()
    if location is None or not can_serve_outlet(request.user, location):
        raise Http404
    return location


def _vendor_or_none(request, location):
    chosen = request.GET.get("vendor", "")
    if not (chosen.isascii() and chosen.isdigit()):
        return None
    vendor = shelf.vendors_on_shelf(location).filter(pk=chosen).first()
    if vendor is None:
        raise Http404
    return vendor


def _shelf_url(location) -> str:
    return reverse("outlets:shelf", args=[location.slug])


def _page(request, location, template, title, **context):
    return render(
        request,
        f"outlets/shelf/{template}",
        {"location": location, "title": title, "today": timezone.localdate(), **context},
    )


def _saved(request, form, action) -> bool:
    """Run the service; a refusal becomes the form's error (what was typed stays)."""
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


@login_required
def shelf_list(request, location):
    location = _outlet_or_404(request, location)
    return _page(
        request,
        location,
        "list.html",
        _("Shelf"),
        items=shelf.shelf_items(location),
        movements=shelf.recent_movements(location),
    )


@login_required
@require_http_methods(["GET", "POST"])
def receive(request, location):
    location = _outlet_or_404(request, location)
    vendor = _vendor_or_none(request, location)
    if vendor is None:
        vendors = shelf.vendors_on_shelf(location)
        return _page(request, location, "pick_vendor.html", _("Receive goods"), vendors=vendors)
    items = shelf.shelf_items(location).filter(product__vendor=vendor)
    form = ReceiveForm(items, request.POST or None)
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: shelf.receive_delivery(
            location, vendor, request.user, form.lines(), form.cleaned_data["note_number"]
        ),
    ):
        messages.success(request, _("Goods received from %(vendor)s.") % {"vendor": vendor})
        return redirect(_shelf_url(location))
    return _page(request, location, "receive.html", _("Receive goods"), vendor=vendor, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def stock_take(request, location):
    location = _outlet_or_404(request, location)
    form = StockTakeForm(shelf.shelf_items(location), request.POST or None)
    if request.method == "POST" and _saved(
        request, form, lambda: shelf.take_stock(location, request.user, form.lines())
    ):
        messages.success(request, _("Stock-take recorded."))
        return redirect(_shelf_url(location))
    return _page(request, location, "stock_take.html", _("Stock-take"), form=form)


@login_required
@require_http_methods(["GET", "POST"])
def vendor_return(request, location):
    location = _outlet_or_404(request, location)
    vendor = _vendor_or_none(request, location)
    if vendor is None:
        vendors = shelf.vendors_on_shelf(location)
        return _page(request, location, "pick_vendor.html", _("Return to vendor"), vendors=vendors)
    batches = (
        ShelfBatch.objects.filter(
            stock__location=location, stock__product__vendor=vendor, remaining__gt=0
        )
        .select_related("stock__product")
        .order_by("best_before", "stock__product__name", "pk")
    )
    form = ReturnForm(batches, request.POST or None)
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: shelf.return_to_vendor(
            location, vendor, request.user, form.lines(), form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("Return to %(vendor)s recorded.") % {"vendor": vendor})
        return redirect(_shelf_url(location))
    return _page(request, location, "return.html", _("Return to vendor"), vendor=vendor, form=form)


@login_required
def best_before(request, location):
    location = _outlet_or_404(request, location)
    return _page(
        request,
        location,
        "best_before.html",
        _("Best-before dates"),
        batches=shelf.expiring_batches(location),
        warning_days=shelf.warning_days(location),
    )
