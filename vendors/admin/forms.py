"""Forms of the staff admin: the edit forms of vendors and halal certificates (which never
carry a status: statuses change only through the services) and the decision forms."""

import os

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..validators import (
    normalize_bpom,
    normalize_halal_number,
    normalize_nib,
    normalize_pirt,
    normalize_whatsapp,
    validate_evidence_document,
)


class DocumentLink:
    """Stands in for a stored file in the upload widget: its name, and the staff-only
    address instead of the storage URL (the private storage has none that works)."""

    def __init__(self, name: str, url: str):
        self.name = name
        self.url = url

    def __str__(self):
        return os.path.basename(self.name)


class PrivateDocumentInput(forms.ClearableFileInput):
    document_url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def format_value(self, value):
        if self.is_initial(value):
            return DocumentLink(value.name, self.document_url)
        return None


def _clean_document(form, field_name):
    document = form.cleaned_data.get(field_name)
    if isinstance(document, UploadedFile):
        validate_evidence_document(document)
    return document


def _normalized(form, field_name, normalize):
    value = form.cleaned_data.get(field_name)
    return normalize(value) if value else value


class VendorAdminForm(WagtailAdminModelForm):
    """Identifiers are stored in their normal form; a verified NIB and its evidence cannot
    be replaced here (reject it first, so the change leaves an event)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "nib_document" in self.fields and self.instance.pk:
            self.fields["nib_document"].widget.document_url = reverse(
                "vendors_verification:vendor_document", args=[self.instance.pk]
            )
        if self.instance.pk and self.instance.nib_verified:
            for name in ("nib", "nib_document"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "The NIB is verified. To change it, reject it first in the "
                        "verification queue."
                    )

    def clean_nib(self):
        return _normalized(self, "nib", normalize_nib)

    def clean_whatsapp(self):
        return _normalized(self, "whatsapp", normalize_whatsapp)

    def clean_pirt_number(self):
        return _normalized(self, "pirt_number", normalize_pirt)

    def clean_bpom_number(self):
        return _normalized(self, "bpom_number", normalize_bpom)

    def clean_nib_document(self):
        return _clean_document(self, "nib_document")


class HalalCertificateAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "document" in self.fields and self.instance.pk:
            self.fields["document"].widget.document_url = reverse(
                "vendors_verification:certificate_document", args=[self.instance.pk]
            )
        if self.instance.pk and self.instance.status == self.instance.Status.VERIFIED:
            for name in ("number", "document"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "The certificate is verified. To change it, reject it first."
                    )

    def clean_number(self):
        return _normalized(self, "number", normalize_halal_number)

    def clean_document(self):
        return _clean_document(self, "document")

    def clean(self):
        cleaned_data = super().clean()
        issued_on, expires_on = cleaned_data.get("issued_on"), cleaned_data.get("expires_on")
        if issued_on and expires_on and expires_on < issued_on:
            self.add_error("expires_on", _("The expiry date is before the issue date."))
        return cleaned_data


class DecisionForm(forms.Form):
    """The staff member's decision and note. Which decisions are allowed is the services'
    business: the form only names them, so a stale page gets the service's own message."""

    decision = forms.ChoiceField(choices=())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The vendor reads this note. It is required to reject or revoke."),
    )

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = list(decisions)


VENDOR_DECISIONS = [
    ("verify_nib", _("Verify NIB")),
    ("reject_nib", _("Reject NIB")),
    ("suspend", _("Suspend vendor")),
    ("reactivate", _("Reactivate vendor")),
]
CERTIFICATE_DECISIONS = [
    ("verify", _("Verify certificate")),
    ("reject", _("Reject certificate")),
    ("revoke", _("Revoke certificate")),
]

# Shown as red buttons: they take something away from the vendor.
SERIOUS_DECISIONS = {"reject_nib", "suspend", "reject", "revoke"}


class VendorDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, decisions=VENDOR_DECISIONS, **kwargs)


class CertificateDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, decisions=CERTIFICATE_DECISIONS, **kwargs)
