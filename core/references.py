"""Reference numbers people read out on the phone: ``ET-261123-7KQ2M``, ``KM-261123-7KQ2``.
A prefix, the day in Jakarta, and a few characters that cannot be misread."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
ATTEMPTS = 5


def reference_number(prefix: str, length: int) -> str:
    """``prefix``, today's date (YYMMDD) and ``length`` random characters."""
    return f"{prefix}-{timezone.localdate():%y%m%d}-{get_random_string(length, ALPHABET)}"


def create_with_reference(create, prefix: str, length: int):
    """``create(number)`` with a new reference number, again with another while the number is
    taken (an IntegrityError on its unique column); after ``ATTEMPTS`` collisions a
    ValidationError asks the person to try again. Returns what ``create`` returned."""
    for _attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                return create(reference_number(prefix, length))
        except IntegrityError:
            continue
    raise ValidationError(_("Please try again."))
