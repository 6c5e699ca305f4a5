from django import forms
from django.utils.translation import gettext_lazy as _

from .. import validators
from ..images import clean_photo
from ..models import Vendor
from .fields import BusinessFieldsMixin, NormalizedField
from .register import clean_desa, desa_field


class VendorProfileForm(BusinessFieldsMixin, forms.ModelForm):
    """What a member may change about their business; status and NIB are not here."""

    whatsapp = NormalizedField(
        validators.normalize_whatsapp,
        label=_("WhatsApp number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    desa = desa_field(required=False)
    # For partnership invoices (a hotel's or retailer's purchasing office pays by transfer).
    npwp = NormalizedField(
        validators.normalize_npwp,
        label=_("NPWP"),
        required=False,
        max_length=25,
        help_text=_("15 or 16 digits, as on the tax card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    bank_account_number = NormalizedField(
        validators.normalize_bank_account,
        label=_("Bank account number"),
        required=False,
        max_length=30,
        help_text=_("Shown to business buyers on your invoices, for transfers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    logo_upload = forms.ImageField(label=_("Logo"), required=False)
    cover_upload = forms.ImageField(label=_("Cover photo"), required=False)

    class Meta:
        model = Vendor
        fields = [
            "name",
            "kind",
            "member_count",
            "kecamatan",
            "desa",
            "address",
            "whatsapp",
            "email",
            "sector",
            "products_summary",
            "workers",
            "women_led",
            "turnover_band",
            "description",
            "description_en",
            "year_founded",
            "kbli_codes",
            "kbli_edition",
            "npwp",
            "is_pkp",
            "bank_name",
            "bank_account_number",
            "bank_account_holder",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_cooperative and "member_count" in self.fields:
            # A cooperative's members are a dated history, recorded on its own page; this
            # shows the latest count.
            field = self.fields["member_count"]
            field.disabled = True
            field.help_text = _(
                "The latest count. Record a new one under Koperasi on your dashboard."
            )

    def clean(self):
        cleaned = super().clean()
        clean_desa(self, cleaned)
        if cleaned.get("is_pkp") and not cleaned.get("npwp") and "npwp" not in self.errors:
            self.add_error("npwp", _("A PKP must give its NPWP."))
        bank = ("bank_name", "bank_account_number", "bank_account_holder")
        given = [name for name in bank if cleaned.get(name)]
        if given and len(given) < len(bank):
            for name in bank:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Give the bank, the account number and its holder together.")
                    )
        return cleaned

    def clean_logo_upload(self):
        return clean_photo(self.cleaned_data.get("logo_upload"))

    def clean_cover_upload(self):
        return clean_photo(self.cleaned_data.get("cover_upload"))
