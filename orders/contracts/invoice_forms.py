"""The vendor's form for a transfer received."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TransferReceivedForm(forms.Form):
    reference = forms.CharField(
        label=_("Transfer reference"),
        max_length=120,
        help_text=_("As your bank shows it, e.g. the sender and the transaction number."),
    )
    paid_on = forms.DateField(
        label=_("Date received"), widget=forms.DateInput(attrs={"type": "date"})
    )
