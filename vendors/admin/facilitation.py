"""Facilitation requests in the admin: the staff's queue (per kind, by stage, kecamatan and
officer, oldest move first, with each request's age and a warning past the service level),
the action page of one request (its details, history and the forms of the next steps the
transition table allows) and assigning several requests to an officer at once. Every change
goes through vendors.facilitation.services; the views only read forms and show results."""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from core.permissions import is_staff
from core.time import JAKARTA, jakarta_time
from core.views import errors_to_messages

from ..facilitation.models import FacilitationRequest, FacilitationSettings
from ..models import Kecamatan
from .facilitation_forms import STEP_BY_NAME, STEPS, BulkAssignForm, staff_users
from .views import days_since

Stage = FacilitationRequest.Stage
Place = FacilitationRequest.Place


def warn_after_days(request) -> int:
    """The service level (days in one stage before a warning), read once per request."""
    return FacilitationSettings.load(request_or_site=request).warn_after_days


def is_overdue(row, warn_days: int, today=None) -> bool:
    return row.is_open and days_since(row.stage_changed_at, today) > warn_days


def overdue_cutoff(warn_days: int) -> datetime.datetime:
    """Requests that last moved before this moment are past the service level."""
    today = timezone.localdate(timezone=JAKARTA)
    day = today - datetime.timedelta(days=warn_days)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=JAKARTA)


# The queue ------------------------------------------------------------------------------


class FacilitationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("kind of help"), choices=FacilitationRequest.Kind.choices
    )
    stage = django_filters.ChoiceFilter(label=gettext_lazy("stage"), choices=Stage.choices)
    kecamatan = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kecamatan"),
        field_name="vendor__kecamatan",
        queryset=Kecamatan.objects.all(),
    )
    officer = django_filters.ModelChoiceFilter(
        label=gettext_lazy("officer"), queryset=lambda request: staff_users()
    )

    class Meta:
        model = FacilitationRequest
        fields = []


class AgeColumn(Column):
    """Days since the request last moved, with a warning badge past the service level."""

    def get_value(self, instance):
        return days_since(instance.stage_changed_at)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        days = context["value"]
        if is_overdue(instance, warn_after_days(parent_context["request"])):
            context["value"] = format_html(
                '<span class="w-status w-status--primary" data-overdue>{} · {}</span>',
                days,
                _("overdue"),
            )
        return context


class SelectColumn(Column):
    """A checkbox tied to the bulk-assign form above the table (HTML ``form`` attribute)."""

    def get_value(self, instance):
        return format_html(
            '<input type="checkbox" name="requests" value="{}" form="facilitation-bulk" '
            'aria-label="{}">',
            instance.pk,
            _("Select %(request)s") % {"request": instance},
        )


class QueueTable(Table):
    """Rows past the service level are tinted (the age cell also says so in words)."""

    warn_days = None

    def get_row_attrs(self, instance):
        attrs = super().get_row_attrs(instance)
        if is_overdue(instance, self.warn_days):
            attrs["data-overdue-row"] = ""
            attrs["style"] = "background-color: var(--w-color-warning-50)"
        return attrs


class QueueView(IndexView):
    table_class = QueueTable

    results_template_name = "vendors/admin/facilitation_results.html"
    # Oldest move first: the request that has waited longest in its stage on top.
    default_ordering = "stage_changed_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("vendor__kecamatan", "officer")

    def get_table(self, object_list):
        table = super().get_table(object_list)
        table.warn_days = warn_after_days(self.request)
        return table

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        warn_days = warn_after_days(self.request)
        context["warn_days"] = warn_days
        context["overdue_count"] = (
            self.object_list.open().filter(stage_changed_at__lt=overdue_cutoff(warn_days)).count()
        )
        context["bulk_form"] = BulkAssignForm(prefix="bulk")
        context["bulk_url"] = reverse("facilitation_requests:bulk_assign")
        return context


# The action page --------------------------------------------------------------------------


class ActionView(InspectView):
    template_name = "vendors/admin/facilitation_inspect.html"

    def get_object(self, queryset=None):
        rows = FacilitationRequest.objects.select_related("vendor__kecamatan", "officer")
        return get_object_or_404(rows, pk=self.pk)

    def get_fields_context(self):
        """Only what this request holds: a NIB request has no loan amount or halal route."""
        return [
            self.get_context_for_field(name)
            for name in self.fields
            if getattr(self.object, name) not in (None, "")
        ]

    def get_officer_display_value(self):
        officer = self.object.officer
        return officer.get_full_name() or officer.get_username()

    def get_appointment_at_display_value(self):
        return jakarta_time(self.object.appointment_at)

    def get_created_at_display_value(self):
        return jakarta_time(self.object.created_at)

    def get_stage_changed_at_display_value(self):
        return jakarta_time(self.object.stage_changed_at)

    def get_place_display_value(self):
        return self.object.place_label

    def steps(self, bound=None):
        """The forms of the moves the table allows from the request's stage."""
        steps = []
        for stage in Stage.values:
            if stage not in FacilitationRequest.TRANSITIONS.targets(self.object.stage):
                continue
            name, title, form_class = STEPS[stage]
            if bound is not None and bound.prefix == name:
                form = bound
            else:
                initial = {"officer": self.request.user.pk} if name == "assign" else None
                form = form_class(prefix=name, initial=initial)
            steps.append({"name": name, "title": title, "form": form})
        return steps

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["steps"] = self.steps(kwargs.get("bound"))
        context["history"] = self.object.events.select_related("actor")
        context["age"] = days_since(self.object.stage_changed_at)
        context["overdue"] = is_overdue(self.object, warn_after_days(self.request))
        return context

    def post(self, request, *args, **kwargs):
        if not is_staff(request.user):
            return permission_denied(request)
        name = request.POST.get("step", "")
        stage, form_class = STEP_BY_NAME.get(name, (None, None))
        if stage not in FacilitationRequest.TRANSITIONS.targets(self.object.stage):
            messages.error(request, _("That step is not possible from the request's stage."))
            return redirect(request.path)
        form = form_class(request.POST, prefix=name)
        if form.is_valid():
            try:
                form.run(self.object, request.user)
            except ValidationError as error:
                errors_to_messages(request, error, admin=True)
            else:
                messages.success(request, _("Saved: %(request)s.") % {"request": self.object})
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(bound=form))


@require_POST
def bulk_assign(request):
    """Several screened requests to one officer, one appointment: each through the service;
    those the table refuses are named and stay as they were."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = ""
    back = back or reverse("facilitation_requests:index")
    if not is_staff(request.user):
        return permission_denied(request)
    form = BulkAssignForm(request.POST, prefix="bulk")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{capfirst(label)}: {error}" if label else error)
        return redirect(back)
    done = 0
    for row in form.cleaned_data["requests"]:
        try:
            form.assign(row, request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, f"{row}: {text}")
        else:
            done += 1
    if done:
        messages.success(
            request,
            ngettext("%(count)d request assigned.", "%(count)d requests assigned.", done)
            % {"count": done},
        )
    return redirect(back)


class FacilitationRequestViewSet(ModelViewSet):
    model = FacilitationRequest
    name = "facilitation_requests"
    url_prefix = "facilitation"
    icon = "clipboard-list"
    menu_label = gettext_lazy("Facilitation requests")
    add_to_admin_menu = True
    menu_order = 210
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = QueueView
    inspect_view_class = ActionView
    filterset_class = FacilitationFilterSet
    list_per_page = 50
    list_display = [
        SelectColumn("select", label=gettext_lazy("Select")),
        "vendor",
        Column(
            "kecamatan",
            label=gettext_lazy("Kecamatan"),
            accessor=lambda row: row.vendor.kecamatan.name if row.vendor.kecamatan else "",
        ),
        "kind",
        "stage",
        AgeColumn(
            "age",
            label=gettext_lazy("Days in stage"),
            sort_key="stage_changed_at",
        ),
        Column(
            "created_at",
            label=capfirst(gettext_lazy("requested at")),
            accessor=lambda row: jakarta_time(row.created_at),
            sort_key="created_at",
        ),
        "officer",
    ]
    search_fields = ["vendor__name", "external_reference", "issued_number"]
    inspect_view_fields = [
        "vendor",
        "kind",
        "stage",
        "note",
        "mark",
        "nice_class",
        "halal_route",
        "halal_companion",
        "amount",
        "purpose",
        "partner_bank",
        "missing_documents",
        "officer",
        "appointment_at",
        "place",
        "place_other",
        "external_reference",
        "issued_number",
        "decline_reason",
        "created_at",
        "stage_changed_at",
    ]
    # Nothing is edited through a model form (the permission policy allows "view" only):
    # the action page's forms call the services. The form is defined because a
    # ModelViewSet needs one.
    form_fields = ["note"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("bulk-assign/", bulk_assign, name="bulk_assign"),
        ]
