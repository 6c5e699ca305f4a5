"""The forms of the staff's steps on a facilitation request (the action page and the bulk
assignment), each calling one service, and the table of which step reaches which stage."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from core.time import JAKARTA

from ..facilitation import services
from ..facilitation.models import FacilitationRequest

Stage = FacilitationRequest.Stage
Place = FacilitationRequest.Place


def staff_users():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("first_name")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ScreenForm(forms.Form):
    missing = forms.CharField(
        label=gettext_lazy("Missing documents"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Leave empty when the documents are complete; the owner reads this."
        ),
    )

    def run(self, request, officer):
        return services.screen(request, officer, self.cleaned_data["missing"])


class AppointmentFields(forms.Form):
    officer = OfficerChoiceField(label=gettext_lazy("Officer"), queryset=None)
    date = forms.DateField(
        label=gettext_lazy("Appointment date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=gettext_lazy("Appointment time (WIB)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.ChoiceField(label=gettext_lazy("Place"), choices=Place.choices)
    place_other = forms.CharField(
        label=gettext_lazy("Other place"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Only when the place is elsewhere."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = staff_users()

    def appointment(self):
        data = self.cleaned_data
        return datetime.datetime.combine(data["date"], data["time"], tzinfo=JAKARTA)

    def assign(self, request, officer):
        data = self.cleaned_data
        return services.assign(
            request,
            officer,
            data["officer"],
            self.appointment(),
            data["place"],
            data["place_other"],
        )


class AssignForm(AppointmentFields):
    def run(self, request, officer):
        return self.assign(request, officer)


class SubmissionForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference in the issuing system"), max_length=80
    )
    halal_companion = forms.CharField(
        label=gettext_lazy("Halal process companion (self-declare)"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Only when the owner named none."),
    )

    def run(self, request, officer):
        return services.record_submission(
            request,
            officer,
            self.cleaned_data["reference"],
            companion=self.cleaned_data.get("halal_companion", ""),
        )


class IssueForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Issued number"), max_length=80)

    def run(self, request, officer):
        return services.record_issue(request, officer, self.cleaned_data["number"])


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The owner reads this."),
    )

    def run(self, request, officer):
        return services.decline(request, officer, self.cleaned_data["reason"])


class BulkAssignForm(AppointmentFields):
    requests = forms.ModelMultipleChoiceField(
        queryset=FacilitationRequest.objects.all(), widget=forms.MultipleHiddenInput
    )


# The step each target stage is reached by: its name (the form's prefix), title and form.
STEPS = {
    Stage.SCREENED: ("screen", gettext_lazy("Screen the documents"), ScreenForm),
    Stage.ASSISTED: ("assign", gettext_lazy("Assign an officer and an appointment"), AssignForm),
    Stage.SUBMITTED: ("submit", gettext_lazy("Record the submission"), SubmissionForm),
    Stage.ISSUED: ("issue", gettext_lazy("Record the issued number"), IssueForm),
    Stage.DECLINED: ("decline", gettext_lazy("Decline"), DeclineForm),
}
STEP_BY_NAME = {name: (stage, form) for stage, (name, _title, form) in STEPS.items()}
