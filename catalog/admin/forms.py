"""The catalog admin's forms: the category and location edit forms, and the decisions of the
review queue and the outlet curation."""

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from vendors.validators import normalize_whatsapp

from ..models import CurationRound

MAX_QUANTITY = 100_000


class CategoryAdminForm(WagtailAdminModelForm):
    """Two levels only: a top category, or a sub-category of a top category."""

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is None:
            return parent
        if self.instance.pk and parent.pk == self.instance.pk:
            raise forms.ValidationError(_("A category cannot be its own parent."))
        if parent.parent_id is not None:
            raise forms.ValidationError(_("Choose a top category: categories have two levels."))
        if self.instance.pk and self.instance.children.exists():
            raise forms.ValidationError(
                _("This category has sub-categories, so it stays a top category.")
            )
        return parent


class LocationAdminForm(WagtailAdminModelForm):
    """A location's slug is how the site finds RPPKUM and the airport outlet; it is set
    once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "slug" in self.fields:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("The site finds the outlet by it; it stays.")

    def clean_whatsapp(self):
        """Kept as 62… (the form wa.me links use), however it was typed."""
        value = self.cleaned_data.get("whatsapp", "")
        return normalize_whatsapp(value) if value else ""


class ReviewDecisionForm(forms.Form):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        choices=[(APPROVE, gettext_lazy("Approve")), (RETURN, gettext_lazy("Send back"))]
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the vendor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoundForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    starts_on = forms.DateField(
        label=gettext_lazy("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AcceptForm(forms.Form):
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity"), min_value=0, max_value=MAX_QUANTITY
    )
    shelf = forms.CharField(label=gettext_lazy("Shelf"), max_length=40, required=False)
    best_before = forms.DateField(label=gettext_lazy("Best before"), required=False)
    round = forms.ModelChoiceField(
        label=gettext_lazy("Round"), queryset=CurationRound.objects.none(), required=False
    )

    def __init__(self, *args, location, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = location.rounds.all()


class DeclineForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note to the vendor"), max_length=2000)


class RetireForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note"), max_length=2000, required=False)


class RestockForm(forms.Form):
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity"), min_value=0, max_value=MAX_QUANTITY
    )
    best_before = forms.DateField(label=gettext_lazy("Best before"), required=False)
