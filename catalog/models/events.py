from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel

from .products import Product


class ProductEvent(AppendOnlyModel):
    """Append-only log of a product's status changes (who, when, old → new, note)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "website.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("product event")
        verbose_name_plural = _("product events")

    def __str__(self):
        return f"{self.product}: {self.old_status} → {self.new_status}"
