"""Invoices of supply contracts: issued when the buyer confirms a delivery (or once a month),
numbered per vendor, paid by transfer or card, reminded when overdue."""


def delivery_received(delivery) -> None:
    """Called by the delivery service, inside its transaction, when the buyer confirms receipt
    of ``delivery``: issues its invoice when the contract invoices per delivery."""
