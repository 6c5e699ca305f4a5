"""Staff views in the Wagtail admin: the queue of pending checks, the decision pages that
call the services, and the evidence documents. Every view here is for is_staff users only;
Wagtail's own check (access to the admin) runs first."""

import datetime
import os

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.labels import status_label
from core.permissions import staff_required
from core.time import JAKARTA, jakarta_date
from core.views import errors_to_messages

from .. import services
from ..models import REVOKED, HalalCertificate, Vendor, VerificationEvent
from ..validators import document_kind
from .forms import (
    CERTIFICATE_DECISIONS,
    SERIOUS_DECISIONS,
    VENDOR_DECISIONS,
    CertificateDecisionForm,
    VendorDecisionForm,
)

QUEUE_PAGE_SIZE = 50


def days_since(moment: datetime.datetime, today: datetime.date | None = None) -> int:
    """Whole days, counted in Asia/Jakarta (the site's time zone), whoever is looking."""
    today = today or timezone.localdate(timezone=JAKARTA)
    return (today - jakarta_date(moment)).days


# Selectors ------------------------------------------------------------------------------


def pending_vendors():
    """Vendors whose NIB waits for staff, oldest first. A NIB sent again after a rejection
    waits since it was sent again, not since the vendor applied."""
    sent = (
        VerificationEvent.objects.filter(
            vendor=OuterRef("pk"),
            subject=VerificationEvent.Subject.NIB,
            new_status=Vendor.NibStatus.PENDING,
        )
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        Vendor.objects.filter(nib_status=Vendor.NibStatus.PENDING)
        .select_related("kecamatan")
        .annotate(waiting_since=Coalesce(Subquery(sent), "created_at"))
        .order_by("waiting_since", "pk")
    )


def pending_certificates():
    """Halal certificates waiting for staff, oldest first (they wait since submission)."""
    return (
        HalalCertificate.objects.filter(status=HalalCertificate.Status.PENDING)
        .select_related("vendor", "vendor__kecamatan")
        .order_by("created_at", "pk")
    )


def _viewset_url(model, view_name, pk):
    return reverse(model.snippet_viewset.get_url_name(view_name), args=[pk])


def verification_url(instance) -> str:
    """The decision page of a vendor or of a halal certificate."""
    if isinstance(instance, Vendor):
        return reverse("vendors_verification:vendor", args=[instance.pk])
    return reverse("vendors_verification:certificate", args=[instance.pk])


STATUS_CHOICES = {
    VerificationEvent.Subject.NIB: Vendor.NibStatus,
    VerificationEvent.Subject.HALAL: HalalCertificate.Status,
    VerificationEvent.Subject.VENDOR: Vendor.Status,
}


def history_rows(instance) -> list[dict]:
    """The immutable history of a vendor (all subjects) or of one certificate, newest
    first, with statuses in words."""
    events = instance.verification_events if isinstance(instance, Vendor) else instance.events
    return [
        {
            "created_at": event.created_at,
            "actor": (event.actor.get_full_name() or event.actor.get_username())
            if event.actor
            else _("System"),
            "subject": event.get_subject_display(),
            "certificate": event.certificate,
            "old": status_label(event.old_status, STATUS_CHOICES.get(event.subject), extra=REVOKED),
            "new": status_label(event.new_status, STATUS_CHOICES.get(event.subject), extra=REVOKED),
            "note": event.text,
        }
        for event in events.select_related("actor", "certificate").order_by("-created_at", "-pk")
    ]


# Queue ----------------------------------------------------------------------------------


@method_decorator(staff_required, name="dispatch")
class QueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "vendors/admin/queue.html"
    page_title = gettext_lazy("Verification queue")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def _page(self, queryset, parameter):
        page = Paginator(queryset, QUEUE_PAGE_SIZE).get_page(self.request.GET.get(parameter))
        today = timezone.localdate(timezone=timezone.get_default_timezone())
        for item in page:
            item.waiting_days = days_since(getattr(item, "waiting_since", item.created_at), today)
        return page

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vendors"] = self._page(pending_vendors(), "vendors")
        context["certificates"] = self._page(pending_certificates(), "certificates")
        return context


# Decisions ------------------------------------------------------------------------------


class DecisionView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows the case and the allowed decisions; POST calls one service. A refused
    decision (the service's ValidationError or TransitionError) is shown as an error message
    on the same page, with the typed note kept."""

    header_icon = "tasks"
    form_class = None
    decisions = ()

    def get_object(self):
        raise NotImplementedError

    def allowed_decisions(self, obj) -> list[str]:
        raise NotImplementedError

    def decide(self, obj, decision, note):
        """Call the service; return (success message, redirect URL)."""
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("vendors_verification:queue"), "label": _("Verification queue")},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed = self.allowed_decisions(self.object)
        context.update(
            object=self.object,
            form=kwargs.get("form") or self.form_class(),
            buttons=[
                {"value": value, "label": label, "serious": value in SERIOUS_DECISIONS}
                for value, label in self.decisions
                if value in allowed
            ],
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                message, url = self.decide(
                    self.object, form.cleaned_data["decision"], form.cleaned_data["note"]
                )
            except ValidationError as error:
                errors_to_messages(request, error, admin=True)
            else:
                messages.success(request, message)
                return redirect(url)
        else:
            messages.error(request, _("The decision could not be saved. See the errors below."))
        return self.render_to_response(self.get_context_data(form=form))


@method_decorator(staff_required, name="dispatch")
class VendorDecisionView(DecisionView):
    template_name = "vendors/admin/vendor_decision.html"
    page_title = gettext_lazy("Verification")
    form_class = VendorDecisionForm
    decisions = VENDOR_DECISIONS

    def get_object(self):
        return get_object_or_404(Vendor.objects.select_related("kecamatan"), pk=self.kwargs["pk"])

    def allowed_decisions(self, vendor):
        allowed = []
        for decision in ("verify", "reject"):
            if not vendor.nib:
                break  # nothing to decide on: the NIB comes through a facilitation request
            if Vendor.NIB_TRANSITIONS.allows(vendor.nib_status, services.NIB_DECISIONS[decision]):
                allowed.append(f"{decision}_nib")
        if Vendor.TRANSITIONS.allows(vendor.status, Vendor.Status.SUSPENDED):
            allowed.append("suspend")
        if vendor.status == Vendor.Status.SUSPENDED:
            allowed.append("reactivate")
        return allowed

    def decide(self, vendor, decision, note):
        officer = self.request.user
        names = {"vendor": vendor.name}
        queue = reverse("vendors_verification:queue")
        here = verification_url(vendor)
        if decision == "verify_nib":
            services.verify_nib(vendor, officer, note)
            return _("The NIB of %(vendor)s is verified.") % names, queue
        if decision == "reject_nib":
            services.reject_nib(vendor, officer, note)
            return _("The NIB of %(vendor)s is rejected.") % names, queue
        if decision == "suspend":
            services.change_vendor_status(vendor, Vendor.Status.SUSPENDED, officer, note)
            return _("%(vendor)s is suspended.") % names, here
        services.change_vendor_status(vendor, Vendor.Status.ACTIVE, officer, note)
        return _("%(vendor)s is active again.") % names, here

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vendor = self.object
        pending = pending_vendors().filter(pk=vendor.pk).first()
        context.update(
            vendor=vendor,
            waiting_days=days_since(pending.waiting_since) if pending else None,
            document_url=(
                reverse("vendors_verification:vendor_document", args=[vendor.pk])
                if vendor.nib_document
                else ""
            ),
            inspect_url=_viewset_url(Vendor, "inspect", vendor.pk),
            edit_url=_viewset_url(Vendor, "edit", vendor.pk),
            certificates=vendor.halal_certificates.all(),
            history=history_rows(vendor),
        )
        return context


@method_decorator(staff_required, name="dispatch")
class CertificateDecisionView(DecisionView):
    template_name = "vendors/admin/certificate_decision.html"
    page_title = gettext_lazy("Verification")
    form_class = CertificateDecisionForm
    decisions = CERTIFICATE_DECISIONS

    def get_object(self):
        return get_object_or_404(
            HalalCertificate.objects.select_related("vendor", "vendor__kecamatan"),
            pk=self.kwargs["pk"],
        )

    def allowed_decisions(self, certificate):
        if certificate.revoked_at is not None:
            return []
        allowed = [
            decision
            for decision in ("verify", "reject")
            if HalalCertificate.TRANSITIONS.allows(
                certificate.status, services.HALAL_DECISIONS[decision]
            )
        ]
        if certificate.status == HalalCertificate.Status.VERIFIED:
            allowed.append("revoke")
        return allowed

    def decide(self, certificate, decision, note):
        officer = self.request.user
        names = {"number": certificate.number}
        queue = reverse("vendors_verification:queue")
        if decision == "verify":
            services.verify_halal_certificate(certificate, officer, note)
            return _("Halal certificate %(number)s is verified.") % names, queue
        if decision == "reject":
            services.reject_halal_certificate(certificate, officer, note)
            return _("Halal certificate %(number)s is rejected.") % names, queue
        services.revoke_halal_certificate(certificate, officer, note)
        here = verification_url(certificate)
        return _("Halal certificate %(number)s is revoked.") % names, here

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update(
            certificate=certificate,
            vendor=certificate.vendor,
            waiting_days=(
                days_since(certificate.created_at)
                if certificate.status == HalalCertificate.Status.PENDING
                else None
            ),
            document_url=(
                reverse("vendors_verification:certificate_document", args=[certificate.pk])
                if certificate.document
                else ""
            ),
            vendor_url=verification_url(certificate.vendor),
            inspect_url=_viewset_url(HalalCertificate, "inspect", certificate.pk),
            edit_url=_viewset_url(HalalCertificate, "edit", certificate.pk),
            history=history_rows(certificate),
        )
        return context


# Evidence documents ---------------------------------------------------------------------


def _document_response(field_file, filename_stem: str):
    """Stream a private document for viewing in the browser. Its type is judged from its
    first bytes (as on upload), never from its name; anything else is offered as bytes."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    head = handle.read(16)
    handle.seek(0)
    kind = document_kind(head)
    content_type, extension = kind or ("application/octet-stream", "")
    extension = extension or os.path.splitext(field_file.name)[1].lower()[:5]
    response = FileResponse(
        handle,
        as_attachment=False,
        filename=f"{filename_stem}{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def vendor_document(request, pk):
    vendor = get_object_or_404(Vendor, pk=pk)
    return _document_response(vendor.nib_document, f"nib-{vendor.nib}")


@staff_required
def certificate_document(request, pk):
    certificate = get_object_or_404(HalalCertificate, pk=pk)
    return _document_response(certificate.document, f"halal-{certificate.number}")
