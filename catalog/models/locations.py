"""Where products can be seen and picked up: the outlets, their curation rounds, their shelves."""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from vendors.validators import validate_whatsapp

# The site finds its two outlets by these slugs (set once in the admin).
AIRPORT_OUTLET = "sentral-oleh-oleh-t3"
RPPKUM_SHOWROOM = "rppkum-legok"


class Location(models.Model):
    """A physical place where products can be seen and picked up."""

    class Kind(models.TextChoices):
        SHOWROOM = "showroom", _("Showroom (RPPKUM)")
        AIRPORT = "airport", _("Airport outlet")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    address = models.TextField(_("address"))
    where = models.CharField(
        _("where to find it"),
        max_length=200,
        blank=True,
        help_text=_("For example: Terminal 3 Departures, after the security check."),
    )
    where_en = models.CharField(_("where to find it (English)"), max_length=200, blank=True)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    hours_note = models.CharField(_("opening days"), max_length=120, blank=True)
    hours_note_en = models.CharField(_("opening days (English)"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=16,
        blank=True,
        validators=[validate_whatsapp],
        help_text=_("Shoppers collecting an order here can message the outlet."),
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    review_every_months = models.PositiveSmallIntegerField(
        _("range review every (months)"), default=6
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name

    @property
    def display_where(self) -> str:
        return self.where_en if get_language() == "en" and self.where_en else self.where

    @property
    def address_after_where(self) -> str:
        """The address without its opening words when they are the ``where`` shown above it
        ("Terminal 3 Keberangkatan, Bandara …" under "Terminal 3 Keberangkatan")."""
        address = self.address.strip()
        if not self.display_where:
            return address
        for where in (self.where.strip(), self.where_en.strip()):
            if where and address.lower().startswith(where.lower()):
                rest = address[len(where) :].lstrip(" ,;\n\r")
                if rest:
                    return rest
        return address

    @property
    def display_hours_note(self) -> str:
        if get_language() == "en" and self.hours_note_en:
            return self.hours_note_en
        return self.hours_note

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17"


class CurationRound(models.Model):
    """A period of an outlet's range: products are proposed, accepted and retired in rounds."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=80)
    starts_on = models.DateField(_("starts on"))
    review_due_on = models.DateField(_("review due on"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("curation round")
        verbose_name_plural = _("curation rounds")

    def __str__(self):
        return f"{self.location}: {self.name}"

    @property
    def is_due(self) -> bool:
        return self.review_due_on <= timezone.localdate()


class LocationStockQuerySet(models.QuerySet):
    def on_shelf(self):
        """Accepted, with something on the shelf, and not past its best-before date."""
        return self.filter(on_shelf_now(""))


def on_shelf_now(prefix: str) -> models.Q:
    """on_shelf() as a condition, on a relation when ``prefix`` names it (``"stock__"``)."""
    today = timezone.localdate()
    fresh = models.Q(**{f"{prefix}best_before__isnull": True}) | models.Q(
        **{f"{prefix}best_before__gte": today}
    )
    return (
        models.Q(**{f"{prefix}status": LocationStock.Status.ACCEPTED, f"{prefix}quantity__gt": 0})
        & fresh
    )


class LocationStock(models.Model):
    """A product on an outlet's shelf (consignment)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        RETIRED = "retired", _("Retired")

    TRANSITIONS = Transitions(
        Status,
        {Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED}, Status.ACCEPTED: {Status.RETIRED}},
        refusal={
            Status.ACCEPTED: _("Only a proposed product can be accepted."),
            Status.DECLINED: _("Only a proposed product can be declined."),
            Status.RETIRED: _("Only a product on the shelf can be retired."),
        },
    )

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="stock")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="shelf_stock"
    )
    curation_round = models.ForeignKey(
        CurationRound,
        verbose_name=_("curation round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stock",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PROPOSED, db_index=True
    )
    quantity = models.PositiveIntegerField(_("quantity on the shelf"), default=0)
    shelf = models.CharField(_("shelf"), max_length=40, blank=True)
    best_before = models.DateField(_("best before"), null=True, blank=True)
    minimum = models.PositiveIntegerField(
        _("restock below"),
        default=0,
        help_text=_("Ask the vendor to restock when fewer are left (0: never ask)."),
    )
    note = models.TextField(_("note"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = LocationStockQuerySet.as_manager()

    class Meta:
        ordering = ["location", "-proposed_at"]
        verbose_name = _("shelf stock")
        verbose_name_plural = _("shelf stock")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "product"],
                condition=~models.Q(status__in=["retired", "declined"]),
                name="one_live_shelf_entry_per_product",
            )
        ]
        indexes = [models.Index(fields=["location", "status"])]

    def __str__(self):
        return f"{self.product} @ {self.location}"

    @property
    def is_past_best_before(self) -> bool:
        return self.best_before is not None and self.best_before < timezone.localdate()
