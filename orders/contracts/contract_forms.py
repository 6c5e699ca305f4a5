"""The forms of the contract pages: the buyer's contract details, a change asked, a
dispatch note, the receipt. Each keeps what was typed; the services have the last word."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.partnerships.models import PartnershipRequest
from vendors.validators import normalize_npwp

from .models import SupplyContract
from .models.agreements import MAX_DELIVERIES


class ContractForm(forms.ModelForm):
    # Typed with dots and dashes (01.234.567.8-901.234): longer than the 16 digits kept.
    buyer_npwp = forms.CharField(
        label=_("buyer's NPWP"),
        max_length=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 digits (or 15 in the old format); dots and dashes are fine."),
    )

    class Meta:
        model = SupplyContract
        fields = [
            "buyer_legal_name",
            "buyer_npwp",
            "delivery_address",
            "frequency",
            "start_date",
            "deliveries_count",
            "invoicing",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "delivery_address": forms.Textarea(attrs={"rows": 3}),
            "deliveries_count": forms.NumberInput(attrs={"min": 1, "max": MAX_DELIVERIES}),
        }
        help_texts = {
            "deliveries_count": _("1 to 52; one when the supply is delivered once."),
        }

    def clean_buyer_npwp(self):
        return normalize_npwp(self.cleaned_data["buyer_npwp"])

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < timezone.localdate():
            raise ValidationError(_("The first delivery cannot be in the past."))
        return start

    def clean(self):
        data = super().clean()
        once = data.get("frequency") == PartnershipRequest.Frequency.ONCE
        if once and data.get("deliveries_count") not in (None, 1):
            self.add_error("deliveries_count", _("A one-time supply has one delivery."))
        return data


class ChangeForm(forms.Form):
    change = forms.ChoiceField(label=_("What to change"), choices=SupplyContract.Change)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DispatchForm(forms.Form):
    note = forms.CharField(
        label=_("Dispatch note"),
        max_length=300,
        required=False,
        help_text=_("How it is sent: driver, vehicle, expected time."),
    )


class ReceiptForm(forms.Form):
    """Who received the delivery, the quantity of each of its lines, a note on shortfalls."""

    received_by = forms.CharField(label=_("Received by"), max_length=120)
    shortfall_note = forms.CharField(
        label=_("Note on shortfalls"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when less was received than sent."),
    )

    def __init__(self, *args, delivery, **kwargs):
        super().__init__(*args, **kwargs)
        self.delivery_lines = list(delivery.lines.all())
        for line in self.delivery_lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=line.contract_line.description,
                min_value=0,
                max_value=line.quantity,
                initial=line.quantity,
                help_text=_("%(sent)s %(unit)s sent")
                % {"sent": line.quantity, "unit": line.contract_line.unit},
            )

    def quantities(self) -> dict:
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.delivery_lines}

    def line_fields(self):
        return [self[f"line_{line.pk}"] for line in self.delivery_lines]
