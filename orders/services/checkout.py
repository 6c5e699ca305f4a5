"""Placing an order: what the shopper chose at checkout, the ways to pay that go with it, and
``place_order``, which turns the cart into an order with its stock reserved."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend

from catalog.models import Product
from core.references import create_with_reference

from .. import payments, transfers
from ..emails import send_order_emails
from ..models import Cart, Order, OrderLine, OrderPart, OrderSettings
from ..tasks import expire_reservations_task
from .events import log
from .pickup import check_airport_pickup, pickup_location
from .stock import stock_changed

# The e-mail sent once an order is placed, by way of paying; a card order hears when paid.
PLACED_MAIL = {Order.Payment.TRANSFER: "transfer", Order.Payment.AT_OUTLET: "placed"}


class OutOfStock(ValidationError):
    """Raised with one message per product that cannot be had in the quantity asked."""


@dataclass
class Checkout:
    """What the shopper chose at checkout (the browser sends no prices)."""

    name: str
    email: str
    whatsapp: str
    fulfilment: str
    payment_method: str
    address: str = ""
    flight_number: str = ""
    departure_at: datetime.datetime | None = None
    pickup_at: datetime.datetime | None = None
    language: str = "id"
    user: object = None


def unavailable_payments(fulfilment: str | None) -> dict[str, str]:
    """The ways to pay that cannot be used now, each with the reason said to the shopper:
    card and transfer while they are not set up, paying at the outlet for a delivery, and
    a transfer for a Terminal 3 pickup (it is checked by hand, maybe not before the flight).
    ``fulfilment`` None: only what is unavailable whatever the shopper chooses."""
    unavailable = {}
    if not payments.is_configured():
        unavailable[Order.Payment.CARD] = (
            _("Not available right now: the card payment service is not set up.")
            if transfers.is_configured()
            else _(
                "Not available right now: the card payment service is not set up. For a "
                "pickup you can pay at the outlet; delivery cannot be paid at the moment."
            )
        )
    if not transfers.is_configured():
        unavailable[Order.Payment.TRANSFER] = _(
            "Not available right now: no bank account for transfers is set up."
        )
    elif fulfilment == Order.Fulfilment.PICKUP_AIRPORT:
        unavailable[Order.Payment.TRANSFER] = _(
            "Not for a Terminal 3 pickup: a transfer is checked by hand and might not be "
            "confirmed before your flight."
        )
    if fulfilment == Order.Fulfilment.DELIVERY:
        unavailable[Order.Payment.AT_OUTLET] = _(
            "Not for a delivery: there is no outlet counter to pay at."
        )
    return unavailable


@transaction.atomic
def place_order(cart: Cart, checkout: Checkout, now=None) -> Order:
    """Prices and totals from the server, one part per vendor, stock reserved with a
    conditional update (never below zero, even with many buyers at once), last. On any problem
    nothing is written and the cart is untouched. An order paid by transfer or at the outlet
    is e-mailed to the buyer once placed (a card order once paid)."""
    now = now or timezone.now()
    settings = OrderSettings.load()
    items = list(
        cart.items.select_related("product__vendor")
        .prefetch_related("product__tier_prices")
        .order_by("product_id")
    )
    _check_order(items, checkout, now)
    order = _create_order(
        checkout,
        location=pickup_location(checkout.fulfilment),
        reserved_until=_reserved_until(checkout, settings, now),
        now=now,
    )
    # A pickup paid at the outlet is reserved stock the vendor brings to the outlet now:
    # the buyer pays at the counter, so its parts are to prepare from the start.
    pay_at_outlet = checkout.payment_method == Order.Payment.AT_OUTLET
    parts = _add_parts_and_lines(order, items, checkout, settings, pay_at_outlet)
    log(order, "placed", new=Order.Status.PENDING_PAYMENT)
    if pay_at_outlet:
        for part in parts:
            log(order, "part_to_bring", part=part, new=OrderPart.Status.PROCESSING)
    cart.items.all().delete()
    # Last: each product's row stays locked from its stock update to the commit, so buyers
    # of the same product wait for as little as possible of another's order.
    _reserve_stock(items)
    transaction.on_commit(lambda: _schedule_expiry(order.reserved_until))
    mail = PLACED_MAIL.get(checkout.payment_method)
    if mail:
        transaction.on_commit(lambda: send_order_emails.enqueue(order.pk, mail))
    return order


def _check_order(items, checkout: Checkout, now) -> None:
    """ValidationError for a cart or a choice that cannot become an order."""
    if not items:
        raise ValidationError(_("Your cart is empty."))
    products = [item.product for item in items]
    problems = [
        _("%(name)s is no longer for sale.") % {"name": p.display_name}
        for p in products
        if not p.is_public
    ]
    if problems:
        raise ValidationError(problems)
    if checkout.payment_method == Order.Payment.TRANSFER:
        reason = unavailable_payments(checkout.fulfilment).get(Order.Payment.TRANSFER)
        if reason:
            raise ValidationError(reason)
    if checkout.fulfilment == Order.Fulfilment.PICKUP_AIRPORT:
        errors = check_airport_pickup(checkout, products, now)
        if errors:
            raise ValidationError(errors)
    if (
        checkout.payment_method == Order.Payment.AT_OUTLET
        and checkout.fulfilment == Order.Fulfilment.DELIVERY
    ):
        raise ValidationError(_("Paying at the outlet is only possible for a pickup."))


def _reserve_stock(items) -> None:
    """One conditional UPDATE per product, in id order (no deadlocks); OutOfStock, with the
    whole transaction rolled back, when any product is short."""
    short = []
    for item in items:
        updated = Product.objects.filter(pk=item.product_id, stock__gte=item.quantity).update(
            stock=F("stock") - item.quantity
        )
        if not updated:
            short.append(item.product.display_name)
    stock_changed([(item.product_id, -item.quantity) for item in items])
    if short:
        transaction.set_rollback(True)
        raise OutOfStock(
            [_("Not enough %(name)s left for your order.") % {"name": name} for name in short]
        )


def _reserved_until(checkout: Checkout, settings: OrderSettings, now) -> datetime.datetime:
    if checkout.payment_method == Order.Payment.AT_OUTLET:
        # Held until the end of the pickup day (or two days for RPPKUM without a time).
        end = checkout.pickup_at or (now + datetime.timedelta(days=2))
        return timezone.localtime(end).replace(hour=23, minute=59, second=0)
    if checkout.payment_method == Order.Payment.TRANSFER:
        return now + datetime.timedelta(hours=settings.transfer_hours)
    return now + datetime.timedelta(minutes=settings.reservation_minutes)


def _create_order(checkout: Checkout, *, location, reserved_until, now) -> Order:
    """The order row under a fresh number (tried again on the rare number already taken)."""
    return create_with_reference(
        lambda number: Order.objects.create(
            number=number,
            user=checkout.user if getattr(checkout.user, "is_authenticated", False) else None,
            payment_method=checkout.payment_method,
            fulfilment=checkout.fulfilment,
            name=checkout.name,
            email=checkout.email,
            whatsapp=checkout.whatsapp,
            address=checkout.address if checkout.fulfilment == "delivery" else "",
            pickup_location=location,
            pickup_at=checkout.pickup_at,
            flight_number=checkout.flight_number.upper().replace(" ", ""),
            departure_at=checkout.departure_at,
            language=checkout.language,
            reserved_until=reserved_until,
            created_at=now,
        ),
        "ET",
        5,
    )


def _add_parts_and_lines(order, items, checkout, settings, pay_at_outlet) -> list[OrderPart]:
    """One part per vendor, one line per product at the server's price (a bulk price when
    the quantity reaches it), and the order's totals."""
    parts: dict[int, OrderPart] = {}
    for item in items:
        product = item.product
        part = parts.get(product.vendor_id)
        if part is None:
            part = parts[product.vendor_id] = OrderPart.objects.create(
                order=order,
                vendor=product.vendor,
                status=OrderPart.Status.PROCESSING
                if pay_at_outlet
                else OrderPart.Status.AWAITING_PAYMENT,
                shipping_fee=settings.shipping_fee
                if checkout.fulfilment == Order.Fulfilment.DELIVERY
                else 0,
            )
        unit_price = product.unit_price_for(item.quantity)  # a bulk price when reached
        OrderLine.objects.create(
            part=part,
            product=product,
            product_name=product.name,
            product_name_en=product.name_en,
            unit=product.unit,
            unit_price=unit_price,
            quantity=item.quantity,
        )
        part.subtotal += unit_price * item.quantity
    for part in parts.values():
        part.save(update_fields=["subtotal"])
    order.subtotal = sum(p.subtotal for p in parts.values())
    order.shipping_total = sum(p.shipping_fee for p in parts.values())
    order.total = order.subtotal + order.shipping_total
    order.save(update_fields=["subtotal", "shipping_total", "total"])
    return list(parts.values())


def _schedule_expiry(when) -> None:
    """With a queue that can defer work, check the reservation when it runs out (the
    expire_reservations command, run by cron, is the safety net)."""
    if default_task_backend.supports_defer and when is not None:
        expire_reservations_task.using(run_after=when + datetime.timedelta(seconds=30)).enqueue()
