"""The checks CI also runs, so `make test` catches them first."""

import gettext
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.smoke
@pytest.mark.parametrize("language", ["id", "en"])
def test_compiled_catalog_matches_its_po_file(language):
    po_path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    with (po_path.with_suffix(".mo")).open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        assert message.string, f"untranslated in {language}: {message.id!r}"
        assert "fuzzy" not in message.flags, f"fuzzy in {language}: {message.id!r}"
        assert compiled.gettext(message.id) == message.string, (
            f"{language} .mo is stale for {message.id!r}: run `make messages`"
        )


@pytest.mark.smoke
def test_ruff_lint_and_format_are_clean():
    ruff = Path(sys.executable).with_name("ruff")
    lint = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run([ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout
