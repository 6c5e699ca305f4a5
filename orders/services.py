"""How things are sold: cart, placing an order, payment outcomes, fulfilment, refunds and the
vendors' settlement ledger. Each function is a transaction that keeps stock and money
consistent and writes an OrderEvent for every change."""

import datetime
import logging
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog.models import Location, Product
from core.cache import content_changed, paths_changed
from core.references import create_with_reference
from vendors.models import Vendor

from . import payments
from .models import (
    Cart,
    CartItem,
    LedgerEntry,
    Order,
    OrderEvent,
    OrderLine,
    OrderPart,
    OrderSettings,
    OutletAssignment,
    StripeEvent,
)

logger = logging.getLogger(__name__)

MAX_QUANTITY = 999
AIRPORT = "sentral-oleh-oleh-t3"
RPPKUM = "rppkum-legok"


class OutOfStock(ValidationError):
    """Raised with one message per product that cannot be had in the quantity asked."""


# Cart ---------------------------------------------------------------------------------------


def parse_quantity(raw) -> int:
    """A positive whole number within our bound, or ValidationError with a clear reason."""
    text = str(raw).strip()[:12]
    if not re.fullmatch(r"[0-9]{1,12}", text):  # ASCII digits only ("²".isdigit() is True)
        raise ValidationError(_("Enter a whole number of items, for example 2."))
    quantity = int(text)
    if quantity < 1:
        raise ValidationError(_("The quantity must be at least 1."))
    if quantity > MAX_QUANTITY:
        raise ValidationError(
            _("At most %(max)d of one product per order.") % {"max": MAX_QUANTITY}
        )
    return quantity


def _sellable(product_id) -> Product:
    product = Product.objects.public().select_related("vendor").filter(pk=product_id).first()
    if product is None:
        raise ValidationError(_("This product is not for sale."))
    return product


@transaction.atomic
def add_to_cart(cart: Cart, product_id, quantity: int) -> CartItem:
    product = _sellable(product_id)
    item = CartItem.objects.select_for_update().filter(cart=cart, product=product).first()
    wanted = quantity + (item.quantity if item else 0)
    if wanted > MAX_QUANTITY:
        raise ValidationError(
            _("At most %(max)d of one product per order.") % {"max": MAX_QUANTITY}
        )
    if wanted > product.stock:
        raise ValidationError(
            _("Only %(stock)d of %(name)s left.")
            % {"stock": product.stock, "name": product.display_name}
            if product.stock
            else _("%(name)s is out of stock.") % {"name": product.display_name}
        )
    if item:
        item.quantity = wanted
        item.save(update_fields=["quantity"])
    else:
        item = CartItem.objects.create(cart=cart, product=product, quantity=wanted)
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
    return item


def set_cart_quantity(cart: Cart, product_id, quantity: int) -> None:
    item = CartItem.objects.filter(cart=cart, product_id=product_id).select_related("product")
    item = item.first()
    if item is None:
        raise ValidationError(_("This product is not in your cart."))
    if quantity > item.product.stock:
        raise ValidationError(
            _("Only %(stock)d of %(name)s left.")
            % {"stock": item.product.stock, "name": item.product.display_name}
        )
    item.quantity = quantity
    item.save(update_fields=["quantity"])


def remove_from_cart(cart: Cart, product_id) -> None:
    CartItem.objects.filter(cart=cart, product_id=product_id).delete()


@transaction.atomic
def merge_carts(source: Cart, target: Cart) -> Cart:
    """An anonymous cart joins the user's cart at login (quantities add up, within stock)."""
    if source.pk == target.pk:
        return target
    for item in source.items.select_related("product"):
        existing = CartItem.objects.filter(cart=target, product=item.product).first()
        quantity = min(
            (existing.quantity if existing else 0) + item.quantity,
            max(item.product.stock, 1),
            MAX_QUANTITY,
        )
        if existing:
            existing.quantity = quantity
            existing.save(update_fields=["quantity"])
        else:
            CartItem.objects.create(cart=target, product=item.product, quantity=quantity)
    source.delete()
    return target


@dataclass
class CartGroup:
    vendor: Vendor
    items: list = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        return sum(item.line_total for item in self.items)


def cart_groups(cart: Cart) -> list[CartGroup]:
    """The cart's items grouped by vendor, in a fixed number of queries."""
    groups: dict[int, CartGroup] = {}
    items = cart.items.select_related("product__vendor", "product__category").prefetch_related(
        "product__images__image__renditions", "product__tier_prices"
    )
    for item in items:
        group = groups.setdefault(item.product.vendor_id, CartGroup(vendor=item.product.vendor))
        group.items.append(item)
    return list(groups.values())


def cart_problems(cart: Cart) -> list[str]:
    """What would stop checkout, said before the shopper gets there."""
    problems = []
    for item in cart.items.select_related("product__vendor"):
        product = item.product
        if not product.is_public:
            problems.append(
                _("%(name)s is no longer for sale; remove it to continue.")
                % {"name": product.display_name}
            )
        elif product.stock < item.quantity:
            problems.append(
                _("Only %(stock)d of %(name)s left; you asked for %(quantity)d.")
                % {"stock": product.stock, "name": product.display_name, "quantity": item.quantity}
                if product.stock
                else _("%(name)s is out of stock; remove it to continue.")
                % {"name": product.display_name}
            )
    return problems


# Checkout ------------------------------------------------------------------------------------


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
    from . import transfers

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


def airport_outlet() -> Location | None:
    return Location.objects.filter(slug=AIRPORT).first()


def check_airport_pickup(checkout: Checkout, products, now=None) -> list[str]:
    """The pickup must fall in the outlet's opening hours, late enough for the outlet to
    prepare, early enough before departure; and every product must be on that shelf or
    brought in time by its vendor."""
    now = now or timezone.now()
    outlet = airport_outlet()
    settings = OrderSettings.load()
    errors = []
    if outlet is None:
        return [_("The Terminal 3 outlet is not taking pickups right now.")]
    pickup, departure = checkout.pickup_at, checkout.departure_at
    if pickup is None or departure is None:
        return [_("Give your flight's departure and when you will collect.")]
    local_pickup = timezone.localtime(pickup)
    hours = {"open": outlet.opens_at.strftime("%H.%M"), "close": outlet.closes_at.strftime("%H.%M")}
    if departure <= now:
        # Nothing to suggest for a flight that has left: the date or time must be a typo.
        errors.append(
            _(
                "The departure you gave (%(time)s) is in the past: that flight has already "
                "left. Check the date and time on your ticket."
            )
            % {"time": timezone.localtime(departure).strftime("%d-%m-%Y %H.%M")}
        )
    else:
        if not outlet.opens_at <= local_pickup.time() <= outlet.closes_at:
            errors.append(
                _("The outlet is open %(open)s–%(close)s; choose a pickup time in those hours.")
                % hours
            )
        earliest = now + datetime.timedelta(hours=settings.airport_preparation_hours)
        latest = departure - datetime.timedelta(minutes=settings.airport_minutes_before_departure)
        first, last = _first_open_moment(outlet, earliest), _last_open_moment(outlet, latest)
        if first > last:
            errors.append(
                _(
                    "The outlet cannot have your order ready before this flight: it needs "
                    "%(hours)d hours to prepare and is open %(open)s–%(close)s. Choose "
                    "another way to receive your order."
                )
                % {"hours": settings.airport_preparation_hours, **hours}
            )
        else:
            if pickup < now:
                errors.append(
                    _("The pickup time you gave is in the past; choose %(time)s or later.")
                    % {"time": first.strftime("%d-%m-%Y %H.%M")}
                )
            elif pickup < earliest:
                errors.append(
                    _("The outlet needs %(hours)d hours to prepare; choose %(time)s or later.")
                    % {
                        "hours": settings.airport_preparation_hours,
                        "time": first.strftime("%d-%m-%Y %H.%M"),
                    }
                )
            if pickup > latest:
                errors.append(
                    _("Collect at least %(minutes)d minutes before departure (by %(time)s).")
                    % {
                        "minutes": settings.airport_minutes_before_departure,
                        "time": last.strftime("%H.%M"),
                    }
                )
    # Catalog's rule, the one the product page and the catalog's filter show.
    collectable = set(
        Product.objects.collectable_at_airport()
        .filter(pk__in=[product.pk for product in products])
        .values_list("pk", flat=True)
    )
    for product in products:
        if product.pk not in collectable:
            errors.append(
                _("%(name)s is not on the Terminal 3 shelf and cannot be brought there in time.")
                % {"name": product.display_name}
            )
    return errors


def _first_open_moment(outlet: Location, moment) -> datetime.datetime:
    """The first pickup time at or after ``moment`` inside the outlet's opening hours, on a
    quarter of an hour (a time a shopper can type and still meet when they submit)."""
    local = timezone.localtime(moment)
    rounded = local.replace(second=0, microsecond=0)
    rounded += datetime.timedelta(minutes=(-rounded.minute) % 15)
    if rounded < local:
        rounded += datetime.timedelta(minutes=15)
    opens = datetime.datetime.combine(rounded.date(), outlet.opens_at, tzinfo=rounded.tzinfo)
    closes = datetime.datetime.combine(rounded.date(), outlet.closes_at, tzinfo=rounded.tzinfo)
    if rounded < opens:
        return opens
    if rounded > closes:
        return opens + datetime.timedelta(days=1)
    return rounded


def _last_open_moment(outlet: Location, moment) -> datetime.datetime:
    """The last pickup time at or before ``moment`` inside the outlet's opening hours."""
    local = timezone.localtime(moment).replace(second=0, microsecond=0)
    opens = datetime.datetime.combine(local.date(), outlet.opens_at, tzinfo=local.tzinfo)
    closes = datetime.datetime.combine(local.date(), outlet.closes_at, tzinfo=local.tzinfo)
    if local > closes:
        return closes
    if local < opens:
        return closes - datetime.timedelta(days=1)
    return local


def _log(order, message, *, part=None, old="", new="", actor=None):
    OrderEvent.objects.create(
        order=order, part=part, message=message, old_status=old, new_status=new, actor=actor
    )


@transaction.atomic
def place_order(cart: Cart, checkout: Checkout, now=None) -> Order:
    """Prices and totals from the server, one part per vendor, stock reserved with a
    conditional update (never below zero, even with many buyers at once). On any problem
    nothing is written and the cart is untouched."""
    now = now or timezone.now()
    settings = OrderSettings.load()
    items = list(
        cart.items.select_related("product__vendor")
        .prefetch_related("product__tier_prices")
        .order_by("product_id")
    )
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

    # Reserve stock: one conditional UPDATE per product, in id order (no deadlocks).
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

    location = None
    if checkout.fulfilment == Order.Fulfilment.PICKUP_AIRPORT:
        location = airport_outlet()
    elif checkout.fulfilment == Order.Fulfilment.PICKUP_RPPKUM:
        location = Location.objects.filter(slug=RPPKUM).first()
    reserve_minutes = settings.reservation_minutes
    if checkout.payment_method == Order.Payment.AT_OUTLET:
        # Held until the end of the pickup day (or two days for RPPKUM without a time).
        end = checkout.pickup_at or (now + datetime.timedelta(days=2))
        reserved_until = timezone.localtime(end).replace(hour=23, minute=59, second=0)
    elif checkout.payment_method == Order.Payment.TRANSFER:
        reserved_until = now + datetime.timedelta(hours=settings.transfer_hours)
    else:
        reserved_until = now + datetime.timedelta(minutes=reserve_minutes)

    order = create_with_reference(
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

    # A pickup paid at the outlet is reserved stock the vendor brings to the outlet now:
    # the buyer pays at the counter, so its parts are to prepare from the start.
    pay_at_outlet = checkout.payment_method == Order.Payment.AT_OUTLET
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
    _log(order, "Order placed; stock reserved", new=Order.Status.PENDING_PAYMENT)
    if pay_at_outlet:
        for part in parts.values():
            _log(
                order,
                "Vendor part to bring to the outlet; the buyer pays at the counter",
                part=part,
                new=OrderPart.Status.PROCESSING,
            )
    cart.items.all().delete()
    transaction.on_commit(lambda: _schedule_expiry(order.reserved_until))
    return order


def _schedule_expiry(when) -> None:
    """With a queue that can defer work, check the reservation when it runs out (the
    expire_reservations command, run by cron, is the safety net)."""
    from django_tasks import default_task_backend

    from .tasks import expire_reservations_task

    if default_task_backend.supports_defer and when is not None:
        expire_reservations_task.using(run_after=when + datetime.timedelta(seconds=30)).enqueue()


# Payment outcomes ------------------------------------------------------------------------------


def start_card_payment(order: Order, *, success_url: str, cancel_url: str, http_client=None):
    """A Checkout Session for a pending card order; PaymentUnavailable leaves it payable."""
    if not order.is_payable_by_card:
        raise ValidationError(_("This order is not waiting for a card payment."))
    if order.reserved_until and order.reserved_until < timezone.now():
        extend_reservation(order)
    session = payments.create_checkout_session(
        order, success_url=success_url, cancel_url=cancel_url, http_client=http_client
    )
    session_id = session["id"]
    Order.objects.filter(pk=order.pk).update(stripe_session_id=session_id)
    order.stripe_session_id = session_id
    _log(order, "Card payment started at Stripe")
    return session


@transaction.atomic
def extend_reservation(order: Order) -> None:
    settings = OrderSettings.load()
    Order.objects.filter(pk=order.pk).update(
        reserved_until=timezone.now() + datetime.timedelta(minutes=settings.reservation_minutes)
    )
    order.refresh_from_db()


def stock_changed(changes) -> None:
    """Stock shows on each product's own page; listings change (the out-of-stock badge, the
    in-stock facet) only when a product runs out or comes back. ``changes``: (product id,
    quantity added or, negative, taken)."""
    if not changes:
        return
    delta = {}
    for product_id, quantity in changes:
        delta[product_id] = delta.get(product_id, 0) + quantity
    rows = Product.objects.filter(pk__in=delta).values_list("pk", "slug", "stock")
    if any(stock == 0 or stock == delta[pk] for pk, _slug, stock in rows):
        content_changed()
        return
    paths = []
    for _pk, slug, _stock in rows:
        for language, _name in django_settings.LANGUAGES:
            with translation.override(language):
                paths.append(reverse("catalog:product", kwargs={"slug": slug}))
    paths_changed(paths)


def _release_stock(order: Order) -> None:
    changes = []
    for line in OrderLine.objects.filter(part__order=order, product__isnull=False):
        Product.objects.filter(pk=line.product_id).update(stock=F("stock") + line.quantity)
        changes.append((line.product_id, line.quantity))
    stock_changed(changes)


def _reserve_again(order: Order) -> bool:
    """For a payment that arrives after its reservation expired: take the stock again if it
    is still there (all or nothing)."""
    changes = []
    with transaction.atomic():
        for line in OrderLine.objects.filter(part__order=order, product__isnull=False).order_by(
            "product_id"
        ):
            updated = Product.objects.filter(pk=line.product_id, stock__gte=line.quantity).update(
                stock=F("stock") - line.quantity
            )
            if not updated:
                transaction.set_rollback(True)
                return False
            changes.append((line.product_id, -line.quantity))
        stock_changed(changes)
    return True


def commission_for(amount: int) -> int:
    percent = OrderSettings.load().commission_percent
    return int((Decimal(amount) * percent / 100).quantize(Decimal("1"), ROUND_HALF_UP))


def mark_paid(order: Order, *, amount: int, currency: str, source: str, reference: str = ""):
    """Paid only when the amount and currency match the order. Idempotent: a second
    confirmation changes nothing. Adds each part to its vendor's ledger and tells people."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status in (Order.Status.PAID, Order.Status.COMPLETED, Order.Status.REFUNDED):
            return order, "already paid"
        if currency.lower() != "idr" or amount != order.total:
            _log(order, f"Payment refused: {amount} {currency} does not match {order.total} IDR")
            return order, "amount mismatch"
        if order.status == Order.Status.CANCELLED:
            if not _reserve_again(order):
                _log(order, "Paid after the reservation expired, but the stock is gone")
                if order.payment_method == Order.Payment.CARD and reference:
                    transaction.on_commit(lambda: refund_late_payment(order.pk, reference))
                return order, "paid too late: refunding"
            _log(order, "Paid after the reservation expired; stock reserved again")
        old = order.status
        order.status = Order.Status.PAID
        order.paid_at = timezone.now()
        if reference:
            order.stripe_payment_intent = reference
        order.save(update_fields=["status", "paid_at", "stripe_payment_intent"])
        _log(order, f"Paid ({source})", old=old, new=Order.Status.PAID)
        for part in order.parts.select_for_update():
            # A pay-at-outlet pickup's parts are already on their way (or at the counter).
            if part.status in (OrderPart.Status.AWAITING_PAYMENT, OrderPart.Status.CANCELLED):
                _move_part(part, order, OrderPart.Status.PROCESSING, "Vendor part ready to process")
            LedgerEntry.objects.create(
                vendor_id=part.vendor_id,
                part=part,
                kind=LedgerEntry.Kind.SALE,
                amount=part.total,
                reference=order.number,
            )
            commission = commission_for(part.subtotal)
            if commission:
                LedgerEntry.objects.create(
                    vendor_id=part.vendor_id,
                    part=part,
                    kind=LedgerEntry.Kind.COMMISSION,
                    amount=-commission,
                    reference=order.number,
                )
    from .tasks import send_order_emails

    transaction.on_commit(lambda: send_order_emails.enqueue(order.pk, "paid"))
    return order, "paid"


def cancel_unpaid(order: Order, reason: str, actor=None) -> bool:
    """Cancel a pending order and give its stock back (payment failed or expired)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.PENDING_PAYMENT:
            return False
        # A pickup paid at the outlet is prepared before payment: parts already made ready or
        # brought to the counter must be fetched back by their vendors, who are told so.
        brought = list(
            order.parts.filter(
                status__in=[OrderPart.Status.PROCESSING, OrderPart.Status.READY]
            ).values_list("pk", flat=True)
        )
        _release_stock(order)
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status"])
        order.parts.update(status=OrderPart.Status.CANCELLED)
        _log(
            order, reason, old=Order.Status.PENDING_PAYMENT, new=Order.Status.CANCELLED, actor=actor
        )
        if brought:
            from .tasks import send_uncollected_notices

            transaction.on_commit(lambda: send_uncollected_notices.enqueue(order.pk, brought))
    return True


def expire_reservations(now=None) -> int:
    """Cancel unpaid orders whose reservation ran out; their stock goes back on sale."""
    now = now or timezone.now()
    expired = Order.objects.filter(
        status=Order.Status.PENDING_PAYMENT, reserved_until__lt=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(expired):
        if cancel_unpaid(Order(pk=pk), "Reservation expired; stock released"):
            count += 1
    return count


def refund_late_payment(order_pk: int, payment_intent: str) -> None:
    order = Order.objects.get(pk=order_pk)
    try:
        payments.refund(payment_intent, order.total, key=f"late-{order.number}")
        _log(order, "Late payment refunded in full")
    except payments.PaymentUnavailable as error:
        _log(order, f"Late payment refund failed: {error}"[:300])


# Stripe webhooks -------------------------------------------------------------------------------


def _as_dict(obj) -> dict:
    """Stripe's objects are not dicts (stripe>=13); work on plain data."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _find_order(obj) -> Order | None:
    number = (obj.get("metadata") or {}).get("order_number") or obj.get("client_reference_id")
    if number:
        return Order.objects.filter(number=number).first()
    if obj.get("id"):
        return Order.objects.filter(stripe_session_id=obj["id"]).first()
    return None


def _has_nul(value) -> bool:
    """Whether any key or string in this JSON data holds a NUL (PostgreSQL stores none)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _optional(obj: dict, key: str, *types) -> bool:
    value = obj.get(key)
    return value is None or (isinstance(value, types) and not isinstance(value, bool))


def _checked_event(payload: dict) -> tuple[str, str, dict]:
    """The event's id, type and object, or MalformedEvent when the payload is not shaped as
    Stripe sends it (and as ``handle_stripe_event`` reads it)."""
    event_id, kind, data = payload.get("id"), payload.get("type"), payload.get("data")
    max_id = StripeEvent._meta.get_field("event_id").max_length
    max_type = StripeEvent._meta.get_field("type").max_length
    if not isinstance(event_id, str) or not 0 < len(event_id) <= max_id:
        raise payments.MalformedEvent("the event has no usable id")
    if not isinstance(kind, str) or not 0 < len(kind) <= max_type:
        raise payments.MalformedEvent("the event has no usable type")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise payments.MalformedEvent("the event has no data object")
    if _has_nul(payload):
        raise payments.MalformedEvent("the event holds a NUL character")
    obj = data["object"]
    if kind.startswith("checkout.session."):
        intent = obj.get("payment_intent")
        fine = (
            _optional(obj, "metadata", dict)
            and _optional(obj.get("metadata") or {}, "order_number", str)
            and all(
                _optional(obj, key, str)
                for key in ("id", "client_reference_id", "currency", "payment_status")
            )
            and _optional(obj, "amount_total", int)
            and (
                _optional(obj, "payment_intent", str)
                or (isinstance(intent, dict) and _optional(intent, "id", str))
            )
        )
        if not fine:
            raise payments.MalformedEvent("the checkout session is not shaped as Stripe's")
    return event_id, kind, obj


def record_stripe_event(event) -> str:
    """Store a verified webhook event once (its id is unique) and act on it, in one
    transaction: the event is stored only if handling it succeeds, so Stripe's retry of an
    event whose handling failed is handled. A repeat of a handled id does nothing; a repeat
    that arrives while the first is being handled waits for it (the unique index) and then
    is a duplicate, or is handled if the first failed. MalformedEvent for a payload that is
    not shaped as an event."""
    payload = _as_dict(event)
    event_id, kind, data = _checked_event(payload)
    with transaction.atomic():
        try:
            with transaction.atomic():  # only this insert's failure means "seen before"
                stored = StripeEvent.objects.create(event_id=event_id, type=kind, payload=payload)
        except IntegrityError:
            return "duplicate"
        outcome = handle_stripe_event(kind, data)
        stored.outcome = outcome[:200]
        stored.save(update_fields=["outcome"])
    return outcome


def handle_stripe_event(kind: str, session) -> str:
    if not kind.startswith("checkout.session."):
        return "ignored"
    order = _find_order(session)
    if order is None:
        return "no such order"
    amount = payments.from_stripe_amount(session.get("amount_total") or 0)
    currency = session.get("currency") or ""
    intent = session.get("payment_intent") or ""
    if isinstance(intent, dict):
        intent = intent.get("id", "")
    if kind == "checkout.session.completed":
        if session.get("payment_status") in ("paid", "no_payment_required"):
            return mark_paid(
                order, amount=amount, currency=currency, source=kind, reference=intent
            )[1]
        _log(order, "Checkout completed; waiting for the bank to confirm")
        return "awaiting async payment"
    if kind == "checkout.session.async_payment_succeeded":
        return mark_paid(order, amount=amount, currency=currency, source=kind, reference=intent)[1]
    if kind == "checkout.session.async_payment_failed":
        return "cancelled" if cancel_unpaid(order, "Payment failed; stock released") else "kept"
    if kind == "checkout.session.expired":
        return "cancelled" if cancel_unpaid(order, "Checkout expired; stock released") else "kept"
    return "ignored"


def reconcile_order(order: Order, http_client=None) -> str:
    """Ask Stripe about a card order: the other way, besides the webhook, to paid. Looks at
    the PaymentIntent when we know it, otherwise at the Checkout Session."""
    if order.stripe_payment_intent:
        intent = _as_dict(
            payments.retrieve_payment_intent(order.stripe_payment_intent, http_client)
        )
        if intent.get("status") == "succeeded":
            return mark_paid(
                order,
                amount=payments.from_stripe_amount(
                    intent.get("amount_received") or intent["amount"]
                ),
                currency=intent.get("currency", ""),
                source="reconciliation (PaymentIntent)",
                reference=intent["id"],
            )[1]
        if intent.get("status") == "canceled":
            return "cancelled" if cancel_unpaid(order, "Payment cancelled at Stripe") else "kept"
        return "still pending"
    if not order.stripe_session_id:
        return "no session"
    session = _as_dict(payments.retrieve_checkout_session(order.stripe_session_id, http_client))
    if session.get("payment_status") == "paid":
        return handle_stripe_event("checkout.session.completed", session)
    if session.get("status") == "expired":
        return handle_stripe_event("checkout.session.expired", session)
    return "still pending"


# Outlet payment, fulfilment, refunds -------------------------------------------------------------


def can_serve_outlet(user, location) -> bool:
    return user.is_staff or OutletAssignment.objects.filter(user=user, location=location).exists()


def confirm_outlet_payment(order: Order, user) -> Order:
    """Outlet staff took the money for a pay-at-the-outlet pickup."""
    if order.pickup_location is None or not can_serve_outlet(user, order.pickup_location):
        raise PermissionDenied
    if order.payment_method != Order.Payment.AT_OUTLET:
        raise ValidationError(
            _("This order is paid online (card or bank transfer), not at the counter.")
        )
    return mark_paid(order, amount=order.total, currency="idr", source=f"at the outlet by {user}")[
        0
    ]


Part = OrderPart.Status

# Every change of a part's status goes through ``_move_part``, checked against this table.
PART_TRANSITIONS = {
    Part.AWAITING_PAYMENT: {Part.PROCESSING},  # paid
    Part.CANCELLED: {Part.PROCESSING},  # paid after the reservation expired, stock taken again
    # A pickup's part becomes 'ready' when the vendor has brought it to the outlet (it is at
    # the counter); a delivery's part is 'shipped'.
    Part.PROCESSING: {Part.READY, Part.SHIPPED},
    Part.READY: {Part.COMPLETED},  # collected at the counter (or handed over by the vendor)
    Part.SHIPPED: {Part.COMPLETED},
}
# The steps a vendor takes itself (paying and cancelling are not the vendor's).
VENDOR_STEPS = {Part.READY, Part.SHIPPED, Part.COMPLETED}


def _move_part(part: OrderPart, order: Order, status: str, message: str, actor=None) -> str:
    """The one place a part changes status: allowed by PART_TRANSITIONS and by the order
    (a pickup is never shipped, a delivery never 'ready', nothing is completed unpaid),
    saved, and logged. Call inside a transaction with the part locked; returns the old
    status."""
    if status not in PART_TRANSITIONS.get(part.status, set()):
        raise ValidationError(
            _("A part that is %(old)s cannot become %(new)s.")
            % {
                "old": part.get_status_display().lower(),
                "new": OrderPart.Status(status).label.lower(),
            }
        )
    if status == Part.SHIPPED and order.is_pickup:
        raise ValidationError(_("This order is collected at an outlet, not shipped."))
    if status == Part.READY and not order.is_pickup:
        raise ValidationError(_("This order is delivered; mark it shipped instead."))
    if status == Part.COMPLETED and order.status != Order.Status.PAID:
        raise ValidationError(
            _("The buyer has not paid yet: it is completed when collected and paid at the counter.")
        )
    old = part.status
    part.status = status
    part.save(update_fields=["status", "tracking_note"])
    _log(order, message, part=part, old=old, new=status, actor=actor)
    return old


def advance_part(part: OrderPart, user, status: str, tracking_note: str = "") -> OrderPart:
    """A vendor moves its own part along: a pickup's part becomes 'ready' when the vendor has
    brought it to the outlet (a pay-at-outlet pickup too, before it is paid), a delivery's
    'shipped'."""
    if not Vendor.objects.for_user(user).filter(pk=part.vendor_id).exists() and not user.is_staff:
        raise PermissionDenied
    if status not in VENDOR_STEPS:
        raise ValidationError(_("This step is not possible for this order."))
    with transaction.atomic():
        part = OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)
        if tracking_note:
            part.tracking_note = tracking_note[:200]
        old = part.status
        _move_part(part, part.order, status, f"{part.vendor.name}: {old} → {status}", user)
        _maybe_complete(part.order)
    if status == Part.READY:
        from .tasks import send_order_emails

        transaction.on_commit(lambda: send_order_emails.enqueue(part.order_id, "ready"))
    return part


def _maybe_complete(order: Order) -> None:
    statuses = set(order.parts.values_list("status", flat=True))
    if statuses and statuses <= {OrderPart.Status.COMPLETED, OrderPart.Status.REFUNDED}:
        if order.status == Order.Status.PAID:
            Order.objects.filter(pk=order.pk).update(status=Order.Status.COMPLETED)
            _log(order, "Order completed", old=Order.Status.PAID, new=Order.Status.COMPLETED)


# Parts the counter may still hand over (or wait for).
OPEN_PARTS = (Part.PROCESSING, Part.READY)


def can_collect(order: Order) -> bool:
    """Whether the counter may hand this order over now: paid, or to be paid right now at
    the counter; and at least one part is at the counter."""
    awaited = order.status == Order.Status.PAID or order.pays_at_outlet
    return awaited and order.has_parts_at_counter


def mark_collected(order: Order, user) -> Order:
    """Outlet staff hand over what is at the counter: every 'ready' part is completed, and
    only those. A part the vendor has not brought yet stays open, and the handover is logged
    as partial; ``collected_at`` is set when nothing is left to collect.

    A pay-at-outlet order is paid here, in the same step: the buyer pays the whole order
    (its one payment, as with a card) at the first handover, which makes it paid and adds
    every part to its vendor's ledger (``mark_paid``). A part handed over later needs no
    payment; one that never comes is refunded by staff like any paid part."""
    if order.pickup_location is None or not can_serve_outlet(user, order.pickup_location):
        raise PermissionDenied
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        parts = list(order.parts.select_for_update().select_related("vendor"))
        ready = [part for part in parts if part.status == Part.READY]
        pays_now = order.pays_at_outlet
        if order.status != Order.Status.PAID and not pays_now:
            raise ValidationError(_("Only a paid order can be collected."))
        if not ready:
            raise ValidationError(
                _("Nothing of order %(number)s is at the counter yet: nothing to hand over.")
                % {"number": order.number}
            )
        if pays_now:
            order = mark_paid(
                order, amount=order.total, currency="idr", source=f"at the outlet by {user}"
            )[0]
        place = order.pickup_location
        for part in ready:
            _move_part(part, order, Part.COMPLETED, f"Collected at {place}", user)
        still_open = [part for part in parts if part.status in OPEN_PARTS]
        if still_open:
            message = (
                f"Partly collected at {place}: {len(ready)} of {len(ready) + len(still_open)} "
                "vendor parts handed over; still open: "
                + ", ".join(part.vendor.name for part in still_open)
            )
            _log(order, message[:300], actor=user)
        else:
            order.collected_at = timezone.now()
            order.save(update_fields=["collected_at"])
        _maybe_complete(order)
    order.refresh_from_db()
    return order


def refund(order: Order, officer, part: OrderPart | None = None, http_client=None) -> int:
    """Refund a whole order, or one vendor's part, through Stripe; the ledger follows."""
    if officer is None or not officer.is_staff:
        raise PermissionDenied
    order = Order.objects.get(pk=order.pk)
    if order.status not in (Order.Status.PAID, Order.Status.COMPLETED):
        raise ValidationError(_("Only a paid order can be refunded."))
    parts = [part] if part is not None else list(order.parts.all())
    amount = sum(p.total - p.refunded_amount for p in parts)
    if amount <= 0:
        raise ValidationError(_("Nothing left to refund."))
    if order.payment_method == Order.Payment.CARD:
        if not order.stripe_payment_intent:
            raise ValidationError(_("No Stripe payment is recorded for this order."))
        key = f"refund-{order.number}-{'-'.join(str(p.pk) for p in parts)}"
        payments.refund(order.stripe_payment_intent, amount, key=key, http_client=http_client)
    with transaction.atomic():
        for p in parts:
            owed = p.total - p.refunded_amount
            if owed <= 0:
                continue
            OrderPart.objects.filter(pk=p.pk).update(
                refunded_amount=p.total, status=OrderPart.Status.REFUNDED
            )
            LedgerEntry.objects.create(
                vendor_id=p.vendor_id,
                part=p,
                kind=LedgerEntry.Kind.REFUND,
                amount=-owed,
                reference=order.number,
                created_by=officer,
            )
            commission = commission_for(p.subtotal)
            if commission:
                LedgerEntry.objects.create(
                    vendor_id=p.vendor_id,
                    part=p,
                    kind=LedgerEntry.Kind.COMMISSION,
                    amount=commission,
                    reference=f"{order.number} refund",
                    created_by=officer,
                )
            _log(
                order,
                f"Refunded {owed} to the buyer ({p.vendor.name})",
                part=p,
                old=p.status,
                new=OrderPart.Status.REFUNDED,
                actor=officer,
            )
        refunded = sum(order.parts.values_list("refunded_amount", flat=True))
        new_status = Order.Status.REFUNDED if refunded >= order.total else order.status
        Order.objects.filter(pk=order.pk).update(refunded_amount=refunded, status=new_status)
    return amount


def record_payout(vendor: Vendor, officer, amount: int, reference: str) -> LedgerEntry:
    """Staff record a bank transfer to a vendor."""
    if officer is None or not officer.is_staff:
        raise PermissionDenied
    if amount <= 0:
        raise ValidationError(_("A payout is a positive amount."))
    if not reference.strip():
        raise ValidationError(_("Give the bank transfer reference."))
    return LedgerEntry.objects.create(
        vendor=vendor,
        kind=LedgerEntry.Kind.PAYOUT,
        amount=-amount,
        reference=reference,
        created_by=officer,
    )
