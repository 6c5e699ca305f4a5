"""Supply contracts in the Wagtail admin, for Diskum staff only and read only: the list of all
contracts (filtered by status and vendor) and the page of one. Mounted at /admin/kontrak/ by
``hooks_contracts``."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import is_staff, staff_required
from vendors.models import Vendor

from .agreements import contract_for_page
from .models import SupplyContract

PAGE_SIZE = 50


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All"))] + list(SupplyContract.Status.choices),
    )
    vendor = forms.ModelChoiceField(
        label=gettext_lazy("Vendor"),
        required=False,
        queryset=Vendor.objects.filter(supply_contracts__isnull=False).distinct().order_by("name"),
    )


@method_decorator(staff_required, name="dispatch")
class ContractIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contracts/contracts/admin_index.html"
    page_title = gettext_lazy("Supply contracts")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FilterForm(self.request.GET or None)
        contracts = SupplyContract.objects.select_related("vendor").order_by("-created_at", "pk")
        if form.is_valid():
            if form.cleaned_data["status"]:
                contracts = contracts.filter(status=form.cleaned_data["status"])
            if form.cleaned_data["vendor"]:
                contracts = contracts.filter(vendor=form.cleaned_data["vendor"])
        page = Paginator(contracts, PAGE_SIZE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filter_form=form, page=page, contracts=page.object_list, filter_query=query.urlencode()
        )
        return context


@method_decorator(staff_required, name="dispatch")
class ContractAdminView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contracts/contracts/admin_detail.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return self.contract.number

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("contracts_admin:list"), "label": gettext_lazy("Supply contracts")},
            {"url": "", "label": self.contract.number},
        ]

    def dispatch(self, request, *args, **kwargs):
        try:
            self.contract = contract_for_page(SupplyContract.objects, pk=kwargs["pk"])
        except SupplyContract.DoesNotExist as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.contract
        context.update(
            contract=contract,
            lines=list(contract.lines.all()),
            deliveries=list(contract.deliveries.all()),
            events=list(contract.events.all()),
        )
        return context


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff(request.user)


app_name = "contracts_admin"
urlpatterns = [
    path("", ContractIndexView.as_view(), name="list"),
    path("<int:pk>/", ContractAdminView.as_view(), name="detail"),
]
