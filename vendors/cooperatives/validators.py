"""The shape of a cooperative's legal entity decree from the Ministry of Law (AHU):
``AHU-0001234.AH.01.26.TAHUN 2021``. Case, spacing and the dots vary on paper; one form is
stored."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

AHU_RE = re.compile(
    r"^AHU\s*-?\s*(\d{1,10})\s*\.?\s*AH\s*\.?\s*(\d{2})\s*\.?\s*(\d{2})\s*\.?\s*"
    r"(?:TAHUN|THN\.?)?\s*(\d{4})$"
)


def normalize_ahu(value: str) -> str:
    raw = re.sub(r"\s+", " ", str(value or "").strip().upper())
    match = AHU_RE.match(raw)
    if not match:
        raise ValidationError(
            _(
                "An AHU number is written like AHU-0001234.AH.01.26.TAHUN 2021: the number, "
                "AH, two pairs of digits and the year."
            ),
            code="ahu_shape",
        )
    number, first, second, year = match.groups()
    return f"AHU-{int(number):07d}.AH.{first}.{second}.TAHUN {year}"


def validate_ahu(value: str) -> None:
    if normalize_ahu(value) != value:
        raise ValidationError(
            _("Write the AHU number as AHU-0001234.AH.01.26.TAHUN 2021."), code="ahu_form"
        )
