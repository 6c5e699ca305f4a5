"""Reference numbers: a prefix, the day, characters that cannot be misread; a number that is
taken is drawn again, and a run of collisions ends in an error the person can act on."""

import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from core import references


def test_a_reference_number_carries_its_prefix_the_day_and_unmistakable_characters():
    number = references.reference_number("ET", 5)
    assert re.fullmatch(r"ET-\d{6}-[A-HJ-NP-Z2-9]{5}", number)


@pytest.mark.django_db
def test_a_taken_number_is_drawn_again():
    taken = iter([True, False])

    def create(number):
        if next(taken):
            raise IntegrityError("duplicate number")
        return number

    assert references.create_with_reference(create, "KM", 4).startswith("KM-")


@pytest.mark.django_db
def test_five_collisions_end_in_a_clear_error_not_a_crash():
    create = mock.Mock(side_effect=IntegrityError("duplicate number"))
    with translation.override("en"), pytest.raises(ValidationError, match="Please try again"):
        references.create_with_reference(create, "KM", 4)
    assert create.call_count == references.ATTEMPTS
