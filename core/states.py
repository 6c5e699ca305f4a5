"""One way to change a status, for every model that has one.

A model's ``Transitions`` table names, for each status, the statuses it may become; guards add
the rules that need more than the two statuses (a pickup is never shipped, nothing unpaid is
completed). The model's one status-changing service calls ``check`` inside its transaction,
then saves the row and writes the event."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy

from core.labels import status_label

Guard = Callable[..., None]
GENERIC_REFUSAL = gettext_lazy("Not possible: %(old)s cannot become %(new)s.")


class TransitionNotAllowed(ValidationError):
    """A status change the table does not allow; its message names both statuses."""


class Transitions:
    def __init__(
        self,
        choices: type[models.Choices],
        table: dict[str, Iterable[str]],
        *,
        guards: Iterable[Guard] = (),
        field: str = "status",
        refusal=None,
    ):
        self.choices = choices
        self.table = {old: frozenset(new) for old, new in table.items()}
        self.guards = tuple(guards)
        self.field = field
        # The refusal's text, with %(old)s and %(new)s: the model's own words where it has
        # them, one for all or one per status refused ({new: text}).
        self.refusal = refusal or GENERIC_REFUSAL

    def allows(self, old: str, new: str) -> bool:
        return new in self.table.get(old, ())

    def targets(self, old: str) -> frozenset[str]:
        return self.table.get(old, frozenset())

    def check(self, obj, new: str, **context) -> str:
        """Raise ``TransitionNotAllowed`` (or a guard's ValidationError) unless ``obj`` may
        become ``new``; return its current status."""
        old = getattr(obj, self.field)
        if not self.allows(old, new):
            refusal = self.refusal
            if isinstance(refusal, dict):
                refusal = refusal.get(new, GENERIC_REFUSAL)
            raise TransitionNotAllowed(
                refusal
                % {
                    "old": status_label(old, self.choices).lower(),
                    "new": status_label(new, self.choices).lower(),
                },
                code="transition",
            )
        for guard in self.guards:
            guard(obj, new, **context)
        return old
