"""A query's words, and the words each stands for on the synonym list (SearchSynonym, edited
by staff): shared by the catalog's full-text search (filters), the misspelling fallback
(spelling) and the site search."""

import re

from django.core.cache import cache

from core.cache import generation

from .models.synonyms import SearchSynonym


def search_terms(query: str) -> list[str]:
    words = re.findall(r"\w+", query.lower())[:8]
    return [w for w in words if len(w) >= 2]


def synonym_groups() -> dict[str, tuple[str, ...]]:
    """Every word of the synonym list → all the words it stands for (itself first), read once
    per content generation (a change to the list starts a new one)."""
    return cache.get_or_set(f"search-synonyms:{generation()}", _load_groups, 600)


def _load_groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for synonym in SearchSynonym.objects.all():
        words = synonym.words()
        for word in words:
            known = groups.setdefault(word, [word])
            known += [w for w in words if w not in known]
    return {word: tuple(words) for word, words in groups.items()}


def expand(terms: list[str]) -> list[tuple[str, ...]]:
    """Each query word with the words it stands for: [("kripik", "keripik", "crisps"), …]."""
    if not terms:
        return []
    groups = synonym_groups()
    return [groups.get(term, (term,)) for term in terms]
