"""Template fragments are kept in each worker's memory once read
(core.cache.fragments.GenerationFragmentCache): safe only because every fragment's key names
the content generation, which any public change renews. A {% cache %} that did not would
serve its first rendering in that worker until it restarts."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_every_fragment_varies_on_the_content_generation():
    tags = [
        (path.relative_to(TEMPLATES), tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in re.findall(r"{%\s*cache\s+([^%]*)%}", path.read_text())
    ]
    assert len(tags) >= 10
    assert [(path, tag) for path, tag in tags if "catalog_generation" not in tag.split()] == []


def test_a_worker_keeps_what_it_read_and_writes_through_to_the_shared_cache():
    fragments = caches["template_fragments"]
    fragments.set("template.cache.card.1", "<li>card</li>")
    assert cache.get("template.cache.card.1") == "<li>card</li>"  # for every worker
    cache.delete("template.cache.card.1")  # another worker's cache: this one still has it
    assert fragments.get("template.cache.card.1") == "<li>card</li>"
    fragments.clear()
    assert fragments.get("template.cache.card.1", "missing") == "missing"
    cache.set("template.cache.card.2", "<li>other</li>")  # rendered by another worker
    assert fragments.get("template.cache.card.2") == "<li>other</li>"


@pytest.fixture(autouse=True)
def _no_db():
    yield
