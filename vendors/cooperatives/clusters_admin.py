"""Clusters in the Wagtail admin, for Diskum staff: the fields clusters are defined by, the
clusters with their anchor cooperative, and the businesses in each (the one-cluster-per-field
rule refused on the form, with the cluster the business is already in named). Registered by
hooks_clusters.py."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from .models import Cluster, ClusterField, ClusterMember


class LocalChooserViewSet(SnippetChooserViewSet):
    # Other apps' forms keep their own widgets for these models.
    register_widget = False


class ClusterFieldViewSet(snippet_views.SnippetViewSet):
    chooser_viewset_class = LocalChooserViewSet
    model = ClusterField
    icon = "tag"
    menu_label = _("Cluster fields")
    copy_view_enabled = False
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    edit_handler = ObjectList(
        [FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]), FieldPanel("slug")]
    )


class ClusterViewSet(snippet_views.SnippetViewSet):
    chooser_viewset_class = LocalChooserViewSet
    model = Cluster
    icon = "group"
    menu_label = _("Clusters")
    copy_view_enabled = False
    list_display = ["name", "field", "anchor"]
    list_filter = ["field"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("field", widget=forms.Select),
            FieldPanel("anchor", widget=forms.Select),
        ]
    )

    def get_queryset(self, request):
        return Cluster.objects.select_related("field", "anchor__vendor")


class ClusterMemberViewSet(snippet_views.SnippetViewSet):
    chooser_viewset_class = LocalChooserViewSet
    model = ClusterMember
    icon = "user"
    menu_label = _("Cluster members")
    copy_view_enabled = False
    list_display = ["business", "cluster", "field"]
    list_filter = ["cluster", "field"]
    search_fields = ["business__name"]
    edit_handler = ObjectList(
        [
            FieldPanel("cluster", widget=forms.Select),
            FieldPanel("business", widget=forms.Select),
        ]
    )

    def get_queryset(self, request):
        return ClusterMember.objects.select_related("business", "cluster", "field")


class ClusterViewSetGroup(snippet_views.SnippetViewSetGroup):
    menu_label = _("Clusters")
    menu_icon = "group"
    menu_order = 260
    items = (ClusterViewSet, ClusterMemberViewSet, ClusterFieldViewSet)
