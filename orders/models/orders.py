"""An order, its vendors' parts and their lines; each status moves through its model's
transition table (``Order.TRANSITIONS``, ``OrderPart.TRANSITIONS``)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.models import Location, Product
from core.states import Transitions
from core.storage import private_storage
from core.tokens import new_token
from vendors.models import Vendor


def receipt_path(instance, filename):
    """Random names: a transfer receipt's address can never be guessed from the order."""
    import os

    extension = os.path.splitext(filename)[1].lower()[:5]
    return f"receipts/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
        PAID = "paid", _("Paid")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    class Fulfilment(models.TextChoices):
        DELIVERY = "delivery", _("Delivery to an address")
        PICKUP_RPPKUM = "pickup_rppkum", _("Pickup at RPPKUM Legok")
        PICKUP_AIRPORT = "pickup_airport", _("Pickup at Terminal 3 before your flight")

    class Payment(models.TextChoices):
        CARD = "card", _("Card (Stripe)")
        TRANSFER = "transfer", _("Bank transfer")
        AT_OUTLET = "at_outlet", _("Pay at the outlet")

    class Receipt(models.TextChoices):
        NONE = "", _("No receipt")
        UPLOADED = "uploaded", _("Receipt waiting for a check")
        REJECTED = "rejected", _("Receipt rejected")
        CONFIRMED = "confirmed", _("Transfer confirmed")

    number = models.CharField(_("order number"), max_length=20, unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.PENDING_PAYMENT,
        db_index=True,
    )
    payment_method = models.CharField(_("payment"), max_length=10, choices=Payment)
    fulfilment = models.CharField(_("fulfilment"), max_length=20, choices=Fulfilment)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    whatsapp = models.CharField(_("WhatsApp"), max_length=16)
    address = models.TextField(_("delivery address"), blank=True)
    pickup_location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.PROTECT, related_name="pickups"
    )
    pickup_at = models.DateTimeField(_("pickup time"), null=True, blank=True, db_index=True)
    flight_number = models.CharField(_("flight number"), max_length=10, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    subtotal = models.PositiveIntegerField(_("subtotal (Rp)"), default=0)
    shipping_total = models.PositiveIntegerField(_("delivery (Rp)"), default=0)
    total = models.PositiveIntegerField(_("total (Rp)"), default=0)
    currency = models.CharField(max_length=3, default="IDR", editable=False)
    language = models.CharField(max_length=5, default="id")
    reserved_until = models.DateTimeField(_("stock reserved until"), null=True, blank=True)
    stripe_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    refunded_amount = models.PositiveIntegerField(_("refunded (Rp)"), default=0)
    transfer_receipt = models.FileField(
        _("transfer receipt"), storage=private_storage, upload_to=receipt_path, blank=True
    )
    receipt_status = models.CharField(
        _("transfer receipt"), max_length=10, choices=Receipt, blank=True, db_index=True
    )
    receipt_uploaded_at = models.DateTimeField(_("receipt uploaded at"), null=True, blank=True)
    receipt_note = models.CharField(_("note on the receipt"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("placed at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["status", "reserved_until"])]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("orders:detail", kwargs={"token": self.token})

    @property
    def is_pickup(self) -> bool:
        return self.fulfilment != self.Fulfilment.DELIVERY

    @property
    def pays_at_outlet(self) -> bool:
        """A pickup still to be paid at the counter: reserved stock its vendors bring now."""
        return (
            self.status == self.Status.PENDING_PAYMENT
            and self.payment_method == self.Payment.AT_OUTLET
        )

    @property
    def bring_to_outlet_by(self):
        """By when the vendors must have brought their parts to the pickup outlet: the
        buyer's pickup time (the outlet's preparation hours were counted up to it at
        checkout); a pay-at-outlet pickup without a time (RPPKUM), the end of its
        reservation. None for a delivery."""
        if not self.is_pickup:
            return None
        if self.pickup_at:
            return self.pickup_at
        return self.reserved_until if self.payment_method == self.Payment.AT_OUTLET else None

    @property
    def has_parts_at_counter(self) -> bool:
        """Some vendor's part is at the pickup outlet's counter (uses prefetched parts)."""
        return any(part.status == OrderPart.Status.READY for part in self.parts.all())

    @property
    def awaits_transfer(self) -> bool:
        return (
            self.status == self.Status.PENDING_PAYMENT
            and self.payment_method == self.Payment.TRANSFER
        )

    @property
    def is_payable_by_card(self) -> bool:
        return (
            self.status == self.Status.PENDING_PAYMENT and self.payment_method == self.Payment.CARD
        )


class OrderPart(models.Model):
    """One vendor's share of an order, fulfilled on its own."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Waiting for payment")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready for pickup")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="parts")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="order_parts")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.AWAITING_PAYMENT,
        db_index=True,
    )
    subtotal = models.PositiveIntegerField(default=0)
    shipping_fee = models.PositiveIntegerField(default=0)
    tracking_note = models.CharField(_("tracking note"), max_length=200, blank=True)
    refunded_amount = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "vendor__name"]
        verbose_name = _("order part")
        verbose_name_plural = _("order parts")
        constraints = [
            models.UniqueConstraint(fields=["order", "vendor"], name="one_part_per_vendor")
        ]

    def __str__(self):
        return f"{self.order.number} / {self.vendor}"

    @property
    def total(self) -> int:
        return self.subtotal + self.shipping_fee


# Paid online (or at the counter), cancelled when the reservation runs out or the payment
# fails, paid after all (late: the stock is reserved again), completed when every part is
# handed over, refunded when all of it went back to the buyer.
Order.TRANSITIONS = Transitions(
    Order.Status,
    {
        Order.Status.PENDING_PAYMENT: {Order.Status.PAID, Order.Status.CANCELLED},
        Order.Status.CANCELLED: {Order.Status.PAID},
        Order.Status.PAID: {Order.Status.COMPLETED, Order.Status.REFUNDED},
        Order.Status.COMPLETED: {Order.Status.REFUNDED},
    },
)

Part = OrderPart.Status


def _pickup_is_never_shipped(part, new, *, order):
    if new == Part.SHIPPED and order.is_pickup:
        raise ValidationError(_("This order is collected at an outlet, not shipped."))


def _delivery_is_never_ready(part, new, *, order):
    if new == Part.READY and not order.is_pickup:
        raise ValidationError(_("This order is delivered; mark it shipped instead."))


def _nothing_completed_unpaid(part, new, *, order):
    if new == Part.COMPLETED and order.status != Order.Status.PAID:
        raise ValidationError(
            _("The buyer has not paid yet: it is completed when collected and paid at the counter.")
        )


# A part is paid with its order (after its reservation expired too: the stock is taken
# again); a pickup's part becomes 'ready' when the vendor has brought it to the outlet (it is
# at the counter), a delivery's is 'shipped'; both are completed when handed over. Unpaid
# parts are cancelled with their order, paid ones refunded by staff.
OrderPart.TRANSITIONS = Transitions(
    Part,
    {
        Part.AWAITING_PAYMENT: {Part.PROCESSING, Part.CANCELLED},
        Part.CANCELLED: {Part.PROCESSING},
        Part.PROCESSING: {Part.READY, Part.SHIPPED, Part.CANCELLED, Part.REFUNDED},
        Part.READY: {Part.COMPLETED, Part.CANCELLED, Part.REFUNDED},
        Part.SHIPPED: {Part.COMPLETED, Part.REFUNDED},
        Part.COMPLETED: {Part.REFUNDED},
    },
    guards=(_pickup_is_never_shipped, _delivery_is_never_ready, _nothing_completed_unpaid),
    refusal=_("A part that is %(old)s cannot become %(new)s."),
)


class OrderLine(models.Model):
    part = models.ForeignKey(OrderPart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product, null=True, on_delete=models.SET_NULL, related_name="order_lines"
    )
    product_name = models.CharField(max_length=200)
    product_name_en = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=30, blank=True)
    unit_price = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"

    @property
    def display_name(self) -> str:
        """The product's name when ordered, in the reader's language."""
        if get_language() == "en" and self.product_name_en:
            return self.product_name_en
        return self.product_name

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity
