"""A supply contract: what an accepted quote becomes. The buyer's legal name and NPWP, where
to deliver, the lines at the agreed unit prices, the schedule (one delivery, or weekly or
monthly from a start date for N deliveries), how it is invoiced and paid, and its log."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.events import Event
from core.states import Transitions
from core.tokens import new_token
from orders.partnerships.models import PAYMENT_TERMS, PartnershipRequest, Quote
from vendors.models import Vendor
from vendors.validators import validate_npwp

MAX_DELIVERIES = 52


class SupplyContract(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended early")
        COMPLETED = "completed", _("Completed")

    class Invoicing(models.TextChoices):
        PER_DELIVERY = "delivery", _("One invoice per delivery")
        MONTHLY = "monthly", _("One invoice per month")

    class Change(models.TextChoices):
        """What one side asks and the other agrees to (or not)."""

        PAUSE = "pause", _("Pause the deliveries")
        RESUME = "resume", _("Resume the deliveries")
        END = "end", _("End the contract")

    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        VENDOR = "vendor", _("Vendor")

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    number = models.CharField(_("contract number"), max_length=20, unique=True)
    request = models.OneToOneField(
        PartnershipRequest, on_delete=models.PROTECT, related_name="contract"
    )
    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, related_name="contract")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="supply_contracts")
    buyer_legal_name = models.CharField(_("buyer's legal name"), max_length=150)
    buyer_npwp = models.CharField(_("buyer's NPWP"), max_length=16, validators=[validate_npwp])
    buyer_email = models.EmailField(_("buyer's e-mail"))
    buyer_contact = models.CharField(_("contact person"), max_length=120)
    delivery_address = models.TextField(_("delivery address"), max_length=500)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=PartnershipRequest.Frequency
    )
    start_date = models.DateField(_("first delivery"))
    deliveries_count = models.PositiveSmallIntegerField(
        _("number of deliveries"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DELIVERIES)],
    )
    invoicing = models.CharField(
        _("invoicing"), max_length=10, choices=Invoicing, default=Invoicing.PER_DELIVERY
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms"), choices=PAYMENT_TERMS, default=30
    )
    take_from_stock = models.BooleanField(
        _("deliver from online stock"),
        default=False,
        help_text=_("Ticked: each dispatch takes its quantities from the shop's stock."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.ACTIVE, db_index=True
    )
    # A change one side asked for and the other has not answered yet.
    change_requested = models.CharField(max_length=10, choices=Change, blank=True)
    change_requested_by = models.CharField(max_length=10, choices=Side, blank=True)
    change_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("agreed on"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supply contract")
        verbose_name_plural = _("supply contracts")

    def __str__(self):
        return f"{self.number} {self.buyer_legal_name} – {self.vendor}"

    def get_absolute_url(self):
        """The buyer's private page of the contract."""
        return reverse("contracts:buyer_detail", kwargs={"token": self.token})


_Status = SupplyContract.Status
SupplyContract.TRANSITIONS = Transitions(
    _Status,
    {
        _Status.ACTIVE: {_Status.PAUSED, _Status.ENDED, _Status.COMPLETED},
        _Status.PAUSED: {_Status.ACTIVE, _Status.ENDED},
        _Status.ENDED: set(),
        _Status.COMPLETED: set(),
    },
)


class ContractLine(models.Model):
    """One product at its agreed unit price and quantity per delivery."""

    contract = models.ForeignKey(SupplyContract, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("description"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30)
    quantity = models.PositiveIntegerField(
        _("quantity per delivery"), validators=[MinValueValidator(1)]
    )
    unit_price = models.PositiveIntegerField(
        _("unit price (Rp)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["contract", "pk"]

    def __str__(self):
        return self.description

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


class ContractEvent(Event):
    """The contract's log: agreed, changes asked and answered, deliveries dispatched and
    received, invoices issued, paid and reminded. ``by_buyer`` says which side acted when no
    user did (the buyer has no account)."""

    KINDS = {
        "agreed": _("Contract agreed"),
        "asked_pause": _("Asked to pause the deliveries"),
        "asked_resume": _("Asked to resume the deliveries"),
        "asked_end": _("Asked to end the contract"),
        "agreed_pause": _("Agreed: the deliveries are paused"),
        "agreed_resume": _("Agreed: the deliveries resume"),
        "agreed_end": _("Agreed: the contract is ended; the remaining deliveries are cancelled"),
        "declined_pause": _("Declined to pause the deliveries"),
        "declined_resume": _("Declined to resume the deliveries"),
        "declined_end": _("Declined to end the contract"),
        "dispatched": _("Delivery %(sequence)s dispatched"),
        "received": _("Delivery %(sequence)s received: receipt %(bast)s"),
        "completed": _("Every delivery is done: the contract is completed"),
        "stock_on": _("Deliveries now come from the online stock"),
        "stock_off": _("Deliveries no longer come from the online stock"),
        "invoice_issued": _("Invoice %(number)s issued"),
        "invoice_paid": _("Invoice %(number)s paid"),
        "invoice_reminded": _("Buyer reminded of overdue invoice %(number)s"),
    }

    contract = models.ForeignKey(SupplyContract, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_buyer = models.BooleanField(default=False)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text
