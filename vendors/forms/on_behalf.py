"""A field officer registers a business for its owner (at a market, at RPPKUM), on a phone:
the owner's details, the business, its NIB if it has one, the help it wants, and how the
owner agreed to be registered."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import validators
from ..models import Vendor
from .fields import BusinessFieldsMixin, DocumentField, NormalizedField
from .register import HelpWantedFields, RegisterFields


class OnBehalfForm(BusinessFieldsMixin, RegisterFields, HelpWantedFields):
    owner_name = forms.CharField(label=_("Owner's full name"), max_length=150)
    whatsapp = NormalizedField(
        validators.normalize_whatsapp,
        label=_("Owner's WhatsApp number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Owner's e-mail (optional)"),
        required=False,
        help_text=_(
            "With an e-mail the owner gets an account and a link to choose a password, and "
            "is told by e-mail how each request moves."
        ),
    )
    year_founded = forms.IntegerField(label=_("Year started"), required=False)
    nib = NormalizedField(
        validators.normalize_nib,
        label="NIB",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    nib_document = DocumentField(label=_("NIB document (photo)"), required=False)
    owner_consent = forms.ChoiceField(
        label=_("How did the owner agree?"),
        choices=Vendor.Consent.choices,
        widget=forms.RadioSelect,
    )
    consent_confirmed = forms.BooleanField(
        label=_(
            "The owner agreed to be registered and to the office keeping these details to "
            "help the business."
        )
    )

    field_order = [
        "owner_name",
        "whatsapp",
        "email",
        "name",
        "kind",
        "member_count",
        "kecamatan",
        "desa",
        "address",
        "sector",
        "products_summary",
        "workers",
        "year_founded",
        "women_led",
        "turnover_band",
        "has_nib",
        "nib",
        "nib_document",
        *HelpWantedFields.help_field_names[1:],
        "owner_consent",
        "consent_confirmed",
    ]

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        User = get_user_model()
        if email and (
            User.objects.filter(username__iexact=email).exists()
            or User.objects.filter(email__iexact=email).exists()
        ):
            raise ValidationError(
                _(
                    "This e-mail already has an account. Leave it empty here; the owner can "
                    "be added to the business afterwards."
                )
            )
        return email

    def clean_nib(self):
        nib = self.cleaned_data.get("nib")
        if nib and Vendor.objects.filter(nib=nib).exists():
            raise ValidationError(_("This NIB is already registered to another business."))
        return nib

    def clean(self):
        cleaned = super().clean()
        if self.without_nib:
            cleaned["nib"], cleaned["nib_document"] = None, None
        elif not cleaned.get("nib") and "nib" not in self.errors:
            self.add_error("nib", _("Enter the NIB, or choose “Not yet” above."))
        return cleaned

    def account_data(self) -> dict | None:
        email = self.cleaned_data.get("email")
        if not email:
            return None
        return {
            "username": email,
            "email": email,
            "password": None,
            "first_name": self.cleaned_data["owner_name"][:150],
        }

    def business_data(self) -> dict:
        c = self.cleaned_data
        return {
            "name": c["name"],
            "kind": c["kind"],
            "member_count": c.get("member_count"),
            "kecamatan": c["kecamatan"],
            "desa": c["desa"],
            "address": c["address"],
            "whatsapp": c["whatsapp"],
            "email": c.get("email", ""),
            "year_founded": c.get("year_founded"),
            "nib": c.get("nib") or None,
            "owner_name": c["owner_name"],
            "owner_consent": c["owner_consent"],
            **self.register_data(),
        }
