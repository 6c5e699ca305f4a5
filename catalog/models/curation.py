"""The criteria the regency uses to put a product on an outlet's shelf, published, and the
scores each proposal gets against them in its curation round."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .locations import LocationStock


class CurationCriterion(models.Model):
    """Quality, taste, packaging, local identity, halal, permits… kept by staff."""

    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    description = models.TextField(_("what is judged"), max_length=600)
    description_en = models.TextField(_("what is judged (English)"), max_length=600, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("curation criterion")
        verbose_name_plural = _("curation criteria")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def display_description(self) -> str:
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description


class ProposalScore(models.Model):
    """One criterion's score (1 to 5) for a product proposed to an outlet, with the reason
    the vendor reads."""

    proposal = models.ForeignKey(LocationStock, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        CurationCriterion, on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "criterion__order"]
        verbose_name = _("proposal score")
        verbose_name_plural = _("proposal scores")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.proposal}: {self.criterion} {self.score}"
