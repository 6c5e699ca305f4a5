from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.states import Transitions
from vendors.models import HalalCertificate, Vendor
from vendors.validators import validate_bpom, validate_pirt

from .locations import AIRPORT_OUTLET, LocationStock

MAX_PRICE = 1_000_000_000  # Rp 1 milyar: more is a typo, not a product


class Category(models.Model):
    """Two levels: a top category (Makanan & Minuman) and its sub-categories (Keripik)."""

    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class ProductQuerySet(models.QuerySet):
    def public(self, include_archived=False):
        """The one rule for what the public sees: published, by an active NIB-verified vendor.
        (Archived ones only to answer 410 Gone on their old address.)"""
        statuses = [Product.Status.PUBLISHED]
        if include_archived:
            statuses.append(Product.Status.ARCHIVED)
        # vendor_listed is the vendor half of the rule, kept on the row by the database
        # (migration 0006), so public scans need no join to the vendors.
        return self.filter(status__in=statuses, vendor_listed=True)

    def for_user(self, user):
        """Products a signed-in vendor member may manage."""
        return self.filter(vendor__in=Vendor.objects.for_user(user))

    def collectable_at_airport(self):
        return self.filter(airport_pickup_condition())

    def with_airport_pickup(self):
        """Each product says (``collectable_at_airport``) whether it can be collected at the
        Terminal 3 outlet, judged in the same query."""
        return self.annotate(
            collectable_at_airport=models.ExpressionWrapper(
                airport_pickup_condition(), output_field=models.BooleanField()
            )
        )


def on_shelf_condition(location_slug):
    """On that outlet's shelf now: accepted, some left, not past its best-before date."""
    return models.Q(
        pk__in=LocationStock.objects.on_shelf()
        .filter(location__slug=location_slug)
        .values("product")
    )


def airport_pickup_condition():
    """The one rule for a pickup at the Terminal 3 outlet, used by checkout, the product page
    and the catalog's filter alike: the product is on the outlet's shelf, or its vendor
    brings it there in time for the traveller's pickup."""
    return on_shelf_condition(AIRPORT_OUTLET) | models.Q(bringable_to_airport=True)


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Every change of status goes through catalog.services._set_status, checked here.
    TRANSITIONS = Transitions(
        Status,
        {
            Status.DRAFT: {Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED},
            Status.IN_REVIEW: {Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED},
            Status.PUBLISHED: {Status.DRAFT, Status.ARCHIVED},
            Status.ARCHIVED: {Status.IN_REVIEW, Status.PUBLISHED},
        },
    )

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="products"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=5000, blank=True)
    price = models.PositiveIntegerField(
        _("price (Rp)"), validators=[MinValueValidator(100), MaxValueValidator(MAX_PRICE)]
    )
    unit = models.CharField(_("unit"), max_length=30, help_text=_("For example 250 g or pcs."))
    stock = models.PositiveIntegerField(_("online stock"), default=0)
    min_order = models.PositiveIntegerField(
        _("minimum order"), default=1, validators=[MinValueValidator(1)]
    )
    pirt_number = models.CharField(
        _("P-IRT number"), max_length=16, blank=True, validators=[validate_pirt]
    )
    bpom_number = models.CharField(
        _("BPOM number"), max_length=14, blank=True, validators=[validate_bpom]
    )
    halal_certificate = models.ForeignKey(
        HalalCertificate,
        verbose_name=_("halal certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT, db_index=True
    )
    # A cooperative the vendor is an active member of, which markets the product: the
    # product stays the vendor's ("dipasarkan oleh"). Cleared when the vendor leaves it.
    marketed_by = models.ForeignKey(
        Vendor,
        verbose_name=_("marketed by (cooperative)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="marketed_products",
    )
    barcode = models.CharField(
        _("barcode (EAN/UPC)"),
        max_length=14,
        blank=True,
        db_index=True,
        validators=[RegexValidator(r"^\d{8,14}$", _("A barcode has 8 to 14 digits."))],
        help_text=_("The number under the bars on the package, if it has one."),
    )
    bringable_to_airport = models.BooleanField(
        _("can be brought to the Terminal 3 outlet for a pickup"),
        default=False,
        help_text=_("You can deliver it to the airport outlet in time for a traveller's pickup."),
    )
    vendor_listed = models.BooleanField(
        _("vendor is active and NIB-verified"),
        default=False,
        editable=False,
        help_text=_("Copied from the vendor by the database; what is written here is replaced."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["status", "price"]),
            models.Index(fields=["status", "name"]),
            # The few products out of stock: a search's facet counts read them afresh after
            # each sell-out (catalog.filters), its other counts are kept.
            models.Index(
                fields=["id"], name="catalog_product_sold_out", condition=models.Q(stock=0)
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:product", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_description(self) -> str:
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.vendor.is_public

    @property
    def covering_certificate(self):
        """The verified, unrevoked, unexpired halal certificate that covers this product,
        judged today: expiry removes the badge with no scheduled job."""
        return self.covering_certificate_among(self.vendor.halal_certificates.all())

    def covering_certificate_among(self, vendor_certificates):
        """As covering_certificate, with the vendor's certificates given (newest first):
        the product page reads only the one that can cover it."""
        today = timezone.localdate()
        if self.halal_certificate_id and self.halal_certificate.is_valid_on(today):
            return self.halal_certificate
        for certificate in vendor_certificates:
            if certificate.covers_all_products and certificate.is_valid_on(today):
                return certificate
        return None

    @property
    def is_halal(self) -> bool:
        return self.covering_certificate is not None

    @property
    def pirt_expired(self) -> bool:
        from vendors.validators import pirt_is_expired

        return bool(self.pirt_number) and pirt_is_expired(self.pirt_number, timezone.localdate())

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def first_image(self):
        images = list(self.images.all())
        return images[0] if images else None

    def tier_for(self, quantity: int):
        """The bulk price this quantity reaches: of the tiers at or below it, the one with
        the lowest unit price, if it is below the list price (prefetch ``tier_prices``)."""
        reached = [
            tier
            for tier in self.tier_prices.all()
            if tier.min_quantity <= quantity and tier.price < self.price
        ]
        return min(reached, key=lambda tier: (tier.price, -tier.min_quantity), default=None)

    def unit_price_for(self, quantity: int) -> int:
        """What one item costs when this many are bought together."""
        tier = self.tier_for(quantity)
        return tier.price if tier else self.price


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("description for screen readers"), max_length=160, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self):
        return self.alt_text or self.product.name

    @property
    def alt(self) -> str:
        return self.alt_text or self.product.display_name


class TierPrice(models.Model):
    """A lower unit price for business buyers from a quantity on."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tier_prices")
    min_quantity = models.PositiveIntegerField(
        _("from quantity"), validators=[MinValueValidator(2)]
    )
    price = models.PositiveIntegerField(
        _("unit price (Rp)"), validators=[MinValueValidator(100), MaxValueValidator(MAX_PRICE)]
    )

    class Meta:
        ordering = ["min_quantity"]
        verbose_name = _("tier price")
        verbose_name_plural = _("tier prices")
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="unique_tier")
        ]

    def __str__(self):
        return f"≥ {self.min_quantity}: {self.price}"
