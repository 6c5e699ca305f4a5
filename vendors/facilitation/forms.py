from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FacilitationRequest
from .services import DETAILS


class FacilitationRequestForm(forms.ModelForm):
    """What the owner tells us when asking for help of one kind: only the fields that kind
    needs (the halal route and companion, the loan's amount, purpose and bank)."""

    class Meta:
        model = FacilitationRequest
        fields = [
            "mark",
            "nice_class",
            "halal_route",
            "halal_companion",
            "amount",
            "purpose",
            "partner_bank",
            "note",
        ]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4}),
            "halal_route": forms.RadioSelect,
            "amount": forms.NumberInput(attrs={"min": 1, "step": 1, "inputmode": "numeric"}),
            "nice_class": forms.NumberInput(attrs={"min": 1, "max": 45, "inputmode": "numeric"}),
        }
        labels = {"note": _("Anything the office should know (optional)")}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        wanted = {"note", *DETAILS.get(kind, ())}
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        if "halal_route" in self.fields:
            self.fields["halal_route"].choices = FacilitationRequest.HalalRoute.choices
            self.fields["halal_route"].required = True
        if "mark" in self.fields:
            self.fields["mark"].required = True
            self.fields["nice_class"].required = True
        if "amount" in self.fields:
            self.fields["amount"].required = True
            self.fields["purpose"].required = True

    def details(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}
