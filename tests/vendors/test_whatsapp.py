"""WhatsApp numbers as people read them (+62 812-3456-7890), linked to wa.me: one filter,
used wherever the site shows a number."""

import pytest

from vendors.templatetags.whatsapp import format_whatsapp, whatsapp_link, whatsapp_url


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("6281234567890", "+62\xa0812-3456-7890"),
        ("081234567890", "+62\xa0812-3456-7890"),
        ("0812 3456 7890", "+62\xa0812-3456-7890"),
        ("628123456789", "+62\xa0812-3456-789"),
        ("62812345678", "+62\xa0812-345-678"),
        ("62812345678901", "+62\xa0812-3456-78901"),
        ("021 555 1234", "021 555 1234"),  # not a mobile number: as written
        ("", ""),
    ],
)
def test_a_number_is_shown_with_the_country_code_and_groups(stored, shown):
    assert format_whatsapp(stored) == shown


def test_a_mobile_number_links_to_a_whatsapp_chat():
    assert whatsapp_url("0812 3456 7890") == "https://wa.me/6281234567890"
    assert str(whatsapp_link("6281234567890")) == (
        '<a href="https://wa.me/6281234567890" rel="noopener noreferrer" data-whatsapp>'
        "+62\xa0812-3456-7890</a>"
    )


def test_a_number_that_is_not_a_mobile_one_gets_no_link():
    assert whatsapp_url("021 555 1234") == ""
    assert str(whatsapp_link("<b>021</b>")) == "&lt;b&gt;021&lt;/b&gt;"
