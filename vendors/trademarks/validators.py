"""The shapes of DJKI's trademark numbers: an application ``DID`` + year + six digits
(``DID2025012345``), a registration ``IDM`` + nine digits (``IDM000123456``)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _compact(value) -> str:
    return re.sub(r"[\s.\-/]", "", str(value or "")).upper()


def normalize_application_number(value: str) -> str:
    number = _compact(value)
    if not re.fullmatch(r"DID\d{10}", number):
        raise ValidationError(
            _(
                "A trademark application number is DID, the year and six digits, "
                "for example DID2025012345."
            ),
            code="hki_application_shape",
        )
    return number


def normalize_registration_number(value: str) -> str:
    number = _compact(value)
    if not re.fullmatch(r"IDM\d{9}", number):
        raise ValidationError(
            _("A trademark registration number is IDM and nine digits, for example IDM000123456."),
            code="hki_registration_shape",
        )
    return number


def validate_application_number(value: str) -> None:
    if normalize_application_number(value) != value:
        raise ValidationError(_("Write the number without spaces, for example DID2025012345."))


def validate_registration_number(value: str) -> None:
    if normalize_registration_number(value) != value:
        raise ValidationError(_("Write the number without spaces, for example IDM000123456."))
