"""What an owner sends about a trademark: the record (application, registered already or
not) and, later, DJKI's decision. Numbers are stored in their normal form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vendors.forms import DocumentField, NormalizedField

from .models import Trademark
from .validators import normalize_application_number, normalize_registration_number

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def registration_number_field(**kwargs):
    return NormalizedField(
        normalize_registration_number,
        label=_("Registration number (IDM…)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
        **kwargs,
    )


class TrademarkForm(forms.Form):
    mark = forms.CharField(label=_("Mark (brand name)"), max_length=120)
    nice_class = forms.IntegerField(
        label=_("Class (Nice)"),
        min_value=1,
        max_value=45,
        help_text=Trademark._meta.get_field("nice_class").help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    application_number = NormalizedField(
        normalize_application_number,
        label=_("Application number (DID…)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)
    registration_number = registration_number_field(
        required=False, help_text=_("Only if DJKI has already registered the mark.")
    )
    registered_on = forms.DateField(label=_("Registered on"), required=False, widget=DATE)
    document = DocumentField(label=_("DJKI document (filing receipt or certificate)"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("registration_number") and not cleaned.get("registered_on"):
            self.add_error("registered_on", _("Give the date DJKI registered the mark."))
        return cleaned


class DjkiDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What did DJKI decide?"),
        choices=[
            (Trademark.DjkiStatus.REGISTERED, _("The mark is registered")),
            (Trademark.DjkiStatus.REFUSED, _("The application was refused")),
        ],
        widget=forms.RadioSelect,
    )
    registration_number = registration_number_field(required=False)
    registered_on = forms.DateField(label=_("Registered on"), required=False, widget=DATE)
    document = DocumentField(label=_("DJKI document (certificate or refusal letter)"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Trademark.DjkiStatus.REGISTERED:
            if not cleaned.get("registration_number") and "registration_number" not in self.errors:
                self.add_error("registration_number", _("Enter the registration number."))
            if not cleaned.get("registered_on") and "registered_on" not in self.errors:
                self.add_error("registered_on", _("Give the date DJKI registered the mark."))
        return cleaned
