"""Search that forgives how a shopper writes: synonyms and misspellings.

- Synonyms (SearchSynonym, edited by staff): a query word that belongs to a group ("kripik"
  in keripik / kripik / crisps) matches any word of the group. Applied inside the catalog's
  full-text search (filters.search), so the catalog and the site search (/cari/) both get it.
- Misspellings: only when the full-text search finds nothing, ``suggest()`` proposes the
  query with each unknown word replaced by the closest word of the product names ("keripk"
  → "keripik", "kopi luwk" → "kopi luwak"). On PostgreSQL the candidates come from the
  GIN trigram index on the names (pg_trgm word similarity, migration 0007); on SQLite from
  the names' words compared with difflib.
"""

import difflib
import hashlib
import re

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q

from core.cache import content_generation

from .search_terms import search_terms, synonym_groups

CANDIDATE_NAMES = 30  # product names read per misspelt word (PostgreSQL)
SQLITE_NAMES = 20000  # at most this many names scanned on SQLite (development data)
CLOSE_ENOUGH = 0.7  # difflib ratio for a word to replace a typed one


def _words(names) -> set[str]:
    words = set()
    for name in names:
        words.update(w for w in re.findall(r"\w+", (name or "").lower()) if len(w) >= 2)
    return words


def _candidate_names(base, terms: list[str]) -> list[str]:
    """Names of public products that could hold the words ``terms`` were meant to be."""
    if connection.vendor != "postgresql":
        return [
            name
            for row in base.order_by().values_list("name", "name_en")[:SQLITE_NAMES]
            for name in row
        ]
    names = []
    with transaction.atomic(using=base.db), connection.cursor() as cursor:
        # Any few names with a word close to the term will do, so no sort: the first ones the
        # GIN trigram index finds (a few ms at 100,000 products, however common the word).
        # Left alone, the planner walks the table for them, which is slow for a rare word.
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true),"
            " set_config('enable_indexscan', 'off', true)"
        )
        for term in terms:
            rows = (
                base.filter(
                    Q(name__trigram_word_similar=term) | Q(name_en__trigram_word_similar=term)
                )
                .order_by()
                .values_list("name", "name_en")[:CANDIDATE_NAMES]
            )
            names += [name for row in rows for name in row]
    return names


def suggest(query: str, base) -> str | None:
    """The query with its misspelt words corrected from the names of the products in
    ``base`` (the public ones), or None when there is nothing better to propose; kept for
    the content generation (names, not stock: a product running out does not renew it)."""
    terms = search_terms(query)
    if not terms:
        return None
    key = "suggest:" + hashlib.sha256(" ".join(terms).encode()).hexdigest()[:32]
    found = cache.get_or_set(f"{key}:{content_generation()}", lambda: [_suggest(terms, base)], 600)
    return found[0]


def _suggest(terms: list[str], base) -> str | None:
    groups = synonym_groups()
    unknown = [term for term in terms if term not in groups and len(term) >= 3]
    vocabulary = _words(_candidate_names(base, unknown)) if unknown else set()
    if not vocabulary:
        return None
    corrected = []
    for term in terms:
        known = term not in unknown or term in vocabulary
        if known or any(word.startswith(term) for word in vocabulary):
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=CLOSE_ENOUGH)
        corrected.append(close[0] if close else term)
    if corrected == terms:
        return None
    return " ".join(corrected)
