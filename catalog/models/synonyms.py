import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchSynonym(models.Model):
    """Words a shopper may type for the same thing ("kripik" for "keripik", "crisps" for
    "chips"): a search for any of them finds what each of them finds. Edited by staff."""

    term = models.CharField(
        _("word"),
        max_length=40,
        unique=True,
        help_text=_("One word, as products are usually named, e.g. keripik."),
    )
    variants = models.CharField(
        _("also written as"),
        max_length=300,
        help_text=_("Other spellings or words for it, separated by commas, e.g. kripik, crisps."),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return f"{self.term}: {self.variants}"

    def clean(self):
        self.term = self.term.strip().lower()
        words = self.words()
        if not re.fullmatch(r"\w+", self.term):
            raise ValidationError({"term": _("Type one word, without spaces or punctuation.")})
        if len(words) < 2:
            raise ValidationError({"variants": _("Type at least one other word.")})
        self.variants = ", ".join(words[1:])

    def words(self) -> list[str]:
        """The term and its variants, lower-case, each once (the term first)."""
        found = [self.term.strip().lower()]
        for word in re.findall(r"\w+", self.variants.lower()):
            if word not in found:
                found.append(word)
        return found
