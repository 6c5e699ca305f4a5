"""Staff views of the catalog in the Wagtail admin: the queue of products in review and the
curation of each outlet's range in rounds. Every change goes through a service (services.py,
curation.py), which checks the transition; a refused change comes back as an error message.
Every view here is for is_staff users only; Wagtail's own check (access to the admin) runs
first."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import staff_required
from core.views import errors_to_messages

from .. import curation, curation_criteria, services
from ..models import Location, LocationStock, Product, ProductEvent, ProductImage
from .forms import (
    AcceptForm,
    DeclineForm,
    RestockForm,
    RetireForm,
    ReviewDecisionForm,
    RoundForm,
)

REVIEW_PAGE_SIZE = 25
STOCK_PAGE_SIZE = 50


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


# Products in review -------------------------------------------------------------------------


def products_in_review():
    """Products waiting for staff, oldest first: they wait since they were last sent for
    review (or since they were created, for rows older than the event log)."""
    sent = (
        ProductEvent.objects.filter(product=OuterRef("pk"), new_status=Product.Status.IN_REVIEW)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        Product.objects.filter(status=Product.Status.IN_REVIEW)
        .select_related("vendor", "vendor__kecamatan", "category")
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ProductImage.objects.select_related("image").prefetch_related(
                    "image__renditions"
                ),
            )
        )
        .annotate(waiting_since=Coalesce(Subquery(sent), "created_at"))
        .order_by("waiting_since", "pk")
    )


@method_decorator(staff_required, name="dispatch")
class ReviewQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "catalog/admin/review_queue.html"
    page_title = gettext_lazy("Products in review")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(products_in_review(), REVIEW_PAGE_SIZE).get_page(self.request.GET.get("p"))
        context["products"] = page
        context["edit_url_name"] = Product.snippet_viewset.get_url_name("edit")
        return context


@require_POST
@staff_required
def review_decide(request, pk):
    product = get_object_or_404(Product, pk=pk)
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("catalog_review:queue")
    note = form.cleaned_data["note"].strip()
    try:
        if form.cleaned_data["decision"] == ReviewDecisionForm.APPROVE:
            services.approve_product(product, request.user, note)
            messages.success(request, _("%(name)s is published.") % {"name": product.name})
        else:
            services.return_product_to_draft(product, request.user, note)
            messages.success(
                request,
                _("%(name)s is sent back to its vendor with your note.") % {"name": product.name},
            )
    except ValidationError as error:
        errors_to_messages(request, error, admin=True)
    return redirect("catalog_review:queue")


# Outlet curation ----------------------------------------------------------------------------


def _accept(request, stock, form):
    services.accept_for_location(
        stock,
        request.user,
        quantity=form.cleaned_data["quantity"],
        shelf=form.cleaned_data["shelf"].strip(),
        best_before=form.cleaned_data["best_before"],
        round=form.cleaned_data["round"],
    )
    return _("%(name)s is accepted for the shelf.")


def _decline(request, stock, form):
    services.decline_for_location(stock, request.user, form.cleaned_data["note"].strip())
    return _("%(name)s is declined.")


def _retire(request, stock, form):
    services.retire_from_location(stock, request.user, form.cleaned_data["note"].strip())
    return _("%(name)s is retired from the shelf.")


def _restock(request, stock, form):
    services.restock_location(
        stock,
        request.user,
        quantity=form.cleaned_data["quantity"],
        best_before=form.cleaned_data["best_before"],
    )
    return _("%(name)s is restocked.")


STOCK_ACTIONS = {
    # action: (form class, service call, the section of the page to return to)
    "accept": (AcceptForm, _accept, "proposed"),
    "decline": (DeclineForm, _decline, "proposed"),
    "retire": (RetireForm, _retire, "shelf"),
    "restock": (RestockForm, _restock, "shelf"),
}


def location_url(location, section=""):
    url = reverse("catalog_curation:location", args=[location.pk])
    return f"{url}#{section}" if section else url


@method_decorator(staff_required, name="dispatch")
class OutletsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "catalog/admin/outlets.html"
    page_title = gettext_lazy("Outlet curation")
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locations"] = curation.locations_for_review()
        context["today"] = timezone.localdate()
        return context


@method_decorator(staff_required, name="dispatch")
class OutletView(WagtailAdminTemplateMixin, TemplateView):
    """One location: its rounds, a form to start the next, and its shelf entries grouped by
    status, each with the actions its status allows."""

    template_name = "catalog/admin/outlet_detail.html"
    page_title = gettext_lazy("Outlet curation")
    header_icon = "list-ul"

    def get_page_subtitle(self):
        return self.location.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("catalog_curation:index"), "label": _("Outlet curation")},
            {"url": "", "label": self.location.name},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.location = get_object_or_404(Location, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _group(self, status, parameter, *ordering):
        entries = (
            LocationStock.objects.filter(location=self.location, status=status)
            .select_related("product", "product__vendor", "curation_round")
            .order_by(*ordering, "pk")
        )
        return Paginator(entries, STOCK_PAGE_SIZE).get_page(self.request.GET.get(parameter))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = LocationStock.Status
        rounds = list(self.location.rounds.order_by("-starts_on", "-pk"))
        today = timezone.localdate()
        latest = rounds[0] if rounds else None
        proposed = self._group(status.PROPOSED, "proposed", "proposed_at")
        proposed.object_list = curation_criteria.with_scores(proposed.object_list)
        context.update(
            location=self.location,
            rounds=rounds,
            latest_round=latest,
            is_due=latest is None or latest.review_due_on <= today,
            today=today,
            round_form=kwargs.get("round_form") or RoundForm(initial={"starts_on": today}),
            proposed=proposed,
            shelf=self._group(status.ACCEPTED, "shelf", "shelf", "product__name"),
            retired=self._group(status.RETIRED, "retired", "-decided_at"),
            declined=self._group(status.DECLINED, "declined", "-decided_at"),
        )
        return context


@require_POST
@staff_required
def start_round(request, pk):
    location = get_object_or_404(Location, pk=pk)
    form = RoundForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(location_url(location, "rounds"))
    try:
        new_round = curation.start_round(
            location,
            request.user,
            name=form.cleaned_data["name"],
            starts_on=form.cleaned_data["starts_on"],
        )
    except ValidationError as error:
        errors_to_messages(request, error, admin=True)
    else:
        messages.success(
            request,
            _("Round “%(name)s” started; its review is due on %(date)s.")
            % {"name": new_round.name, "date": date_format(new_round.review_due_on)},
        )
    return redirect(location_url(location, "rounds"))


@require_POST
@staff_required
def stock_action(request, pk, action):
    if action not in STOCK_ACTIONS:
        raise Http404
    stock = get_object_or_404(LocationStock.objects.select_related("location", "product"), pk=pk)
    form_class, act, section = STOCK_ACTIONS[action]
    if form_class is AcceptForm:
        form = form_class(request.POST, location=stock.location)
    else:
        form = form_class(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            message = act(request, stock, form)
        except ValidationError as error:
            errors_to_messages(request, error, admin=True)
        else:
            messages.success(request, message % {"name": stock.product.name})
    return redirect(location_url(stock.location, section))
