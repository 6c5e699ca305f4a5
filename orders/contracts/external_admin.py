"""Partnerships arranged outside the site, recorded by staff in the admin
(/admin/partnerships-outside/): list, filter, add, edit. A value of zero and an end before the
start are refused; whoever records one is kept (recorded_by)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from catalog.admin.choosers import PublicVendorChooserViewSet
from core.money import format_rupiah

from .models import ExternalPartnership

vendor_chooser = PublicVendorChooserViewSet(
    "contracts_external_vendor_chooser", url_prefix="contracts-external-vendor-chooser"
)


class ExternalPartnershipForm(WagtailAdminModelForm):
    def clean_value(self):
        value = self.cleaned_data.get("value")
        if value is not None and value < 1:
            raise forms.ValidationError(_("The value must be at least Rp 1."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        return cleaned


class ExternalCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class ExternalPartnershipViewSet(ModelViewSet):
    model = ExternalPartnership
    name = "external_partnerships"
    url_prefix = "partnerships-outside"
    icon = "link"
    menu_label = _("Partnerships outside the site")
    menu_order = 161
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = ExternalCreateView
    list_display = [
        "buyer_name",
        "buyer_type",
        "vendor",
        Column("value", label=_("value (Rp)"), accessor=lambda row: format_rupiah(row.value)),
        "start_date",
        "end_date",
    ]
    list_filter = ["buyer_type", "start_date"]
    search_fields = ["buyer_name", "products", "vendor__name"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("buyer_name"), FieldPanel("buyer_type")]),
            FieldPanel("vendor", widget=vendor_chooser.widget_class),
            FieldPanel("products"),
            FieldPanel("value"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("note"),
        ],
        base_form_class=ExternalPartnershipForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=ExternalPartnership.objects.select_related("vendor"), **kwargs
        )
