"""The orders app's models, one module per kind: orders and their parts (``orders``), carts,
the operator's settings, the event logs and the vendors' ledger (``money``)."""

from core.tokens import new_token

from .cart import Cart, CartItem
from .events import OrderEvent, StripeEvent
from .money import LedgerEntry, OutletAssignment
from .orders import Order, OrderLine, OrderPart, receipt_path
from .settings import OrderSettings

__all__ = [
    "Cart",
    "CartItem",
    "LedgerEntry",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderPart",
    "OrderSettings",
    "OutletAssignment",
    "StripeEvent",
    "new_token",
    "receipt_path",
]
