"""The order's event log: every change of an order or of one of its parts writes a row, as a
kind of ``OrderEvent.KINDS`` and its parameters, shown in the reader's language."""

from ..models import OrderEvent


def known_kind(kind: str) -> str:
    """``kind``, if it is one of OrderEvent.KINDS: a text is never stored as a kind."""
    if kind not in OrderEvent.KINDS:
        raise ValueError(f"Unknown order event kind: {kind!r}")
    return kind


def log(order, kind, params=None, *, part=None, old="", new="", actor=None) -> OrderEvent:
    known_kind(kind)
    return OrderEvent.objects.create(
        order=order,
        part=part,
        kind=kind,
        params=params or {},
        old_status=old,
        new_status=new,
        actor=actor,
    )
