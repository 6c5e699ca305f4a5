from .agreements import ContractEvent, ContractLine, SupplyContract
from .deliveries import ContractDelivery, DeliveryLine
from .external import ExternalPartnership
from .invoices import Invoice, InvoiceLine

__all__ = [
    "ContractDelivery",
    "ContractEvent",
    "ContractLine",
    "DeliveryLine",
    "ExternalPartnership",
    "Invoice",
    "InvoiceLine",
    "SupplyContract",
]
