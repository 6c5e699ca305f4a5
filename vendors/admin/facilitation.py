"""Facilitation requests in the admin, to look at only: the staff's queue with its actions is
a later step; until then the rows and their history are visible to Diskum staff."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.time import jakarta_time

from ..facilitation.models import FacilitationRequest


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
    list_per_page = 50
    ordering = "created_at"
    list_display = [
        "vendor",
        "kind",
        "stage",
        Column(
            "created_at",
            label=capfirst(gettext_lazy("requested at")),
            accessor=lambda row: jakarta_time(row.created_at),
            sort_key="created_at",
        ),
        "officer",
    ]
    list_filter = ["kind", "stage"]
    search_fields = ["vendor__name", "external_reference", "issued_number"]
    inspect_view_fields = [
        "vendor",
        "kind",
        "stage",
        "note",
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
    # Nothing is edited here (the permission policy allows "view" only); the form is only
    # defined because a ModelViewSet needs one.
    form_fields = ["note"]
