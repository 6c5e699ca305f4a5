"""Partnership requests in the Wagtail admin, for Diskum staff only: the list of all requests
and the page of one request (review, match with vendors, close). Mounted at
/admin/kemitraan/ (``admin.urls``); every change goes through ``services``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
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

from .. import services
from ..models import PartnershipRequest
from ..selectors import messages_by_vendor, staff_requests
from .forms import AdminFilterForm, CloseForm, MatchForm

Status = PartnershipRequest.Status
PAGE_SIZE = 50


def list_url():
    return reverse("partnerships_admin:list")


def _request_url(partnership):
    return reverse("partnerships_admin:request", args=[partnership.pk])


@method_decorator(staff_required, name="dispatch")
class RequestIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "orders/partnerships/admin/index.html"
    page_title = gettext_lazy("Partnership requests")
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AdminFilterForm(self.request.GET or None)
        requests = staff_requests(**form.cleaned_data) if form.is_valid() else staff_requests()
        page = Paginator(requests, PAGE_SIZE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filter_form=form,
            page=page,
            partnership_requests=page.object_list,
            filter_query=query.urlencode(),
        )
        return context


@method_decorator(staff_required, name="dispatch")
class RequestAdminView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows the request with what staff can do in its state; POST calls one service. A
    refused action (the service's ValidationError) shows as an error on the same page."""

    template_name = "orders/partnerships/admin/request.html"
    page_title = gettext_lazy("Partnership request")
    header_icon = "clipboard-list"

    def get_object(self):
        return get_object_or_404(
            PartnershipRequest.objects.select_related("vendor", "category", "category__parent"),
            pk=self.kwargs["pk"],
        )

    def get_page_subtitle(self):
        return f"{self.object.number} {self.object.organisation}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": list_url(), "label": _("Partnership requests")},
            {"url": "", "label": self.object.number},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.object
        matchable = partnership.is_open
        suggestions = services.suggest_vendors(partnership) if matchable else []
        for vendor in suggestions:
            vendor.reasons = [
                text
                for flag, text in (
                    (vendor.fits_category, _("category fits")),
                    (vendor.has_halal, _("valid halal certificate")),
                    (vendor.at_outlet, _("on a shelf at an outlet")),
                    (vendor.fits_quantity, _("minimum order fits the quantity")),
                )
                if flag
            ]
        by_vendor = messages_by_vendor(partnership)
        matches = list(
            partnership.matches.select_related("vendor", "matched_by").order_by("created_at")
        )
        context.update(
            partnership=partnership,
            products=list(partnership.products.select_related("vendor")),
            events=list(partnership.events.select_related("actor").order_by("-created_at", "-pk")),
            quotes=list(
                partnership.quotes.select_related("vendor").order_by("unit_price", "created_at")
            ),
            matches=matches,
            threads=[
                {"vendor": match.vendor, "messages": by_vendor[match.vendor_id]}
                for match in matches
            ],
            can_review=PartnershipRequest.TRANSITIONS.allows(partnership.status, Status.IN_REVIEW),
            can_match=matchable,
            can_close=PartnershipRequest.TRANSITIONS.allows(partnership.status, Status.CLOSED),
            suggestions=suggestions,
            match_form=kwargs.get("match_form") or MatchForm(),
            close_form=kwargs.get("close_form") or CloseForm(),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = partnership = self.get_object()
        action = request.POST.get("action")
        forms = {}
        try:
            if action == "review":
                services.start_review(partnership, request.user)
                messages.success(request, _("The request is in review."))
                return redirect(_request_url(partnership))
            if action == "match":
                form = forms["match_form"] = MatchForm(request.POST)
                if form.is_valid():
                    chosen = form.cleaned_data["chosen"]
                    services.match_vendors(partnership, chosen, request.user)
                    messages.success(
                        request,
                        _("Matched with %(names)s. They are told by e-mail.")
                        % {"names": ", ".join(vendor.name for vendor in chosen)},
                    )
                    return redirect(_request_url(partnership))
                messages.error(request, _("The vendors could not be matched. See the errors."))
            elif action == "close":
                form = forms["close_form"] = CloseForm(request.POST)
                if form.is_valid():
                    services.close_request(partnership, request.user, form.cleaned_data["note"])
                    messages.success(request, _("The request is closed."))
                    return redirect(_request_url(partnership))
            else:
                return redirect(_request_url(partnership))
        except PermissionDenied:
            raise
        except ValidationError as error:
            errors_to_messages(request, error, admin=True)
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(**forms))
