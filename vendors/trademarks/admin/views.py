"""Staff views of trademark records: the list (waiting first), the page of one record with
its DJKI document and the verify / reject decision, and the document itself. For is_staff
users only; Wagtail's own check (access to the admin) runs first."""

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import staff_required
from vendors.admin.forms import DecisionForm
from vendors.admin.views import QUEUE_PAGE_SIZE, DecisionView, _document_response, days_since

from .. import services
from ..models import Trademark, TrademarkEvent

Status = Trademark.Status
DECISIONS = [("verify", gettext_lazy("Verify trademark")), ("reject", gettext_lazy("Reject"))]
TARGETS = {"verify": Status.VERIFIED, "reject": Status.REJECTED}


class TrademarkDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, decisions=DECISIONS, **kwargs)
        self.fields["note"].help_text = _("The owner reads this note. It is required to reject.")


def trademark_records():
    """Every record, those waiting for staff first (oldest wait first), then the rest, the
    latest change first. A record waits since its last change (a registration reported)."""
    latest = (
        TrademarkEvent.objects.filter(trademark=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    waiting = Case(
        When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Trademark.objects.select_related("vendor", "vendor__kecamatan")
        .annotate(changed_at=Coalesce(Subquery(latest), "created_at"), waiting=waiting)
        .order_by("waiting", "changed_at", "pk")
    )


@method_decorator(staff_required, name="dispatch")
class TrademarkListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "trademarks/admin/list.html"
    page_title = gettext_lazy("Trademarks (HKI)")
    header_icon = "tag"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        records = trademark_records()
        status = self.request.GET.get("status", "")
        if status in Status.values:
            records = records.filter(status=status)
        page = Paginator(records, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))
        for trademark in page:
            pending = trademark.status == Status.PENDING
            trademark.waiting_days = days_since(trademark.changed_at) if pending else None
        context.update(page=page, statuses=Status.choices, status=status)
        return context


@method_decorator(staff_required, name="dispatch")
class TrademarkDecisionView(DecisionView):
    template_name = "trademarks/admin/detail.html"
    page_title = gettext_lazy("Trademark")
    header_icon = "tag"
    form_class = TrademarkDecisionForm
    decisions = DECISIONS

    def get_object(self):
        return get_object_or_404(
            Trademark.objects.select_related("vendor", "vendor__kecamatan", "submitted_by"),
            pk=self.kwargs["pk"],
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("trademarks_admin:list"), "label": _("Trademarks (HKI)")},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def allowed_decisions(self, trademark):
        return [
            d
            for d, _label in DECISIONS
            if Trademark.TRANSITIONS.allows(trademark.status, TARGETS[d])
        ]

    def decide(self, trademark, decision, note):
        names = {"mark": trademark.mark}
        if decision == "verify":
            services.verify_trademark(trademark, self.request.user, note)
            message = _("Trademark %(mark)s is verified.") % names
        else:
            services.reject_trademark(trademark, self.request.user, note)
            message = _("Trademark %(mark)s is rejected.") % names
        return message, reverse("trademarks_admin:list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trademark = self.object
        context.update(
            trademark=trademark,
            vendor=trademark.vendor,
            document_url=(
                reverse("trademarks_admin:document", args=[trademark.pk])
                if trademark.document
                else ""
            ),
            vendor_url=reverse("vendors_verification:vendor", args=[trademark.vendor_id]),
            events=trademark.events.select_related("actor"),
        )
        return context


@staff_required
def trademark_document(request, pk):
    trademark = get_object_or_404(Trademark, pk=pk)
    return _document_response(trademark.document, f"merek-{trademark.application_number}")
