"""The staff's cooperative pages in the Wagtail admin (/admin/cooperatives/): the list with
its filters, the page of one cooperative with the forms that change its record, the queue of
RATs to verify, the RAT decision, and the list of cooperatives late with their RAT. For
is_staff users only; Wagtail's own check (access to the admin) runs first."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.permissions import staff_required
from vendors.admin.forms import DecisionForm
from vendors.admin.views import QUEUE_PAGE_SIZE, DecisionView, _document_response
from vendors.models import Kecamatan, Vendor

from . import rat_services, services
from .models import AnnualMeeting, Cooperative
from .record_forms import (
    BoardMemberForm,
    ClassificationForm,
    LegalEntityForm,
    StatusForm,
    VillageForm,
)

RAT_DECISIONS = [("verify", gettext_lazy("Verify RAT")), ("send_back", gettext_lazy("Send back"))]
RAT_TARGETS = {"verify": AnnualMeeting.Status.VERIFIED, "send_back": AnnualMeeting.Status.REJECTED}


class StaffPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def paged(self, queryset):
        return Paginator(queryset, QUEUE_PAGE_SIZE).get_page(self.request.GET.get("p"))


def filtered_cooperatives(params):
    """The list's filters: classification, status, kecamatan, KDKMP only, to migrate."""
    cooperatives = Cooperative.objects.select_related("vendor", "vendor__kecamatan", "village")
    if params.get("classification") in Cooperative.Classification.values:
        cooperatives = cooperatives.filter(classification=params["classification"])
    if params.get("status") in Cooperative.Status.values:
        cooperatives = cooperatives.filter(status=params["status"])
    if params.get("kecamatan", "").isdigit():
        cooperatives = cooperatives.filter(vendor__kecamatan_id=int(params["kecamatan"]))
    if params.get("kdkmp"):
        cooperatives = cooperatives.filter(vendor__kind=Vendor.Kind.VILLAGE_COOPERATIVE)
    if params.get("to_migrate"):
        cooperatives = cooperatives.filter(classification=Cooperative.Classification.MULTIPURPOSE)
    return cooperatives.order_by("vendor__name", "pk")


@method_decorator(staff_required, name="dispatch")
class CooperativeListView(StaffPage):
    template_name = "cooperatives/record/admin/list.html"
    page_title = gettext_lazy("Cooperatives")

    def get_context_data(self, **kwargs):
        services.ensure_records()
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.paged(filtered_cooperatives(self.request.GET)),
            params=self.request.GET,
            classifications=Cooperative.Classification.choices,
            statuses=Cooperative.Status.choices,
            kecamatan=Kecamatan.objects.order_by("name"),
            to_migrate=services.to_migrate().count(),
        )
        return context


# One form per part of the record; each posts its name as ``part``.
PARTS = {
    "legal_entity": (
        LegalEntityForm,
        lambda c, u, d: services.record_legal_entity(c, u, d["ahu_number"], d["ahu_date"]),
    ),
    "classification": (
        ClassificationForm,
        lambda c, u, d: services.classify(c, u, d["classification"]),
    ),
    "village": (VillageForm, lambda c, u, d: services.set_village(c, u, d["village"])),
    "board": (BoardMemberForm, lambda c, u, d: services.add_board_member(c, u, **d)),
    "status": (StatusForm, lambda c, u, d: services.change_status(c, u, d["status"], d["note"])),
}


def _part_form(part, cooperative, data=None):
    form_class = PARTS[part][0]
    if part == "village":
        return form_class(data, kecamatan=cooperative.vendor.kecamatan, prefix=part)
    if part == "status":
        return form_class(data, cooperative=cooperative, prefix=part)
    return form_class(data, prefix=part)


@method_decorator(staff_required, name="dispatch")
class CooperativeView(StaffPage):
    template_name = "cooperatives/record/admin/detail.html"
    page_title = gettext_lazy("Cooperative")

    def get_object(self):
        return get_object_or_404(
            Cooperative.objects.select_related("vendor", "vendor__kecamatan", "village"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cooperative = self.object
        forms = {part: _part_form(part, cooperative) for part in PARTS}
        forms.update(kwargs.get("forms", {}))
        is_kdkmp = cooperative.vendor.kind == Vendor.Kind.VILLAGE_COOPERATIVE
        if not is_kdkmp:
            forms.pop("village")
        context.update(
            cooperative=cooperative,
            forms=forms,
            board=cooperative.board_members.all(),
            counts=cooperative.member_counts.order_by("-counted_on")[:12],
            meetings=cooperative.meetings.order_by("-book_year"),
            events=cooperative.events.select_related("actor")[:50],
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = cooperative = self.get_object()
        part = request.POST.get("part")
        if part not in PARTS:
            return redirect(request.path)
        form = _part_form(part, cooperative, request.POST)
        if form.is_valid():
            try:
                PARTS[part][1](cooperative, request.user, form.cleaned_data)
            except ValidationError as error:
                for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("%(name)s is updated.") % {"name": cooperative})
                return redirect(request.path)
        messages.error(request, _("The change could not be saved. See the errors below."))
        return self.render_to_response(self.get_context_data(forms={part: form}))


@method_decorator(staff_required, name="dispatch")
class RatQueueView(StaffPage):
    template_name = "cooperatives/record/admin/rat_queue.html"
    page_title = gettext_lazy("RAT to verify")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pending = AnnualMeeting.objects.filter(status=AnnualMeeting.Status.PENDING)
        context["page"] = self.paged(
            pending.select_related("cooperative__vendor__kecamatan").order_by("created_at", "pk")
        )
        return context


@method_decorator(staff_required, name="dispatch")
class OverdueView(StaffPage):
    template_name = "cooperatives/record/admin/overdue.html"
    page_title = gettext_lazy("RAT overdue")

    def get_context_data(self, **kwargs):
        services.ensure_records()
        context = super().get_context_data(**kwargs)
        year = rat_services.last_book_year()
        context.update(
            page=self.paged(rat_services.overdue().order_by("vendor__name", "pk")),
            book_year=year,
            deadline=rat_services.rat_deadline(year),
        )
        return context


class RatDecisionForm(DecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, decisions=RAT_DECISIONS, **kwargs)
        self.fields["note"].help_text = _("The cooperative reads this. Required to send back.")


@method_decorator(staff_required, name="dispatch")
class RatDecisionView(DecisionView):
    template_name = "cooperatives/record/admin/rat_decision.html"
    page_title = gettext_lazy("RAT")
    header_icon = "group"
    form_class = RatDecisionForm
    decisions = RAT_DECISIONS

    def get_object(self):
        return get_object_or_404(
            AnnualMeeting.objects.select_related("cooperative__vendor__kecamatan"),
            pk=self.kwargs["pk"],
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cooperatives_admin:rat_queue"), "label": _("RAT to verify")},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def allowed_decisions(self, meeting):
        return [
            d
            for d, _label in RAT_DECISIONS
            if AnnualMeeting.TRANSITIONS.allows(meeting.status, RAT_TARGETS[d])
        ]

    def decide(self, meeting, decision, note):
        names = {"year": meeting.book_year, "name": meeting.cooperative}
        if decision == "verify":
            rat_services.verify_rat(meeting, self.request.user)
            message = _("The RAT %(year)s of %(name)s is verified.") % names
        else:
            rat_services.send_back_rat(meeting, self.request.user, note)
            message = _("The RAT %(year)s of %(name)s is sent back.") % names
        return message, reverse("cooperatives_admin:rat_queue")


@staff_required
def rat_report(request, pk):
    meeting = get_object_or_404(AnnualMeeting, pk=pk)
    return _document_response(meeting.report, f"rat-{meeting.book_year}-{meeting.cooperative_id}")


class CooperativeViewSet(ViewSet):
    name = "cooperatives_admin"
    url_prefix = "cooperatives"
    url_namespace = "cooperatives_admin"
    icon = "group"
    menu_icon = "group"
    menu_label = gettext_lazy("Cooperatives")
    menu_order = 165
    add_to_admin_menu = True

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return request.user.is_active and request.user.is_staff

        return type("CooperativeMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [
            path("", CooperativeListView.as_view(), name="list"),
            path("<int:pk>/", CooperativeView.as_view(), name="record"),
            path("rat/", RatQueueView.as_view(), name="rat_queue"),
            path("rat/terlambat/", OverdueView.as_view(), name="rat_overdue"),
            path("rat/<int:pk>/", RatDecisionView.as_view(), name="rat"),
            path("rat/<int:pk>/laporan/", rat_report, name="rat_report"),
        ]
