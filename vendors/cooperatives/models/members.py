"""Businesses that are members of a cooperative: asked for by the business, or proposed by
the cooperative and agreed by the business."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from vendors.models import Vendor

from .record import Cooperative


class BusinessMembership(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")  # by the business; the cooperative decides
        INVITED = "invited", _("Invited")  # by the cooperative; the business agrees
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    TRANSITIONS = Transitions(
        Status,
        {
            Status.REQUESTED: {Status.ACTIVE, Status.DECLINED},
            Status.INVITED: {Status.ACTIVE, Status.DECLINED},
            Status.ACTIVE: {Status.LEFT},
        },
        refusal=_("A membership that is %(old)s cannot become %(new)s."),
    )
    OPEN = (Status.REQUESTED, Status.INVITED, Status.ACTIVE)

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="business_members"
    )
    business = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="cooperative_memberships"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, db_index=True)
    # The business's agreement: when it asked, or when it accepted an invitation.
    consented_at = models.DateTimeField(_("business agreed at"), null=True, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = models.CharField(_("reason declined"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cooperative", "business__name"]
        verbose_name = _("member business")
        verbose_name_plural = _("member businesses")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "business"],
                condition=models.Q(status__in=["requested", "invited", "active"]),
                name="one_open_membership_per_business",
                violation_error_message=_("This business is already a member or asked to be."),
            )
        ]

    def __str__(self):
        return f"{self.business} @ {self.cooperative}"
