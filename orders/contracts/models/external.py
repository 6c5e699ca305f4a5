"""Partnerships the regency arranged outside the site (a business-matching day, a BUMN
programme), recorded by staff so that the regency's count of partnerships is complete."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orders.partnerships.models import PartnershipRequest
from vendors.models import Vendor


class ExternalPartnership(models.Model):
    buyer_name = models.CharField(_("buyer"), max_length=150)
    buyer_type = models.CharField(
        _("type of business"), max_length=12, choices=PartnershipRequest.BuyerType
    )
    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("Vendor"),
        on_delete=models.PROTECT,
        related_name="external_partnerships",
    )
    products = models.CharField(_("products"), max_length=300)
    value = models.PositiveIntegerField(
        _("value (Rp)"),
        validators=[MinValueValidator(1)],
        help_text=_("The agreed value of the whole partnership."),
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("partnership outside the site")
        verbose_name_plural = _("partnerships outside the site")

    def __str__(self):
        return f"{self.buyer_name} – {self.vendor}"
