import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from vendors import validators as v

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("9120001234567", "9120001234567"),
        ("9120 0012 34567", "9120001234567"),
        ("912-000-123-4567", "9120001234567"),
    ],
)
def test_good_nib(raw, normal):
    assert v.normalize_nib(raw) == normal


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("912000123456", "nib_length"),  # 12 digits
        ("91200012345678", "nib_length"),  # 14 digits
        ("91200012345AB", "nib_digits"),
        ("912000123456²", "nib_digits"),  # "²".isdigit() is True: ASCII digits only
        ("", "nib_length"),
    ],
)
def test_bad_nib(raw, code):
    with pytest.raises(ValidationError) as error:
        v.normalize_nib(raw)
    assert error.value.code == code


def test_a_12_digit_nib_is_explained_in_indonesian():
    with translation.override("id"), pytest.raises(ValidationError) as error:
        v.normalize_nib("912000123456")
    assert "NIB harus 13 digit" in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("ID36110000123450825", "ID36110000123450825"),
        ("id 3611 0000 1234 50825", "ID36110000123450825"),
        ("ID00410000012345678901", "ID00410000012345678901"),
    ],
)
def test_good_halal_numbers(raw, normal):
    assert v.normalize_halal_number(raw) == normal


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("KH-123/DSN-MUI/2023", "halal_fatwa"),
        ("Kep-1234/MUI/XI/2023", "halal_fatwa"),
        ("KH00110000123", "halal_fatwa"),
        ("36110000123450825", "halal_shape"),
        ("IDABC", "halal_shape"),
        ("ID123", "halal_shape"),
    ],
)
def test_bad_halal_numbers(raw, code):
    with pytest.raises(ValidationError) as error:
        v.normalize_halal_number(raw)
    assert error.value.code == code


def test_a_fatwa_number_is_explained_as_not_a_certificate():
    with translation.override("id"), pytest.raises(ValidationError) as error:
        v.normalize_halal_number("KH-123/DSN-MUI/2023")
    assert "bukan sertifikat halal" in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("1234567890123-27", "1234567890123-27"), ("123456789012327", "1234567890123-27")],
)
def test_good_pirt(raw, normal):
    assert v.normalize_pirt(raw) == normal


@pytest.mark.parametrize("raw", ["1234567890123-4", "12345678901234-56", "ABCDEFGHIJKLM-27", ""])
def test_bad_pirt(raw):
    with pytest.raises(ValidationError):
        v.normalize_pirt(raw)


def test_pirt_expiry_comes_from_its_last_two_digits():
    assert v.pirt_expiry_year("1234567890123-27") == 2027
    assert v.pirt_is_expired("1234567890123-23", today=datetime.date(2026, 11, 23))
    assert not v.pirt_is_expired("1234567890123-26", today=datetime.date(2026, 11, 23))


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("MD 224510101234", "MD224510101234"), ("ml123456789012", "ML123456789012")],
)
def test_good_bpom(raw, normal):
    assert v.normalize_bpom(raw) == normal


@pytest.mark.parametrize("raw", ["MD22451010123", "TR123456789012", "MD2245101012345", "SP1234"])
def test_bad_bpom(raw):
    with pytest.raises(ValidationError):
        v.normalize_bpom(raw)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("3171 0123 4567 8901", "3171012345678901"),
        ("01.234.567.8-901.000", "012345678901000"),
    ],
)
def test_good_npwp(raw, normal):
    assert v.normalize_npwp(raw) == normal


@pytest.mark.parametrize(
    "raw", ["12345678901234", "12345678901234567", "ABCDEFGHIJKLMNOP", "123456789012345²"]
)
def test_bad_npwp(raw):
    with pytest.raises(ValidationError):
        v.normalize_npwp(raw)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("0812 3456 7890", "6281234567890"),
        ("+62 812-3456-7890", "6281234567890"),
        ("6285712345678", "6285712345678"),
        ("81234567890", "6281234567890"),
    ],
)
def test_good_whatsapp(raw, normal):
    assert v.normalize_whatsapp(raw) == normal


@pytest.mark.parametrize("raw", ["021 555 1234", "+1 202 555 0100", "0812", "abc"])
def test_bad_whatsapp(raw):
    with pytest.raises(ValidationError):
        v.normalize_whatsapp(raw)


def test_pirt_expiry_follows_the_jakarta_year_not_the_machines():
    # 01:00 on 1 January 2027 in Jakarta is still 31 December 2026 in UTC.
    new_year_in_jakarta = datetime.datetime(2026, 12, 31, 18, 0, tzinfo=datetime.UTC)
    with time_machine.travel(new_year_in_jakarta, tick=False):
        assert v.pirt_is_expired("1234567890123-26")
