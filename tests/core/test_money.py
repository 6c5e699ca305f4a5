import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import format_rupiah

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (25000, "Rp\u00a025.000"),
        (0, "Rp\u00a00"),
        (999, "Rp\u00a0999"),
        (1000, "Rp\u00a01.000"),
        (1500000, "Rp\u00a01.500.000"),
        (-25000, "-Rp\u00a025.000"),
        ("18000", "Rp\u00a018.000"),
        (None, ""),
        ("abc", ""),
    ],
)
def test_rupiah_format(amount, shown):
    assert format_rupiah(amount) == shown


@pytest.mark.parametrize("language", ["id", "en"])
def test_rupiah_filter_is_the_same_in_both_languages(language):
    with translation.override(language):
        rendered = Template("{{ price|rupiah }}").render(Context({"price": 25000}))
    assert rendered == "Rp\u00a025.000"
