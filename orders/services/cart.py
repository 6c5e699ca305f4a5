"""The shopper's cart: what is in it, in what quantity, and what would stop checkout."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from vendors.models import Vendor

from ..models import Cart, CartItem

MAX_QUANTITY = 999


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


def cart_problems(groups: list[CartGroup]) -> list[str]:
    """What would stop checkout, said before the shopper gets there: of the cart's items as
    cart_groups() read them (no query of its own)."""
    problems = []
    for item in (item for group in groups for item in group.items):
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
