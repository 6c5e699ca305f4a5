from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vendors.models import HalalCertificate, Vendor
from vendors.validators import validate_bpom, validate_pirt

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
    def public(self):
        """The one rule for what the public sees: published, by an active NIB-verified vendor."""
        return self.filter(
            status=Product.Status.PUBLISHED,
            vendor__status=Vendor.Status.ACTIVE,
            vendor__nib_status=Vendor.NibStatus.VERIFIED,
        )

    def for_user(self, user):
        """Products a signed-in vendor member may manage."""
        return self.filter(vendor__in=Vendor.objects.for_user(user))


class Product(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

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
        today = timezone.localdate()
        if self.halal_certificate_id and self.halal_certificate.is_valid_on(today):
            return self.halal_certificate
        for certificate in self.vendor.halal_certificates.all():
            if certificate.covers_all_products and certificate.is_valid_on(today):
                return certificate
        return None

    @property
    def is_halal(self) -> bool:
        return self.covering_certificate is not None

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def first_image(self):
        images = list(self.images.all())
        return images[0] if images else None


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
