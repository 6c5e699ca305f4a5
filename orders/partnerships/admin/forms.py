"""Input of the staff's partnership pages in the Wagtail admin: the choice of vendors to
match, the note on closing, and the filters of the list."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vendors.models import Vendor

from ..models import PartnershipRequest


class MatchForm(forms.Form):
    """Staff tick suggested vendors, or name another one by its slug or NIB."""

    vendors = forms.ModelMultipleChoiceField(
        label=_("Suggested vendors"),
        queryset=Vendor.objects.public(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label=_("Another vendor (slug or NIB)"),
        max_length=140,
        required=False,
        help_text=_("For a vendor that is not among the suggestions."),
    )

    def clean_other(self):
        value = self.cleaned_data.get("other", "").strip()
        if not value:
            return None
        vendor = Vendor.objects.public().filter(slug=value.lower()).first()
        if vendor is None and value.isascii() and value.isdigit():
            vendor = Vendor.objects.public().filter(nib=value).first()
        if vendor is None:
            raise ValidationError(_("No active, verified vendor has this slug or NIB."))
        return vendor

    def clean(self):
        cleaned = super().clean()
        chosen = list(cleaned.get("vendors") or [])
        if cleaned.get("other") and cleaned["other"] not in chosen:
            chosen.append(cleaned["other"])
        if not chosen and not self.errors:
            raise ValidationError(_("Tick at least one vendor."))
        cleaned["chosen"] = chosen
        return cleaned


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class AdminFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PartnershipRequest.Status.choices],
    )
    buyer_type = forms.ChoiceField(
        label=_("Type of business"),
        required=False,
        choices=[("", _("All types")), *PartnershipRequest.BuyerType.choices],
    )
