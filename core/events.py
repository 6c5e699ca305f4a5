"""Events that render in the reader's language.

An event row stores what happened as a kind and its parameters (JSON), never as finished
text: the text is the kind's translated template, filled in when the event is shown, so an
Indonesian page reads Indonesian whatever the language of the request that wrote the row.
Words a person typed (a staff note, a rejection reason) are parameters like any other and
are shown as typed. Rows written before kinds existed keep their text in ``message``."""

from collections.abc import Callable
from typing import ClassVar

from django.db import models

from core.models import AppendOnlyModel


class Event(AppendOnlyModel):
    kind = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)

    # kind -> translated template (gettext_lazy) with %(name)s placeholders for the params.
    KINDS: ClassVar[dict[str, str]] = {}
    # param name -> how its stored value is shown (a status code as its label, money as Rp).
    SHOWN_AS: ClassVar[dict[str, Callable[[object], str]]] = {}

    class Meta:
        abstract = True

    def shown_params(self) -> dict[str, str]:
        return {
            name: self.SHOWN_AS[name](value) if name in self.SHOWN_AS else value
            for name, value in self.params.items()
        }

    @property
    def text(self) -> str:
        template = self.KINDS.get(self.kind)
        if template is None:
            return getattr(self, "message", "")
        return template % self.shown_params() if self.params else str(template)
