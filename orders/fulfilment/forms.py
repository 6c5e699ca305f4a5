"""Input of the vendor's order pages: the status filter of the list and the step a vendor
takes with one part. Which steps are allowed from where is the services' business
(``OrderPart.TRANSITIONS``): the form only names them, so a stale page gets the
service's own message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import OrderPart

Status = OrderPart.Status

OPEN = "open"
ALL = "all"


class PartFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (OPEN, _("Needs action")),
            *[(status.value, status.label) for status in Status],
            (ALL, _("All orders")),
        ],
    )

    def chosen(self) -> str:
        """The chosen filter; anything unknown shows the parts that need action."""
        if self.is_valid() and self.cleaned_data["status"]:
            return self.cleaned_data["status"]
        return OPEN


class AdvancePartForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Status.READY, Status.READY.label),
            (Status.SHIPPED, Status.SHIPPED.label),
            (Status.COMPLETED, Status.COMPLETED.label),
        ]
    )
    tracking_note = forms.CharField(
        label=_("Tracking note"),
        required=False,
        max_length=200,
        help_text=_(
            "The courier and tracking number, or who brings it and when. The buyer sees it."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.SHIPPED and not cleaned.get("tracking_note", "").strip():
            self.add_error(
                "tracking_note",
                _("Say how it was sent: the courier and tracking number, or who delivers it."),
            )
        return cleaned


class CollectForm(forms.Form):
    """The counter confirms a handover (and, for a pay-at-outlet order, the payment) by
    ticking a box: no JavaScript needed, and no handover by one stray tap."""

    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to confirm the handover.")},
    )
