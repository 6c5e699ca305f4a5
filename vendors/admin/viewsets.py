"""Admin screens for Diskum staff: vendors and halal certificates (snippets whose edit forms
carry no status), the verification queue, all under one "UMKM" menu group."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, Panel, TabbedInterface
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets as snippet_views

from core.time import jakarta_time

from ..models import HalalCertificate, Vendor
from . import urls
from .forms import HalalCertificateAdminForm, PrivateDocumentInput, VendorAdminForm
from .views import history_rows, verification_url


class VerificationHistoryPanel(Panel):
    """Read-only: the verification events of the object being edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "vendors/admin/history_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["history"] = history_rows(self.instance)
            context["verification_url"] = verification_url(self.instance)
            return context


def _document_link(url):
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open document")
    )


class VerificationInspectMixin:
    """The inspect page of a vendor or certificate: its fields, a link to the evidence
    through the staff-only view, a button to the decision page and the history."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            Button(
                _("Verify or reject"),
                url=verification_url(self.object),
                icon_name="tasks",
                priority=5,
            )
        )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_rows(self.object)
        context["verification_url"] = verification_url(self.object)
        return context


class VendorInspectView(VerificationInspectMixin, snippet_views.InspectView):
    def get_created_at_display_value(self):
        return jakarta_time(self.object.created_at)

    def get_member_count_display_value(self):
        return self.object.member_count if self.object.member_count is not None else "—"

    def get_nib_document_display_value(self):
        if not self.object.nib_document:
            return _("No document")
        return _document_link(
            reverse("vendors_verification:vendor_document", args=[self.object.pk])
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_certificates"] = True
        context["certificates"] = self.object.halal_certificates.all()
        return context


class CertificateInspectView(VerificationInspectMixin, snippet_views.InspectView):
    def get_created_at_display_value(self):
        return jakarta_time(self.object.created_at)

    def get_revoked_at_display_value(self):
        return jakarta_time(self.object.revoked_at)

    def get_document_display_value(self):
        if not self.object.document:
            return _("No document")
        return _document_link(
            reverse("vendors_verification:certificate_document", args=[self.object.pk])
        )

    def get_vendor_display_value(self):
        vendor = self.object.vendor
        return format_html('<a href="{}">{}</a>', verification_url(vendor), vendor.name)


class VerificationListingMixin:
    """Adds "Verify or reject" to each row's menu of the listing."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingMenuItem(
                _("Verify or reject"),
                url=verification_url(instance),
                icon_name="tasks",
                priority=15,
            )
        )
        return buttons


class VendorIndexView(VerificationListingMixin, snippet_views.IndexView):
    pass


class CertificateIndexView(VerificationListingMixin, snippet_views.IndexView):
    pass


class VendorViewSet(snippet_views.SnippetViewSet):
    model = Vendor
    icon = "group"
    menu_label = gettext_lazy("Vendors")
    index_view_class = VendorIndexView
    inspect_view_class = VendorInspectView
    inspect_view_enabled = True
    inspect_template_name = "vendors/admin/inspect.html"
    copy_view_enabled = False
    list_display = [
        "name",
        "kecamatan",
        "status",
        "nib_status",
        DateColumn("created_at", label=capfirst(gettext_lazy("applied at")), sort_key="created_at"),
    ]
    list_filter = ["status", "nib_status", "kind", "kecamatan"]
    search_fields = ["name", "nib", "slug", "email"]
    inspect_view_fields = [
        "name",
        "kind",
        "member_count",
        "kecamatan",
        "desa",
        "address",
        "whatsapp",
        "email",
        "status",
        "nib",
        "nib_status",
        "nib_document",
        "kbli_codes",
        "kbli_edition",
        "pirt_number",
        "bpom_number",
        "created_at",
    ]
    # No status field anywhere in the form: statuses change only through the services,
    # which check the transition and write the event.
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("member_count"),
                    FieldPanel("kecamatan"),
                    FieldPanel("desa"),
                    FieldPanel("address"),
                    FieldPanel("whatsapp"),
                    FieldPanel("email"),
                    FieldPanel("year_founded"),
                ],
                heading=gettext_lazy("Business"),
            ),
            ObjectList(
                [
                    FieldPanel("description"),
                    FieldPanel("description_en"),
                    FieldPanel("logo"),
                    FieldPanel("cover"),
                ],
                heading=gettext_lazy("Profile"),
            ),
            ObjectList(
                [
                    FieldPanel("nib"),
                    FieldPanel("nib_document", widget=PrivateDocumentInput),
                    FieldPanel("kbli_codes"),
                    FieldPanel("kbli_edition"),
                    FieldPanel("pirt_number"),
                    FieldPanel("bpom_number"),
                ],
                heading=gettext_lazy("Legality"),
            ),
            ObjectList(
                [VerificationHistoryPanel(heading=gettext_lazy("Verification history"))],
                heading=gettext_lazy("Verification"),
            ),
        ],
        base_form_class=VendorAdminForm,
    )


class HalalCertificateViewSet(snippet_views.SnippetViewSet):
    model = HalalCertificate
    icon = "doc-full"
    menu_label = gettext_lazy("Halal certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    inspect_template_name = "vendors/admin/inspect.html"
    copy_view_enabled = False
    list_display = [
        "number",
        "vendor",
        "status",
        DateColumn("issued_on", label=capfirst(gettext_lazy("issued on")), sort_key="issued_on"),
        DateColumn("expires_on", label=capfirst(gettext_lazy("expires on")), sort_key="expires_on"),
        BooleanColumn("is_valid", label=gettext_lazy("Valid today")),
        DateColumn("revoked_at", label=capfirst(gettext_lazy("revoked at")), sort_key="revoked_at"),
    ]
    list_filter = ["status", "covers_all_products"]
    search_fields = ["number", "vendor__name"]
    inspect_view_fields = [
        "number",
        "vendor",
        "issued_on",
        "expires_on",
        "covers_all_products",
        "status",
        "document",
        "revoked_at",
        "revocation_note",
        "created_at",
    ]
    # Status, revocation date and note are set by the services only.
    edit_handler = ObjectList(
        [
            FieldPanel("vendor"),
            FieldPanel("number"),
            FieldPanel("issued_on"),
            FieldPanel("expires_on"),
            FieldPanel("covers_all_products"),
            FieldPanel("document", widget=PrivateDocumentInput),
            VerificationHistoryPanel(heading=gettext_lazy("Verification history")),
        ],
        base_form_class=HalalCertificateAdminForm,
    )


class VerificationViewSet(ViewSet):
    """The queue of pending checks, the decision pages and the evidence documents,
    at /admin/verification/."""

    name = "vendors_verification"
    url_prefix = "verification"
    url_namespace = "vendors_verification"
    icon = "tasks"
    menu_icon = "tasks"
    menu_label = gettext_lazy("Verification queue")

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return request.user.is_active and request.user.is_staff

        return type("VerificationQueueMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return urls.urlpatterns


class VendorsViewSetGroup(snippet_views.SnippetViewSetGroup):
    menu_label = gettext_lazy("UMKM")
    menu_icon = "group"
    menu_order = 150
    items = (VerificationViewSet, VendorViewSet, HalalCertificateViewSet)
