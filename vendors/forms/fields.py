"""Fields and checks the vendors' forms share (and the other apps' forms use)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import validators
from ..models import Vendor

DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png"


class DocumentField(forms.FileField):
    """An evidence document: PDF, JPEG or PNG by content, at most 5 MB."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("PDF, JPEG or PNG, at most 5 MB. A clear photo of the paper is fine.")
        )
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = DOCUMENT_ACCEPT

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "size") and upload is not initial:
            validators.validate_evidence_document(upload)
        return upload


class NormalizedField(forms.CharField):
    """A CharField whose value goes through one of our validators' normalizers."""

    def __init__(self, normalize, **kwargs):
        self.normalize = normalize
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.normalize(value) if value else value


class BusinessFieldsMixin:
    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year and not 1945 <= year <= timezone.localdate().year:
            raise ValidationError(_("Enter a year between 1945 and this year."))
        return year

    def clean_kbli_codes(self):
        codes = [c.strip() for c in self.cleaned_data.get("kbli_codes", "").split(",") if c.strip()]
        for code in codes:
            if not (code.isdigit() and len(code) == 5):
                raise ValidationError(
                    _("KBLI codes have five digits, for example 10794; “%(code)s” does not.")
                    % {"code": code}
                )
        return ", ".join(codes)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Vendor.Kind.MICRO:
            cleaned["member_count"] = None
        elif cleaned.get("kind") and not cleaned.get("member_count"):
            self.add_error("member_count", _("A cooperative gives its number of members."))
        return cleaned
