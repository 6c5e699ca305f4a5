"""The curation criteria, published: the public page listing them (/kurasi/), the scores
staff give a proposal against each active criterion when they decide on it, the weighted
total, and the vendor's own scores on its dashboard. Changes go through score_proposal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from vendors.dashboard import DashboardItem

from .models import CurationCriterion, LocationStock, ProposalScore

SCORES = range(1, 6)
VENDOR_PROPOSALS = 20


def active_criteria() -> list[CurationCriterion]:
    return list(CurationCriterion.objects.filter(active=True))


def weighted_total(scores) -> float | None:
    """The scores' mean weighted by their criteria's weights, to one decimal (out of 5);
    None when nothing is scored."""
    weights = sum(score.criterion.weight for score in scores)
    if not weights:
        return None
    return round(sum(score.score * score.criterion.weight for score in scores) / weights, 1)


def _checked(criteria, given: dict) -> dict:
    """{criterion: (score, reason)} for every active criterion, or a ValidationError naming
    each one missing or out of range."""
    errors, checked = [], {}
    for criterion in criteria:
        score, reason = given.get(criterion.pk, (None, ""))
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = None
        if score not in SCORES:
            errors.append(_("Give %(criterion)s a score from 1 to 5.") % {"criterion": criterion})
            continue
        checked[criterion] = (score, (reason or "").strip()[:300])
    if errors:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def score_proposal(stock: LocationStock, officer, given: dict) -> list[ProposalScore]:
    """Staff score a proposed product against every active criterion (1 to 5, a reason the
    vendor reads); scoring again replaces the earlier scores. ``given`` maps a criterion's
    id to (score, reason)."""
    if officer is None or not (officer.is_active and officer.is_staff):
        raise PermissionDenied(_("Only staff can do this."))
    if stock.status != LocationStock.Status.PROPOSED:
        raise ValidationError(_("Only a proposed product is scored."))
    checked = _checked(active_criteria(), given)
    now = timezone.now()
    scores = []
    for criterion, (score, reason) in checked.items():
        row, _created = ProposalScore.objects.update_or_create(
            proposal=stock,
            criterion=criterion,
            defaults={"score": score, "reason": reason, "scored_by": officer, "scored_at": now},
        )
        scores.append(row)
    return scores


def with_scores(stocks) -> list[LocationStock]:
    """The entries with their scores (``entry.score_list``) and weighted total
    (``entry.weighted_total``): one query for all of them."""
    stocks = list(stocks)
    by_stock = {stock.pk: [] for stock in stocks}
    scores = ProposalScore.objects.filter(proposal__in=list(by_stock)).select_related("criterion")
    for score in scores:
        by_stock[score.proposal_id].append(score)
    for stock in stocks:
        stock.score_list = by_stock[stock.pk]
        stock.weighted_total = weighted_total(stock.score_list)
    return stocks


def vendor_scored_proposals(vendor, limit: int = VENDOR_PROPOSALS) -> list[LocationStock]:
    """The vendor's own proposals that staff have scored, latest first, each with its
    scores and their criteria: two queries."""
    scores = ProposalScore.objects.select_related("criterion").order_by("criterion__order", "pk")
    proposals = (
        LocationStock.objects.filter(product__vendor=vendor, scores__isnull=False)
        .distinct()
        .select_related("location", "product")
        .prefetch_related(Prefetch("scores", queryset=scores, to_attr="score_list"))
        .order_by("-proposed_at", "-pk")[:limit]
    )
    for proposal in proposals:
        proposal.weighted_total = weighted_total(proposal.score_list)
    return list(proposals)


def scores_section(request, vendor):
    """The vendor dashboard's section of curation scores (only when there are some)."""
    proposals = vendor_scored_proposals(vendor)
    if not proposals:
        return None
    return DashboardItem(
        order=15,
        title=gettext_lazy("Curation scores"),
        template="catalog/curation_scores_section.html",
        context={"proposals": proposals},
    )


@require_GET
def criteria_page(request):
    """The public page of the criteria in use, in the reader's language."""
    return render(request, "catalog/curation_criteria.html", {"criteria": active_criteria()})
