from .sales import CounterSale, CounterSaleLine, DailyClose, OutletSettings, SaleEvent
from .shelf import (
    Delivery,
    RestockRequest,
    ShelfBatch,
    StockTake,
    StockTakeLine,
    VendorReturn,
    VendorReturnLine,
)

__all__ = [
    "CounterSale",
    "CounterSaleLine",
    "DailyClose",
    "Delivery",
    "OutletSettings",
    "RestockRequest",
    "SaleEvent",
    "ShelfBatch",
    "StockTake",
    "StockTakeLine",
    "VendorReturn",
    "VendorReturnLine",
]
