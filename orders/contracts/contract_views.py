"""Contract pages. The buyer's: the contract form from an accepted request
(/kemitraan/<request token>/kontrak/) and the contract's private page
(/kemitraan/kontrak/<token>/), where changes are asked and answered and deliveries confirmed.
The vendor's: its contracts under the dashboard (/dasbor/kontrak/). Views stay thin: every
change goes through the services (``agreements``, ``deliveries``, ``bast``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views import errors_to_form, errors_to_messages, private_response
from orders.partnerships.models import PartnershipRequest
from vendors.access import vendor_or_404

from . import agreements, bast, deliveries
from .contract_forms import ChangeForm, ContractForm, DispatchForm, ReceiptForm
from .models import ContractDelivery, SupplyContract

Side = SupplyContract.Side
PAGE_SIZE = 20


def _posted_id(request, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def buyer_new(request, token):
    partnership = get_object_or_404(PartnershipRequest, token=token)
    existing = SupplyContract.objects.filter(request=partnership).first()
    if existing is not None:
        return private_response(redirect(existing.get_absolute_url()))
    quote = agreements.accepted_quote(partnership)
    if quote is None:
        raise Http404
    form = ContractForm(
        request.POST or None, initial=agreements.contract_initial(partnership, quote)
    )
    if request.method == "POST" and form.is_valid():
        try:
            contract, created = agreements.create_contract(partnership, form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if created:
                messages.success(
                    request,
                    _("Contract %(number)s is set up. We e-mailed you the link to this page.")
                    % {"number": contract.number},
                )
            return private_response(redirect(contract.get_absolute_url()))
    response = render(
        request,
        "contracts/contracts/new.html",
        {
            "partnership": partnership,
            "quote": quote,
            "lines": agreements.contract_lines(partnership, quote),
            "form": form,
            "title": _("Supply contract for request %(number)s") % {"number": partnership.number},
        },
    )
    return private_response(response)


def _delivery(contract, request) -> ContractDelivery:
    delivery_id = _posted_id(request, "delivery")
    for delivery in contract.deliveries.all():
        if delivery.pk == delivery_id:
            return delivery
    raise Http404


def _change_action(request, contract, side, user=None) -> ChangeForm | None:
    """Ask or answer a change; a ChangeForm with errors, or None to redirect back."""
    action = request.POST.get("action")
    if action == "ask":
        form = ChangeForm(request.POST)
        if not form.is_valid():
            return form
        try:
            agreements.ask_change(
                contract, form.cleaned_data["change"], side, form.cleaned_data["reason"], user
            )
        except ValidationError as error:
            errors_to_form(form, error)
            return form
        messages.success(request, _("Your request is sent; the other side answers it."))
    elif action in ("agree", "decline"):
        try:
            agreements.answer_change(contract, side, action == "agree", user)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("Your answer is recorded."))
    return None


def _page(request, template, contract, **extra):
    status = extra.pop("status", 200)
    context = {
        "contract": contract,
        "lines": list(contract.lines.all()),
        "deliveries": list(contract.deliveries.all()),
        "invoices": list(contract.invoices.order_by("issued_on", "pk")),
        "events": list(contract.events.all()),
        "change_form": ChangeForm(),
        "can_ask": not contract.change_requested
        and contract.status in (SupplyContract.Status.ACTIVE, SupplyContract.Status.PAUSED),
        "title": _("Supply contract %(number)s") % {"number": contract.number},
        **extra,
    }
    return render(request, template, context, status=status)


def buyer_detail(request, token):
    try:
        contract = agreements.contract_for_page(SupplyContract.objects, token=token)
    except SupplyContract.DoesNotExist as error:
        raise Http404 from error
    url = contract.get_absolute_url()
    bound = {}
    if request.method == "POST":
        if request.POST.get("action") == "receive":
            delivery = _delivery(contract, request)
            form = ReceiptForm(request.POST, delivery=delivery, prefix=f"d{delivery.pk}")
            if form.is_valid():
                try:
                    bast.confirm_receipt(
                        delivery,
                        form.cleaned_data["received_by"],
                        form.quantities(),
                        form.cleaned_data["shortfall_note"],
                    )
                except ValidationError as error:
                    if not hasattr(error, "error_dict"):  # confirmed already, not dispatched
                        errors_to_messages(request, error)
                        return private_response(redirect(url))
                    errors_to_form(form, error)
                else:
                    messages.success(request, _("Receipt confirmed. The receipt (BAST) is ready."))
                    return private_response(redirect(url))
            bound[delivery.pk] = form
        else:
            change_form = _change_action(request, contract, Side.BUYER)
            if change_form is None:
                return private_response(redirect(url))
            bound["change"] = change_form
    return private_response(_buyer_page(request, contract, bound))


def _buyer_page(request, contract, bound):
    for delivery in contract.deliveries.all():
        if delivery.status == ContractDelivery.Status.DISPATCHED:
            delivery.receipt_form = bound.get(delivery.pk) or ReceiptForm(
                delivery=delivery, prefix=f"d{delivery.pk}"
            )
    extra = {"side": Side.BUYER, "status": 400 if bound else 200}
    if "change" in bound:
        extra["change_form"] = bound["change"]
    return _page(request, "contracts/contracts/buyer_detail.html", contract, **extra)


@login_required
def vendor_list(request):
    vendor = vendor_or_404(request)
    page_obj = Paginator(
        agreements.vendor_contracts(vendor).order_by("-created_at", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "contracts/contracts/vendor_list.html",
        {
            "vendor": vendor,
            "page_obj": page_obj,
            "contracts": page_obj.object_list,
            "title": _("Supply contracts"),
        },
    )


def vendor_url(contract) -> str:
    return reverse("contracts:vendor_detail", args=[contract.number])


@login_required
def vendor_detail(request, number):
    vendor = vendor_or_404(request)
    try:
        contract = agreements.contract_for_page(agreements.vendor_contracts(vendor), number=number)
    except SupplyContract.DoesNotExist as error:
        raise Http404 from error
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "dispatch":
            delivery = _delivery(contract, request)
            form = DispatchForm(request.POST, prefix=f"d{delivery.pk}")
            if form.is_valid():
                try:
                    deliveries.dispatch(delivery, vendor, form.cleaned_data["note"], request.user)
                except ValidationError as error:
                    errors_to_messages(request, error)
                else:
                    messages.success(request, _("Marked dispatched. The buyer is told."))
            return redirect(vendor_url(contract))
        if action == "stock":
            agreements.set_take_from_stock(
                contract, vendor, request.POST.get("take_from_stock") == "on", request.user
            )
            messages.success(request, _("Saved."))
            return redirect(vendor_url(contract))
        change_form = _change_action(request, contract, Side.VENDOR, request.user)
        if change_form is None:
            return redirect(vendor_url(contract))
        bound["change_form"] = change_form
        bound["status"] = 400
    for delivery in contract.deliveries.all():
        delivery.dispatch_form = DispatchForm(prefix=f"d{delivery.pk}")
    return _page(
        request, "contracts/contracts/vendor_detail.html", contract, side=Side.VENDOR, **bound
    )
