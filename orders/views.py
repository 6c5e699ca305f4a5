"""The shopper's pages: the cart (/keranjang/), checkout (/checkout/) and the private page of
an order (/pesanan/<token>/). Views stay thin: every change goes through ``orders.services``,
every price is the server's, and Stripe is reached only through ``orders.payments``."""

import logging
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Location, Product
from core.lanes import heavy, leave
from core.views import errors_to_messages, private_response
from vendors.admin.views import _document_response as document_response

from . import payments, transfers
from .cart import SESSION_COUNT, get_cart, remember_cart, update_count
from .forms import CheckoutForm, TransferReceiptForm
from .models import Order, OrderPart, OrderSettings
from .services.cart import (
    add_to_cart,
    cart_groups,
    cart_problems,
    parse_quantity,
    remove_from_cart,
    set_cart_quantity,
)
from .services.checkout import place_order
from .services.payment import start_card_payment
from .services.pickup import AIRPORT, RPPKUM
from .services.transfers import submit_receipt

logger = logging.getLogger(__name__)

PRODUCT_ID = re.compile(r"[0-9]{1,18}")  # a primary key; anything longer is not one of ours
QUANTITY_CHARS = 12  # enough to say "too many"; never a 4,000-digit number to parse

Status = Order.Status

# The order's status in words, as the shopper reads it on the private page.
STATUS_TEXT = {
    (Status.PENDING_PAYMENT, Order.Payment.CARD): gettext_lazy(
        "Waiting for your card payment. The items are reserved for you for a while; an "
        "order that stays unpaid is cancelled and its items go back on sale."
    ),
    (Status.PENDING_PAYMENT, Order.Payment.TRANSFER): gettext_lazy(
        "Waiting for your bank transfer. The items are reserved for you until the deadline "
        "below; an order whose transfer is not confirmed by then is cancelled."
    ),
    (Status.PENDING_PAYMENT, Order.Payment.AT_OUTLET): gettext_lazy(
        "Reserved for you. Pay at the outlet when you collect your order."
    ),
    Status.PAID: gettext_lazy("Paid. The businesses are preparing your order."),
    Status.COMPLETED: gettext_lazy(
        "Completed. Thank you for buying from the micro-businesses of Kabupaten Tangerang!"
    ),
    Status.CANCELLED: gettext_lazy(
        "Cancelled. The reserved items went back on sale; nothing is charged for this order."
    ),
    Status.REFUNDED: gettext_lazy(
        "Refunded. The money goes back to your card; your bank may take a few days to show it."
    ),
}


def _product_id(raw) -> int | None:
    text = str(raw or "").strip()
    return int(text) if PRODUCT_ID.fullmatch(text) else None


def _quantity(raw) -> int:
    """``parse_quantity`` on input cut down to a sane size: a long run of digits is
    still "too many", and a non-ASCII digit (², ٣) is not a number we take."""
    text = str(raw or "").strip()[:QUANTITY_CHARS]
    if not text.isascii():
        text = "?"
    return parse_quantity(text)


def _back(request, fallback: str) -> str:
    """Where the shopper came from (``next``), if it is one of our own pages."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# Cart -------------------------------------------------------------------------------------


@heavy
def cart(request):
    cart = get_cart(request)
    groups = cart_groups(cart) if cart is not None else []
    problems = cart_problems(groups)
    count = 0
    for group in groups:
        for item in group.items:
            count += item.quantity
    if request.session.get(SESSION_COUNT, 0) != count:
        # The header's count, corrected from what we just read (no extra query).
        request.session[SESSION_COUNT] = count
    response = render(
        request,
        "orders/cart.html",
        {
            "groups": groups,
            "problems": problems,
            "count": count,
            "total": sum(group.subtotal for group in groups),
            "shipping_fee": OrderSettings.load().shipping_fee if groups else 0,
            "title": _("Your cart"),
        },
    )
    return remember_cart(request, response)


@require_POST
@heavy
def add(request):
    product_id = _product_id(request.POST.get("product"))
    product = None
    if product_id is not None:
        product = Product.objects.public().filter(pk=product_id).first()
    if product is None:
        messages.error(request, _("This product is not for sale."))
        return redirect(_back(request, reverse("catalog:index")))
    back = _back(request, product.get_absolute_url())
    try:
        quantity = _quantity(request.POST.get("quantity"))
        cart = get_cart(request, create=True)
        item = add_to_cart(cart, product_id, quantity)
    except ValidationError as error:
        errors_to_messages(request, error)
        return remember_cart(request, redirect(back))
    update_count(request, cart)
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("%(name)s is in your cart (%(quantity)d in total).")
            % {"name": product.display_name, "quantity": item.quantity},
            reverse("orders:cart"),
            _("See your cart"),
        ),
    )
    return remember_cart(request, redirect(back))


@require_POST
@heavy
def update(request):
    cart = get_cart(request)
    product_id = _product_id(request.POST.get("product"))
    try:
        if cart is None or product_id is None:
            raise ValidationError(_("This product is not in your cart."))
        quantity = _quantity(request.POST.get("quantity"))
        set_cart_quantity(cart, product_id, quantity)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Quantity changed."))
    update_count(request, cart)
    return remember_cart(request, redirect("orders:cart"))


@require_POST
@heavy
def remove(request):
    cart = get_cart(request)
    product_id = _product_id(request.POST.get("product"))
    if cart is not None and product_id is not None:
        remove_from_cart(cart, product_id)
        messages.success(request, _("Removed from your cart."))
    update_count(request, cart)
    return remember_cart(request, redirect("orders:cart"))


# Checkout ---------------------------------------------------------------------------------


def _summary(groups, shipping_fee: int) -> dict:
    """The order as the server prices it: per vendor, and the totals for delivery (a fee per
    vendor) and for a pickup (no fee)."""
    subtotal = sum(group.subtotal for group in groups)
    shipping_total = shipping_fee * len(groups)
    return {
        "groups": groups,
        "subtotal": subtotal,
        "shipping_fee": shipping_fee,
        "shipping_total": shipping_total,
        "total_delivery": subtotal + shipping_total,
        "total_pickup": subtotal,
    }


@heavy
def checkout(request):
    cart = get_cart(request)
    groups = cart_groups(cart) if cart is not None else []
    if not groups:
        messages.info(request, _("Your cart is empty. Add something from the catalog first."))
        return redirect("orders:cart")
    card_available = payments.is_configured()
    data = request.POST if request.method == "POST" else None
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    if data is not None and data.get("choose"):
        # Without JavaScript: the shopper chose how to receive the order and asks which ways
        # to pay go with it. Everything typed is kept; nothing is checked yet.
        initial = {name: value for name, value in data.items() if name in CheckoutForm.base_fields}
        data = None
    form = CheckoutForm(data, initial=initial, card_available=card_available)
    if data is None and request.method == "GET":
        if cart_problems(groups):
            messages.error(request, _("Some items in your cart need your attention first."))
            return redirect("orders:cart")
    elif form.is_valid():
        try:
            order = place_order(
                cart, form.checkout(user=request.user, language=get_language() or "id")
            )
        except ValidationError as error:  # OutOfStock is one too
            form.add_error(None, error)
        else:
            update_count(request, cart)
            return _placed(request, order)
    settings = OrderSettings.load()
    locations = {
        location.slug: location for location in Location.objects.filter(slug__in=[AIRPORT, RPPKUM])
    }
    chosen = form["fulfilment"].value()
    context = {
        "form": form,
        "card_available": card_available,
        "transfer_available": transfers.is_configured(),
        "airport": locations.get(AIRPORT),
        "rppkum": locations.get(RPPKUM),
        "order_settings": settings,
        "chosen": chosen,
        "title": _("Checkout"),
        **_summary(groups, settings.shipping_fee),
    }
    return render(request, "orders/checkout.html", context)


def _placed(request, order: Order):
    if order.payment_method == Order.Payment.CARD:
        return _start_payment(request, order)
    if order.payment_method == Order.Payment.TRANSFER:
        thanks = _(
            "Thank you! Your order %(number)s is reserved. Transfer the amount shown "
            "below before the deadline. We e-mailed the link to this page to %(email)s."
        )
    else:
        thanks = _(
            "Thank you! Your order %(number)s is reserved. Pay at the outlet when you collect "
            "it. We e-mailed the link to this page to %(email)s."
        )
    messages.success(request, thanks % {"number": order.number, "email": order.email})
    return private_response(redirect(order.get_absolute_url()))


def _start_payment(request, order: Order):
    """Off to Stripe's hosted page; if Stripe cannot be reached the order stays payable."""
    page = request.build_absolute_uri(order.get_absolute_url())
    leave()  # Stripe's answer is a wait on the network, not work: others may have the slot
    try:
        session = start_card_payment(
            order, success_url=f"{page}?bayar=selesai", cancel_url=f"{page}?bayar=batal"
        )
    except payments.PaymentUnavailable as error:
        logger.warning("Card payment for %s could not start: %s", order.number, error)
        messages.error(
            request,
            _(
                "The card payment service cannot be reached right now. Your order %(number)s "
                "is kept and its items are reserved for a while: press “Pay now” again in a "
                "few minutes."
            )
            % {"number": order.number},
        )
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        return private_response(redirect(session["url"]))
    return private_response(redirect(order.get_absolute_url()))


# The private order page -------------------------------------------------------------------


def _order(token: str) -> Order:
    return get_object_or_404(
        Order.objects.select_related("pickup_location").prefetch_related(
            Prefetch(
                "parts",
                queryset=OrderPart.objects.select_related("vendor").prefetch_related("lines"),
            ),
            "events",
        ),
        token=token,
    )


@heavy
def detail(request, token, receipt_form=None):
    order = _order(token)
    events = list(order.events.all())
    status_text = STATUS_TEXT.get((order.status, order.payment_method)) or STATUS_TEXT.get(
        order.status, ""
    )
    returned = request.GET.get("bayar", "")
    pending = order.status == Status.PENDING_PAYMENT
    by_card = order.is_payable_by_card
    response = render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "parts": list(order.parts.all()),
            "events": events,
            "status_text": status_text,
            "card_available": payments.is_configured(),
            "can_pay": order.is_payable_by_card and payments.is_configured(),
            "confirming": returned == "selesai" and by_card,
            "cancelled_at_stripe": returned == "batal" and by_card,
            "reserved": pending and order.reserved_until and order.reserved_until > timezone.now(),
            "account": transfers.collecting_account() if order.awaits_transfer else None,
            "receipt_form": receipt_form
            or (TransferReceiptForm() if order.awaits_transfer else None),
            "title": _("Order %(number)s") % {"number": order.number},
        },
    )
    return private_response(response)


def receipt(request, token):
    """The transfer receipt of this order: shown to whoever holds the order's private link
    (GET), uploaded by the buyer while the order waits for the transfer (POST)."""
    if request.method == "POST":
        order = get_object_or_404(Order, token=token)
        if not order.awaits_transfer:
            messages.error(request, _("This order is not waiting for a bank transfer."))
            return private_response(redirect(order.get_absolute_url()))
        form = TransferReceiptForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submit_receipt(order, form.cleaned_data["receipt"])
            except ValidationError as error:
                form.add_error("receipt", error)
            else:
                messages.success(
                    request,
                    _("Thank you! We received your receipt; we check it and e-mail you."),
                )
                return private_response(redirect(order.get_absolute_url()))
        return detail(request, token, receipt_form=form)
    order = get_object_or_404(Order, token=token)
    return private_response(
        document_response(order.transfer_receipt, f"bukti-transfer-{order.number}")
    )


@require_POST
def pay(request, token):
    order = get_object_or_404(Order, token=token)
    if not payments.is_configured():
        messages.error(
            request,
            _("Card payment is not available right now. Please try again later."),
        )
        return private_response(redirect(order.get_absolute_url()))
    if not order.is_payable_by_card:
        messages.info(request, _("This order is not waiting for a card payment."))
        return private_response(redirect(order.get_absolute_url()))
    return _start_payment(request, order)
