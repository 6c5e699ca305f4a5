"""What the cooperative's admins send (a member count, a RAT) and what staff change on the
record (legal entity, classification, village, board, status). The rules are the services';
the forms only read the input, and keep it on errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vendors.forms import DocumentField
from vendors.models import Desa

from .models import BoardMember, Cooperative

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric"})
NUMBER_MESSAGES = {"invalid": _("Enter a whole number.")}


class MemberCountForm(forms.Form):
    counted_on = forms.DateField(label=_("Counted on"), widget=DATE)
    members = forms.IntegerField(
        label=_("Number of members"), widget=NUMBER, error_messages=NUMBER_MESSAGES
    )


class RatForm(forms.Form):
    book_year = forms.IntegerField(
        label=_("Book year"), widget=NUMBER, error_messages=NUMBER_MESSAGES
    )
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    members_present = forms.IntegerField(
        label=_("Members present"), widget=NUMBER, error_messages=NUMBER_MESSAGES
    )
    report = DocumentField(label=_("RAT report"))
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was decided: the year's results (SHU), the board, the plan."),
    )


class RatCorrectionForm(RatForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["book_year"]
        self.fields["report"].required = False
        self.fields["report"].help_text = _("Only if the report changes.")


class LegalEntityForm(forms.Form):
    ahu_number = forms.CharField(label=_("AHU number"), max_length=60)
    ahu_date = forms.DateField(label=_("Date of the AHU decree"), widget=DATE)


class ClassificationForm(forms.Form):
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=[
            (value, label)
            for value, label in Cooperative.Classification.choices
            if value in Cooperative.CURRENT_CLASSIFICATIONS
        ],
    )


class VillageForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Desa / kelurahan"), queryset=Desa.objects.none())

    def __init__(self, *args, kecamatan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Desa.objects.filter(kecamatan=kecamatan)


class BoardMemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=BoardMember.Role.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    term_start = forms.DateField(label=_("Term from"), widget=DATE)
    term_end = forms.DateField(label=_("Term until"), widget=DATE)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, cooperative=None, **kwargs):
        super().__init__(*args, **kwargs)
        targets = Cooperative.TRANSITIONS.targets(cooperative.status) if cooperative else ()
        self.fields["status"].choices = [
            (value, label) for value, label in Cooperative.Status.choices if value in targets
        ]
