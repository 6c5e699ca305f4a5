"""The counter at /outlet/<outlet>/jual/ (find, add to the sale kept in the session, record)
and the receipt at /outlet/<outlet>/struk/<number>/ (printable on 58 mm paper; a supervisor
voids it there). Only that outlet's staff and Diskum staff: anyone else, another outlet's
receipt or a wrong number answer 404. Every change goes through orders.outlets.sales."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from catalog.models import Location, LocationStock
from core.views import errors_to_messages

from . import sales
from .models import CounterSale

RESULTS = 20


class AddForm(forms.Form):
    stock = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=gettext_lazy("Quantity"), min_value=0, max_value=999)


class RecordForm(forms.Form):
    payment = forms.ChoiceField(
        label=gettext_lazy("Payment"), choices=CounterSale.Payment.choices, widget=forms.RadioSelect
    )


class VoidForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)


def outlet_or_404(request, slug) -> Location:
    location = Location.objects.filter(slug=slug).first()
    if location is None or not sales.can_sell(request.user, location):
        raise Http404
    return location


def _basket_key(location) -> str:
    return f"counter-{location.pk}"


def _basket(request, location) -> dict[str, int]:
    return dict(request.session.get(_basket_key(location), {}))


def _on_shelf(location):
    return LocationStock.objects.filter(
        location=location, status=LocationStock.Status.ACCEPTED
    ).select_related("product", "product__vendor")


def _search(location, query):
    query = query.strip()
    if not query:
        return []
    found = Q(product__name__icontains=query) | Q(shelf__iexact=query)
    if query.isdigit():
        found |= Q(product__barcode=query)
    return list(_on_shelf(location).filter(found).order_by("product__name", "pk")[:RESULTS])


def _basket_lines(location, basket):
    stocks = _on_shelf(location).filter(pk__in=[int(pk) for pk in basket]).order_by("pk")
    lines = [
        {"stock": stock, "quantity": basket[str(stock.pk)]}
        | {"amount": stock.product.price * basket[str(stock.pk)]}
        for stock in stocks
    ]
    return lines, sum(line["amount"] for line in lines)


@login_required
@require_http_methods(["GET", "POST"])
def counter(request, location):
    location = outlet_or_404(request, location)
    if request.method == "POST":
        return _counter_post(request, location)
    basket = _basket(request, location)
    lines, total = _basket_lines(location, basket)
    query = request.GET.get("q", "")[:80]
    return render(
        request,
        "outlets/sales/counter.html",
        {
            "location": location,
            "query": query,
            "results": _search(location, query),
            "lines": lines,
            "total": total,
            "record_form": RecordForm(),
            "title": _("Counter sale · %(outlet)s") % {"outlet": location.name},
        },
    )


def _counter_post(request, location):
    url = reverse("outlets:counter", args=[location.slug])
    basket = _basket(request, location)
    if "record" in request.POST:
        return _record(request, location, basket, url)
    form = AddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a quantity of 0 to 999."))
        return redirect(url)
    key, quantity = str(form.cleaned_data["stock"]), form.cleaned_data["quantity"]
    if quantity and not _on_shelf(location).filter(pk=key).exists():
        raise Http404
    if quantity:
        basket[key] = quantity
    else:
        basket.pop(key, None)
    request.session[_basket_key(location)] = basket
    return redirect(url)


def _record(request, location, basket, url):
    form = RecordForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the buyer paid."))
        return redirect(url)
    items = [(int(pk), quantity) for pk, quantity in basket.items()]
    try:
        sale = sales.sell(location, request.user, items, form.cleaned_data["payment"])
    except ValidationError as error:
        errors_to_messages(request, error)
        return redirect(url)
    request.session.pop(_basket_key(location), None)
    messages.success(request, _("Sale %(number)s recorded.") % {"number": sale.number})
    return redirect("outlets:receipt", location=location.slug, number=sale.number)


def _sale_or_404(location, number) -> CounterSale:
    return get_object_or_404(
        CounterSale.objects.select_related("sold_by", "voided_by"),
        location=location,
        number=number,
    )


@login_required
def receipt(request, location, number):
    location = outlet_or_404(request, location)
    sale = _sale_or_404(location, number)
    can_void = sale.status == CounterSale.Status.COMPLETED and sales.is_supervisor(
        request.user, location
    )
    return render(
        request,
        "outlets/sales/receipt.html",
        {
            "location": location,
            "sale": sale,
            "lines": sale.lines.select_related("product", "vendor"),
            "void_form": VoidForm() if can_void else None,
            "title": _("Receipt %(number)s") % {"number": sale.number},
        },
    )


@login_required
@require_POST
def void_sale(request, location, number):
    location = outlet_or_404(request, location)
    sale = _sale_or_404(location, number)
    form = VoidForm(request.POST)
    try:
        sales.void(sale, request.user, form.data.get("reason", ""))
    except ValidationError as error:
        errors_to_messages(request, error)
    except sales.PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("Sale %(number)s is voided.") % {"number": sale.number})
    return redirect("outlets:receipt", location=location.slug, number=sale.number)
