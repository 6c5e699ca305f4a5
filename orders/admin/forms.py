"""Forms of the staff admin for orders: a refund (the whole order or one vendor's part), a
payout to a vendor, and who works at which outlet. They only read input: the services
decide what is allowed and say why not."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from website.templatetags.etalase import format_rupiah

WHOLE_ORDER = "order"
# 1500000 or 1.500.000 (dots between groups of three); never a decimal comma.
WHOLE_RUPIAH = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
MAX_PAYOUT = 2_000_000_000  # fits the ledger's integer column


def remaining(part) -> int:
    return part.total - part.refunded_amount


class RefundForm(forms.Form):
    what = forms.ChoiceField(label=_("What to refund"), widget=forms.RadioSelect)
    confirm = forms.BooleanField(
        label=_("I have checked it: a refund cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the refund.")},
    )

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_parts = {str(part.pk): part for part in parts if remaining(part) > 0}
        choices = []
        if self.open_parts:
            choices.append(
                (
                    WHOLE_ORDER,
                    _("The whole order (%(amount)s)")
                    % {"amount": format_rupiah(sum(map(remaining, self.open_parts.values())))},
                )
            )
        for pk, part in self.open_parts.items():
            choices.append(
                (
                    pk,
                    _("Only %(vendor)s (%(amount)s)")
                    % {"vendor": part.vendor.name, "amount": format_rupiah(remaining(part))},
                )
            )
        self.fields["what"].choices = choices
        self.fields["what"].error_messages["invalid_choice"] = _(
            "That part cannot be refunded (any more)."
        )

    def chosen_part(self):
        """None for the whole order, otherwise the one part to refund."""
        what = self.cleaned_data["what"]
        return None if what == WHOLE_ORDER else self.open_parts[what]


class PayoutForm(forms.Form):
    amount = forms.CharField(
        label=_("Amount (whole Rupiah)"),
        max_length=20,
        help_text=_("For example 1500000 or 1.500.000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reference = forms.CharField(
        label=_("Bank transfer reference"),
        max_length=120,
        help_text=_("As on the bank's receipt, so the vendor can match it."),
    )

    def __init__(self, *args, balance: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.balance = balance

    def clean_amount(self) -> int:
        text = self.cleaned_data["amount"].strip()
        text = re.sub(r"^rp\.?\s*", "", text, flags=re.IGNORECASE)
        if not WHOLE_RUPIAH.fullmatch(text):
            raise ValidationError(_("Write whole Rupiah, for example 1500000 or 1.500.000."))
        amount = int(text.replace(".", ""))
        if amount < 1 or amount > MAX_PAYOUT:
            raise ValidationError(_("Write an amount above zero."))
        if amount > self.balance:
            raise ValidationError(
                _("That is more than the platform owes this vendor (%(balance)s).")
                % {"balance": format_rupiah(self.balance)}
            )
        return amount


class OutletAssignmentForm(WagtailAdminModelForm):
    """The user is typed by username (there are too many users for a drop-down)."""

    user = forms.ModelChoiceField(
        label=_("Username"),
        queryset=get_user_model().objects.filter(is_active=True),
        to_field_name="username",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("The account the outlet's staff member logs in with."),
        error_messages={"invalid_choice": _("No active account has this username.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["user"] = self.instance.user.get_username()
