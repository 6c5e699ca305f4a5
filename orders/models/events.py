"""What happened to an order (``OrderEvent``) and what Stripe told us (``StripeEvent``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.models import AppendOnlyModel

from .orders import Order, OrderPart


class OrderEvent(AppendOnlyModel):
    """Append-only log of everything that happens to an order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    part = models.ForeignKey(
        OrderPart, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_status = models.CharField(max_length=20, blank=True)
    new_status = models.CharField(max_length=20, blank=True)
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.message


class StripeEvent(models.Model):
    """Every webhook event received, stored once: the unique id makes handling at-most-once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
