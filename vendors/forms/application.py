from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import validators
from ..models import HalalCertificate, Vendor
from ..services import HalalSubmission
from .fields import BusinessFieldsMixin, DocumentField, NormalizedField
from .register import HelpWantedFields, RegisterFields


class VendorApplicationForm(BusinessFieldsMixin, RegisterFields, HelpWantedFields):
    """One form for the whole application: the person, the business, its papers, and the
    help it wants. A business without an NIB registers too (``has_nib`` no): it asks for
    NIB help and is not public until its NIB is verified."""

    # The person
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("You log in with this address."))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # The business
    whatsapp = NormalizedField(
        validators.normalize_whatsapp,
        label=_("WhatsApp number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Buyers contact you here, for example 0812 3456 7890."),
    )
    description = forms.CharField(
        label=_("Your story"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you make, since when, what makes it special."),
    )
    year_founded = forms.IntegerField(label=_("Year founded"), required=False)
    kbli_codes = forms.CharField(
        label=_("KBLI codes"),
        max_length=120,
        required=False,
        help_text=_("Five-digit codes from your NIB, separated by commas."),
    )
    kbli_edition = forms.ChoiceField(
        label=_("KBLI edition"),
        choices=Vendor.KbliEdition.choices,
        initial=Vendor.KbliEdition.KBLI_2020,
    )
    # The papers
    nib = NormalizedField(
        validators.normalize_nib,
        label="NIB",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        required=False,
        help_text=_("The 13-digit Nomor Induk Berusaha from OSS."),
    )
    nib_document = DocumentField(label=_("NIB document"), required=False)
    halal_number = NormalizedField(
        validators.normalize_halal_number,
        label=_("Halal certificate number (optional)"),
        max_length=40,
        required=False,
        help_text=_("From BPJPH / SIHALAL, starts with ID."),
    )
    halal_issued_on = forms.DateField(
        label=_("Halal certificate issued on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    halal_expires_on = forms.DateField(
        label=_("Halal certificate valid until (only if printed on it)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    halal_document = DocumentField(label=_("Halal certificate document"), required=False)
    pirt_number = NormalizedField(
        validators.normalize_pirt,
        label=_("P-IRT number (optional)"),
        max_length=20,
        required=False,
        help_text=_("Written like 1234567890123-45."),
    )
    bpom_number = NormalizedField(
        validators.normalize_bpom,
        label=_("BPOM number (optional)"),
        max_length=20,
        required=False,
        help_text=_("MD or ML followed by 12 digits."),
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    field_groups = {
        "person": ["full_name", "email", "password1", "password2"],
        "business": [
            "name",
            "kind",
            "member_count",
            "kecamatan",
            "desa",
            "address",
            "whatsapp",
            "sector",
            "products_summary",
            "workers",
            "year_founded",
            "women_led",
            "turnover_band",
            "description",
            "kbli_codes",
            "kbli_edition",
        ],
        "papers": [
            "has_nib",
            "nib",
            "nib_document",
            "halal_number",
            "halal_issued_on",
            "halal_expires_on",
            "halal_document",
            "pirt_number",
            "bpom_number",
        ],
        "help": list(HelpWantedFields.help_field_names[1:]),
    }

    # Errors are summed up, and fields rendered, in the order the groups show them.
    field_order = [name for group in field_groups.values() for name in group]
    document_fields = ("nib_document", "halal_document")

    @property
    def fields_in_error(self):
        """The visible fields with an error, in the form's order, for the summary."""
        return [field for field in self.visible_fields() if field.errors]

    def show_held(self, held: dict) -> None:
        """Documents held from an earlier try: not asked again, and said so by the field."""
        for name, entry in held.items():
            field = self.fields[name]
            field.required = False
            note = _("%(name)s is received — choose another file to replace it.") % {
                "name": entry["filename"]
            }
            field.help_text = f"✓ {note} {field.help_text}".strip()
            self[name].help_text = field.help_text  # a bound field copies it when made

    def ask_passwords_again(self) -> None:
        """After an error the password boxes come back empty (browsers never re-fill them)."""
        note = _("Type it again: a password is never sent back to the page.")
        for name in ("password1", "password2"):
            field = self.fields[name]
            field.help_text = f"{field.help_text} {note}".strip()
            self[name].help_text = field.help_text

    # An e-mail or NIB that is already registered: the application is refused without
    # saying which, and the page explains how to log in or choose a new password.
    conflict = False

    @property
    def group(self):
        return {name: [self[f] for f in fields] for name, fields in self.field_groups.items()}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if (
            User.objects.filter(username__iexact=email).exists()
            or User.objects.filter(email__iexact=email).exists()
        ):
            # Not said on the field: a stranger must not learn that the address has an
            # account. clean() refuses the application in general terms.
            self.conflict = True
        return email

    def clean_nib(self):
        nib = self.cleaned_data["nib"]
        if nib and Vendor.objects.filter(nib=nib).exists():
            self.conflict = True  # as for the e-mail: never confirmed to a stranger
        return nib

    def clean_halal_number(self):
        number = self.cleaned_data.get("halal_number")
        if number and HalalCertificate.objects.filter(number=number).exists():
            raise ValidationError(_("This halal certificate is already registered."))
        return number

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if self.conflict:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "We could not accept this application with these details. If you "
                        "have registered before, log in, or choose a new password if you "
                        "forgot it. If you think someone else registered your business, "
                        "contact the office."
                    ),
                    code="conflict",
                ),
            )
        self._clean_nib_or_none(cleaned)
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            probe = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("full_name", ""),
            )
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        if cleaned.get("halal_number"):
            if not cleaned.get("halal_document") and "halal_document" not in self.errors:
                self.add_error("halal_document", _("Attach the halal certificate."))
        expires, issued = cleaned.get("halal_expires_on"), cleaned.get("halal_issued_on")
        if issued and issued > timezone.localdate():
            self.add_error("halal_issued_on", _("The issue date cannot be in the future."))
        if expires and issued and expires <= issued:
            self.add_error("halal_expires_on", _("The expiry must come after the issue date."))
        return cleaned

    def _clean_nib_or_none(self, cleaned):
        """With an NIB: the number and its document. Without: neither is kept."""
        if self.without_nib:
            cleaned["nib"], cleaned["nib_document"] = None, None
            return
        if not cleaned.get("nib") and "nib" not in self.errors:
            self.add_error(
                "nib", _("Enter your NIB, or choose “Not yet” above to get help with one.")
            )
        if not cleaned.get("nib_document") and "nib_document" not in self.errors:
            self.add_error("nib_document", _("Attach your NIB document."))

    def halal_submission(self) -> HalalSubmission | None:
        c = self.cleaned_data
        if not c.get("halal_number"):
            return None
        return HalalSubmission(
            number=c["halal_number"],
            issued_on=c.get("halal_issued_on"),
            expires_on=c.get("halal_expires_on"),
            document=c.get("halal_document"),
        )

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
            "email": c["email"],
            "description": c.get("description", ""),
            "year_founded": c.get("year_founded"),
            "kbli_codes": c.get("kbli_codes", ""),
            "kbli_edition": c["kbli_edition"],
            "nib": c.get("nib") or None,
            "pirt_number": c.get("pirt_number") or "",
            "bpom_number": c.get("bpom_number") or "",
            "owner_name": c["full_name"],
            **self.register_data(),
        }

    def account_data(self) -> dict:
        c = self.cleaned_data
        return {
            "username": c["email"],
            "email": c["email"],
            "password": c["password1"],
            "first_name": c["full_name"][:150],
        }
