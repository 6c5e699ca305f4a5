"""Clusters: micro-businesses of one field grouped around an anchor cooperative that markets
for them ("setiap klaster akan ada koperasinya")."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vendors.models import Vendor

from .record import Cooperative


class ClusterField(models.Model):
    """A field clusters are defined by (kuliner, fashion, kerajinan, herbal…), kept by staff."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster field")
        verbose_name_plural = _("cluster fields")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


class Cluster(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    field = models.ForeignKey(
        ClusterField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="clusters"
    )
    anchor = models.ForeignKey(
        Cooperative,
        verbose_name=_("anchor cooperative"),
        on_delete=models.PROTECT,
        related_name="anchored_clusters",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self):
        return self.name

    def clean(self):
        # Members carry their cluster's field (the database's one-cluster-per-field rule):
        # moving a cluster with members to another field would leave them wrong.
        if self.pk and self.members.exists():
            before = Cluster.objects.filter(pk=self.pk).values_list("field_id", flat=True).first()
            if before != self.field_id:
                raise ValidationError(
                    {"field": _("A cluster with member businesses cannot change its field.")}
                )


class ClusterMember(models.Model):
    """A business in a cluster; at most one cluster per field (``field`` is the cluster's,
    kept here so the database holds the rule)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    business = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="clusters")
    field = models.ForeignKey(ClusterField, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["cluster", "business__name"]
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "field"],
                name="one_cluster_per_field",
                violation_error_message=_("This business is already in a cluster of this field."),
            )
        ]

    def __str__(self):
        return f"{self.business} @ {self.cluster}"

    def save(self, *args, **kwargs):
        self.field_id = self.cluster.field_id
        super().save(*args, **kwargs)

    def clean(self):
        # The admin form has no ``field``, so Django's check of the constraint would skip it:
        # the rule is checked here, with the cluster the business is already in named.
        if not (self.cluster_id and self.business_id):
            return
        self.field_id = self.cluster.field_id
        taken = (
            ClusterMember.objects.filter(business_id=self.business_id, field_id=self.field_id)
            .exclude(pk=self.pk)
            .select_related("cluster")
            .first()
        )
        if taken is not None:
            raise ValidationError(
                _(
                    "%(business)s is already in the cluster %(cluster)s of the same field; "
                    "a business belongs to at most one cluster per field."
                )
                % {"business": self.business, "cluster": taken.cluster}
            )
