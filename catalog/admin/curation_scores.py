"""Staff score a proposed product against the active curation criteria (1 to 5, with a
reason) when they decide on it, at /admin/outlet-curation/stock/<pk>/scores/; the outlet's
page shows each proposal's weighted total. The rules are in catalog/curation_criteria.py."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import staff_required
from core.views import errors_to_messages

from .. import curation_criteria
from ..models import LocationStock


@method_decorator(staff_required, name="dispatch")
class ScoreProposalView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "catalog/curation_scores_admin.html"
    page_title = gettext_lazy("Score a proposal")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        self.stock = get_object_or_404(
            LocationStock.objects.select_related("location", "product", "product__vendor"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.stock.product.name

    def _back(self):
        url = reverse("catalog_curation:location", args=[self.stock.location_id])
        return f"{url}#proposed"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("catalog_curation:index"), "label": _("Outlet curation")},
            {"url": self._back(), "label": self.stock.location.name},
            {"url": "", "label": self.stock.product.name},
        ]

    def _rows(self, given=None):
        """Each active criterion with the score and reason to show: what was typed, else
        what is saved."""
        saved = {s.criterion_id: s for s in self.stock.scores.all()}
        rows = []
        for criterion in curation_criteria.active_criteria():
            if given is not None:
                score, reason = given.get(criterion.pk, ("", ""))
            elif criterion.pk in saved:
                score, reason = saved[criterion.pk].score, saved[criterion.pk].reason
            else:
                score, reason = "", ""
            rows.append({"criterion": criterion, "score": str(score), "reason": reason})
        return rows

    def get_context_data(self, **kwargs):
        [stock] = curation_criteria.with_scores([self.stock])
        kwargs.setdefault("rows", self._rows())
        return super().get_context_data(
            stock=stock, scores=curation_criteria.SCORES, back=self._back(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        given = {
            criterion.pk: (
                request.POST.get(f"score-{criterion.pk}", ""),
                request.POST.get(f"reason-{criterion.pk}", ""),
            )
            for criterion in curation_criteria.active_criteria()
        }
        try:
            curation_criteria.score_proposal(self.stock, request.user, given)
        except ValidationError as error:
            errors_to_messages(request, error, admin=True)
            return self.render_to_response(self.get_context_data(rows=self._rows(given)))
        messages.success(request, _("%(name)s is scored.") % {"name": self.stock.product.name})
        return redirect(self._back())
