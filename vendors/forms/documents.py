"""A corrected NIB and a new halal certificate, sent from the vendor dashboard."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import validators
from ..models import HalalCertificate, Vendor
from .fields import DocumentField, NormalizedField


class NibResubmitForm(forms.Form):
    nib = NormalizedField(
        validators.normalize_nib,
        label="NIB",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    nib_document = DocumentField(label=_("NIB document"))

    def __init__(self, *args, vendor=None, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def clean_nib(self):
        nib = self.cleaned_data["nib"]
        if Vendor.objects.filter(nib=nib).exclude(pk=self.vendor.pk).exists():
            raise ValidationError(_("This NIB is already registered to another business."))
        return nib


class HalalCertificateForm(forms.Form):
    number = NormalizedField(
        validators.normalize_halal_number, label=_("Halal certificate number"), max_length=40
    )
    issued_on = forms.DateField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Valid until (only if printed on it)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    document = DocumentField(label=_("Certificate document"))

    def clean_number(self):
        number = self.cleaned_data["number"]
        if HalalCertificate.objects.filter(number=number).exists():
            raise ValidationError(_("This halal certificate is already registered."))
        return number

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and issued > timezone.localdate():
            self.add_error("issued_on", _("The issue date cannot be in the future."))
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("The expiry must come after the issue date."))
        return cleaned
