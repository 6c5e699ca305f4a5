"""A shopper's cart and its items."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product


class Cart(models.Model):
    """A shopper's cart, found by a long-lived cookie (anonymous) or by the user."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cart",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cart")

    def __str__(self):
        return str(self.token)


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="one_line_per_product")
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"

    @property
    def tier(self):
        """The bulk price this quantity reaches, or None (prefetch product__tier_prices)."""
        return self.product.tier_for(self.quantity)

    @property
    def unit_price(self) -> int:
        return self.product.unit_price_for(self.quantity)

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity
