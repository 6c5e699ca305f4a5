"""Forms of the shelf pages: one row of fields per shelf item (or batch), so a page that
comes back with an error keeps everything that was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import StockTakeLine
from .shelf import Counted, Received, Returned

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _quantity(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )


class ReceiveForm(forms.Form):
    note_number = forms.CharField(label=_("delivery note number"), max_length=60, required=False)

    def __init__(self, items, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for stock in self.items:
            self.fields[f"q{stock.pk}"] = _quantity(_("Quantity received"))
            self.fields[f"bb{stock.pk}"] = forms.DateField(
                label=_("Best before"), required=False, widget=DATE
            )

    def rows(self):
        return [(s, self[f"q{s.pk}"], self[f"bb{s.pk}"]) for s in self.items]

    def lines(self) -> list[Received]:
        data = self.cleaned_data
        return [
            Received(s, data[f"q{s.pk}"], data[f"bb{s.pk}"])
            for s in self.items
            if data.get(f"q{s.pk}")
        ]


class StockTakeForm(forms.Form):
    def __init__(self, items, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        reasons = [("", _("No difference")), *StockTakeLine.Reason.choices]
        for stock in self.items:
            self.fields[f"c{stock.pk}"] = _quantity(_("Counted"))
            self.fields[f"r{stock.pk}"] = forms.ChoiceField(
                label=_("Reason for a difference"), choices=reasons, required=False
            )

    def rows(self):
        return [(s, self[f"c{s.pk}"], self[f"r{s.pk}"]) for s in self.items]

    def lines(self) -> list[Counted]:
        data = self.cleaned_data
        return [
            Counted(s, data[f"c{s.pk}"], data[f"r{s.pk}"])
            for s in self.items
            if data.get(f"c{s.pk}") is not None
        ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the return"),
        max_length=300,
        widget=forms.TextInput(),
        error_messages={"required": _("Give the reason for the return.")},
    )

    def __init__(self, batches, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches = list(batches)
        for batch in self.batches:
            self.fields[f"q{batch.pk}"] = _quantity(_("Quantity returned"))

    def rows(self):
        return [(b, self[f"q{b.pk}"]) for b in self.batches]

    def lines(self) -> list[Returned]:
        data = self.cleaned_data
        return [Returned(b, data[f"q{b.pk}"]) for b in self.batches if data.get(f"q{b.pk}")]
