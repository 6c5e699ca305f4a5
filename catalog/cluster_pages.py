"""Wagtail pages of the clusters (issue 16): an index (/klaster/) and one page per cluster
with its story, written by editors, and what comes from the data: the anchor cooperative, the
member businesses and their public products (paginated). The clusters themselves are kept by
staff in the admin (vendors/cooperatives/clusters_admin.py). The pages live in the catalog
because they list products; the catalog may read the vendors' clusters, never the reverse."""

from django import forms
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import StoryBlock
from vendors.cooperatives.models import Cluster
from vendors.models import Vendor

from .models.products import Product
from .pages import paginate

# A cluster may count a thousand businesses ("Serbuk"): the page shows the first ones by name
# and says how many there are; their products are all there, page by page.
BUSINESSES_SHOWN = 48


class ClusterIndexPage(Page):
    """/klaster/: every cluster page, with its field, anchor cooperative and businesses."""

    intro = models.TextField(gettext_lazy("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["catalog.ClusterPage"]
    max_count_per_parent = 1

    template = "catalog/cluster_index_page.html"

    class Meta:
        verbose_name = gettext_lazy("cluster index page")
        verbose_name_plural = gettext_lazy("cluster index pages")

    def cluster_pages(self) -> list:
        """The live cluster pages under this one, in the editors' order, each with its
        cluster, field, anchor and number of public businesses (one query)."""
        public_members = Q(
            cluster__members__business__status=Vendor.Status.ACTIVE,
            cluster__members__business__nib_status=Vendor.NibStatus.VERIFIED,
        )
        return list(
            ClusterPage.objects.child_of(self)
            .live()
            .select_related("cluster__field", "cluster__anchor__vendor")
            .annotate(businesses=Count("cluster__members", filter=public_members))
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cluster_pages"] = self.cluster_pages()
        return context


class ClusterPage(Page):
    """One cluster: the editors' story, and from the data its anchor cooperative, its member
    businesses and their public products."""

    cluster = models.ForeignKey(
        Cluster,
        verbose_name=gettext_lazy("cluster"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = models.TextField(gettext_lazy("introduction"), max_length=600, blank=True)
    body = StreamField(StoryBlock(), blank=True, verbose_name=gettext_lazy("story"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("cluster", widget=forms.Select),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["catalog.ClusterIndexPage"]
    subpage_types: list[str] = []

    template = "catalog/cluster_page.html"

    class Meta:
        verbose_name = gettext_lazy("cluster page")
        verbose_name_plural = gettext_lazy("cluster pages")

    def businesses(self):
        """The cluster's public member businesses, by name, with what their cards show."""
        return (
            Vendor.objects.public()
            .filter(clusters__cluster=self.cluster_id)
            .select_related("kecamatan", "logo")
            .prefetch_related("logo__renditions")
            .order_by("name", "pk")
        )

    def products(self):
        """The public products of the cluster's member businesses."""
        return (
            Product.objects.public()
            .filter(vendor__clusters__cluster=self.cluster_id)
            .order_by("name", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cluster = (
            Cluster.objects.select_related("field", "anchor__vendor__kecamatan")
            .filter(pk=self.cluster_id)
            .first()
        )
        businesses = self.businesses()
        page = paginate(request, self.products())
        anchor = cluster.anchor.vendor
        context.update(
            cluster=cluster,
            anchor=anchor,
            anchor_public=anchor.is_public,
            businesses=list(businesses[:BUSINESSES_SHOWN]),
            business_count=businesses.count(),
            page_obj=page,
            products=page.object_list,
        )
        return context
