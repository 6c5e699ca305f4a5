"""No template syntax reaches a page: Django's {# … #} comment ends on its own line (a longer
one needs {% comment %}), and a page shows nothing of the template language."""

import re
from pathlib import Path

import pytest

from tests.factories import ProductFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SYNTAX = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")


def test_every_one_line_comment_closes_on_its_line():
    unclosed = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.count("{#") != line.count("#}")
    ]
    assert unclosed == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", "/en"])
def test_public_pages_show_no_template_syntax(client, language):
    product = ProductFactory(name="Keripik Tempe Bu Sari")
    paths = ["/", "/katalog/", "/kemitraan/", "/daftar-umkm/", "/cari/?q=keripik"]
    paths += [product.get_absolute_url(), product.vendor.get_absolute_url()]
    for path in paths:
        path = language + path.removeprefix("/en")
        html = client.get(path).content.decode()
        body = re.sub(r"<script.*?</script>", "", html, flags=re.S)  # JSON-LD has braces
        assert not SYNTAX.findall(body), path
