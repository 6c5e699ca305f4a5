"""Shape checks for Indonesian business identifiers, with messages a micro-entrepreneur
understands. Pure functions: each raises ValidationError or returns the normalised value."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def _digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", str(value or ""))


def normalize_nib(value: str) -> str:
    """NIB from OSS-RBA: exactly 13 digits, no public checksum."""
    nib = _digits(value)
    if nib and not (nib.isascii() and nib.isdigit()):
        raise ValidationError(_("NIB may contain digits only."), code="nib_digits")
    if len(nib) != 13:
        raise ValidationError(
            _("NIB must be 13 digits (you entered %(count)d).") % {"count": len(nib)},
            code="nib_length",
        )
    return nib


def normalize_halal_number(value: str) -> str:
    """BPJPH halal certificate: ``ID`` followed by digits. A fatwa decision (KH…) is not one."""
    number = re.sub(r"\s", "", str(value or "")).upper()
    if number.startswith("KH") or "/KH" in number or "MUI" in number:
        raise ValidationError(
            _(
                "This looks like a fatwa decision number from MUI, not a halal certificate. "
                "The certificate number from BPJPH (SIHALAL) starts with ID, "
                "for example ID36110000123450825."
            ),
            code="halal_fatwa",
        )
    if not re.fullmatch(r"ID\d{8,30}", number):
        raise ValidationError(
            _(
                "A halal certificate number starts with ID followed by digits, "
                "for example ID36110000123450825."
            ),
            code="halal_shape",
        )
    return number


PIRT_RE = re.compile(r"^(\d{13})-?(\d{2})$")


def normalize_pirt(value: str) -> str:
    """P-IRT: 15 digits written ``1234567890123-45``; the last two are the expiry year."""
    raw = re.sub(r"[\s.]", "", str(value or ""))
    match = PIRT_RE.match(raw)
    if not match:
        raise ValidationError(
            _("A P-IRT number has 15 digits, written like 1234567890123-45."),
            code="pirt_shape",
        )
    return f"{match.group(1)}-{match.group(2)}"


def pirt_expiry_year(number: str) -> int:
    return 2000 + int(number[-2:])


def pirt_is_expired(number: str, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return pirt_expiry_year(number) < today.year


def normalize_bpom(value: str) -> str:
    """BPOM registration: MD (made in Indonesia) or ML (imported) and 12 digits."""
    number = re.sub(r"[\s.\-]", "", str(value or "")).upper()
    if not re.fullmatch(r"M[DL]\d{12}", number):
        raise ValidationError(
            _("A BPOM number is MD or ML followed by 12 digits, for example MD 224510101234."),
            code="bpom_shape",
        )
    return number


def normalize_npwp(value: str) -> str:
    """NPWP: 16 digits (current format); the legacy 15-digit numbers are still accepted."""
    npwp = _digits(value)
    if not (npwp.isascii() and npwp.isdigit()) or len(npwp) not in (15, 16):
        raise ValidationError(
            _("An NPWP has 16 digits (or 15 in the old format)."), code="npwp_shape"
        )
    return npwp


def normalize_whatsapp(value: str) -> str:
    """An Indonesian mobile number, returned as 62… (the form wa.me links use)."""
    number = re.sub(r"[\s.\-()]", "", str(value or ""))
    if number.startswith("+"):
        number = number[1:]
    if number.startswith("0"):
        number = "62" + number[1:]
    elif number.startswith("8"):
        number = "62" + number
    if not re.fullmatch(r"628\d{7,11}", number):
        raise ValidationError(
            _("Enter an Indonesian mobile number, for example 0812 3456 7890."),
            code="whatsapp_shape",
        )
    return number


def validate_nib(value):
    if value:
        normalize_nib(value)


def validate_halal_number(value):
    if value:
        normalize_halal_number(value)


def validate_pirt(value):
    if value:
        normalize_pirt(value)


def validate_bpom(value):
    if value:
        normalize_bpom(value)


def validate_npwp(value):
    if value:
        normalize_npwp(value)


def normalize_bank_account(value: str) -> str:
    """A bank account number as digits only (banks print them with spaces or dashes)."""
    number = _digits(value)
    if not (number.isascii() and number.isdigit()) or not 6 <= len(number) <= 20:
        raise ValidationError(_("An account number has 6 to 20 digits."), code="bank_account_shape")
    return number


def validate_bank_account(value):
    if value:
        normalize_bank_account(value)


def validate_whatsapp(value):
    if value:
        normalize_whatsapp(value)


# Evidence documents ----------------------------------------------------------------------
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
DOCUMENT_SIGNATURES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
}


def document_kind(head: bytes):
    for signature, kind in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def validate_evidence_document(upload):
    """PDF, JPEG or PNG, judged by the file's content (not its name), at most 5 MB.
    Images must also open as images (no decompression bombs)."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size).1f MB; documents may be at most 5 MB.")
            % {"size": upload.size / 1024 / 1024},
            code="document_too_big",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = document_kind(head)
    if kind is None:
        raise ValidationError(
            _("Only PDF, JPEG or PNG files are accepted; this file is none of them."),
            code="document_type",
        )
    if kind[0] != "application/pdf":
        from PIL import Image

        try:
            with Image.open(upload) as image:
                if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("This image is too large in pixels."), code="document_pixels"
                    )
                image.verify()
        except ValidationError:
            raise
        except Exception as error:
            raise ValidationError(
                _("This image file is damaged and cannot be opened."), code="document_broken"
            ) from error
        finally:
            upload.seek(0)
    return kind
