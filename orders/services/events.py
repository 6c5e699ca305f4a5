"""The order's event log: every change of an order or of one of its parts writes a row."""

from ..models import OrderEvent


def _log(order, message, *, part=None, old="", new="", actor=None):
    OrderEvent.objects.create(
        order=order, part=part, message=message, old_status=old, new_status=new, actor=actor
    )
