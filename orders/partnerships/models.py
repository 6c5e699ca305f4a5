"""Partnership requests from business buyers (B2B): the request, the vendors it is shown to,
their quotes, the thread with each vendor and the request's log. The tables keep the names
they had in the orders app (``Meta.db_table``): the models moved, the data did not."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from core.events import Event
from core.labels import status_label
from core.money import format_rupiah
from core.states import Transitions
from core.tokens import new_token
from vendors.models import Vendor


class PartnershipRequest(models.Model):
    """A hotel, restaurant, retailer or other business buyer asking for supply."""

    class BuyerType(models.TextChoices):
        HOTEL = "hotel", _("Hotel")
        RESTAURANT = "restaurant", _("Restaurant or café")
        RETAIL = "retail", _("Modern retail")
        BUMN = "bumn", _("BUMN / state company")
        DISTRIBUTOR = "distributor", _("Distributor")
        OTHER = "other", _("Other")

    class Frequency(models.TextChoices):
        ONCE = "once", _("Once")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        MATCHED = "matched", _("Matched with vendors")
        QUOTED = "quoted", _("Quoted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    number = models.CharField(_("request number"), max_length=20, unique=True)
    organisation = models.CharField(_("organisation"), max_length=150)
    buyer_type = models.CharField(_("type of business"), max_length=12, choices=BuyerType)
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("e-mail"))
    whatsapp = models.CharField(_("WhatsApp"), max_length=16)
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True)
    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("addressed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="addressed_requests",
        help_text=_("Empty: addressed to the platform, which matches vendors."),
    )
    products = models.ManyToManyField(Product, blank=True, related_name="partnership_requests")
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    needs = models.TextField(_("what is needed"), max_length=2000, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=30)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency)
    delivery_place = models.CharField(_("delivery place"), max_length=200)
    wanted_by = models.DateField(_("wanted by"))
    samples = models.BooleanField(_("samples wanted"), default=False)
    message = models.TextField(_("message"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.NEW, db_index=True
    )
    language = models.CharField(max_length=5, default="id")
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    first_quote_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "orders_partnershiprequest"
        ordering = ["-created_at"]
        verbose_name = _("partnership request")
        verbose_name_plural = _("partnership requests")

    def __str__(self):
        return f"{self.number} {self.organisation}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("partnerships:detail", kwargs={"token": self.token})

    @property
    def is_open(self) -> bool:
        """Still taking vendors and quotes: the buyer may yet decline them all."""
        return self.TRANSITIONS.allows(self.status, self.Status.DECLINED)


_Request = PartnershipRequest.Status
# A request is addressed to a vendor (new) or reviewed and matched by staff; any open request
# may be quoted or declined by the buyer; staff may close it at any point.
PartnershipRequest.TRANSITIONS = Transitions(
    _Request,
    {
        _Request.NEW: {
            _Request.IN_REVIEW,
            _Request.MATCHED,
            _Request.QUOTED,
            _Request.DECLINED,
            _Request.CLOSED,
        },
        _Request.IN_REVIEW: {_Request.MATCHED, _Request.QUOTED, _Request.DECLINED, _Request.CLOSED},
        _Request.MATCHED: {_Request.QUOTED, _Request.DECLINED, _Request.CLOSED},
        _Request.QUOTED: {_Request.ACCEPTED, _Request.DECLINED, _Request.CLOSED},
        _Request.ACCEPTED: {_Request.CLOSED},
        _Request.DECLINED: {_Request.CLOSED},
        _Request.CLOSED: set(),
    },
)


class RequestMatch(models.Model):
    """A vendor the request is shown to (addressed directly, or matched by staff)."""

    request = models.ForeignKey(
        PartnershipRequest, on_delete=models.CASCADE, related_name="matches"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="request_matches")
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A sample before committing: the buyer asks this vendor for one, the vendor marks it sent.
    sample_requested_at = models.DateTimeField(_("sample asked for"), null=True, blank=True)
    sample_request_note = models.CharField(_("about the sample"), max_length=300, blank=True)
    sample_sent_at = models.DateTimeField(_("sample sent"), null=True, blank=True)
    sample_sent_note = models.CharField(_("how the sample was sent"), max_length=300, blank=True)

    class Meta:
        db_table = "orders_requestmatch"
        constraints = [
            models.UniqueConstraint(fields=["request", "vendor"], name="one_match_per_vendor")
        ]

    def __str__(self):
        return f"{self.request} → {self.vendor}"


# Days from an invoice to its due date (0: paid on delivery).
PAYMENT_TERMS = [
    (0, _("On delivery")),
    (7, _("7 days")),
    (14, _("14 days")),
    (30, _("30 days")),
    (45, _("45 days")),
    (60, _("60 days")),
]


class Quote(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        NOT_CHOSEN = "not_chosen", _("Not chosen")
        DECLINED = "declined", _("Declined")

    request = models.ForeignKey(PartnershipRequest, on_delete=models.CASCADE, related_name="quotes")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="quotes")
    unit_price = models.PositiveIntegerField(
        _("unit price (Rp)"), validators=[MinValueValidator(1)]
    )
    min_order = models.PositiveIntegerField(_("minimum order"), validators=[MinValueValidator(1)])
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"))
    delivery_terms = models.CharField(_("delivery terms"), max_length=300)
    valid_until = models.DateField(_("valid until"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # The terms now on the table: the vendor's quote, replaced by each counter-offer either
    # side agrees to (``QuoteRound``); when the quote is accepted they are what was agreed,
    # and the contract is drawn from them.
    quantity = models.PositiveIntegerField(
        _("quantity per delivery"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: the quantity the buyer asked for."),
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=PartnershipRequest.Frequency, blank=True
    )
    first_delivery = models.DateField(_("first delivery"), null=True, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(
        _("payment terms"), choices=PAYMENT_TERMS, default=30
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "orders_quote"
        ordering = ["unit_price", "created_at"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return f"{self.vendor}: {self.unit_price}"

    @property
    def value(self) -> int:
        """What one delivery would cost at this quote: the quantity on the table (the one
        asked, unless a counter-offer changed it), or the minimum order when larger."""
        return self.unit_price * max(self.current_quantity, self.min_order)

    @property
    def current_quantity(self) -> int:
        return self.quantity or self.request.quantity

    @property
    def current_frequency(self) -> str:
        return self.frequency or self.request.frequency

    def get_current_frequency_display(self) -> str:
        return str(status_label(self.current_frequency, PartnershipRequest.Frequency))

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()


# An open quote is accepted, not chosen (another was), or declined: replaced by a newer quote
# from the same vendor.
Quote.TRANSITIONS = Transitions(
    Quote.Status,
    {
        Quote.Status.OPEN: {Quote.Status.ACCEPTED, Quote.Status.NOT_CHOSEN, Quote.Status.DECLINED},
        Quote.Status.ACCEPTED: set(),
        Quote.Status.NOT_CHOSEN: set(),
        Quote.Status.DECLINED: set(),
    },
)


class QuoteRound(models.Model):
    """One proposal in the negotiation of a quote: the buyer's counter-offer, or the vendor's
    counter to it. Rounds are kept in order; each is answered once (accepted, countered or
    declined). An accepted round's terms become the quote's."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        COUNTERED = "countered", _("Countered")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    from_buyer = models.BooleanField()
    unit_price = models.PositiveIntegerField(
        _("unit price (Rp)"), validators=[MinValueValidator(1)]
    )
    quantity = models.PositiveIntegerField(
        _("quantity per delivery"), validators=[MinValueValidator(1)]
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=PartnershipRequest.Frequency
    )
    first_delivery = models.DateField(_("first delivery"))
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["quote", "number"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "number"], name="one_round_number_per_quote")
        ]
        verbose_name = _("counter-offer")
        verbose_name_plural = _("counter-offers")

    def __str__(self):
        return f"{self.quote} #{self.number}"


QuoteRound.TRANSITIONS = Transitions(
    QuoteRound.Status,
    {
        QuoteRound.Status.OPEN: {
            QuoteRound.Status.ACCEPTED,
            QuoteRound.Status.COUNTERED,
            QuoteRound.Status.DECLINED,
            QuoteRound.Status.WITHDRAWN,
        },
        QuoteRound.Status.ACCEPTED: set(),
        QuoteRound.Status.COUNTERED: set(),
        QuoteRound.Status.DECLINED: set(),
        QuoteRound.Status.WITHDRAWN: set(),
    },
)


class RequestMessage(models.Model):
    """The thread between the buyer and one vendor on a request."""

    request = models.ForeignKey(
        PartnershipRequest, on_delete=models.CASCADE, related_name="messages"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="+")
    from_buyer = models.BooleanField()
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "orders_requestmessage"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:40]


class RequestEvent(Event):
    """Append-only log of a request's life: a kind and its parameters, shown in the reader's
    language (rows from before kinds keep their English ``message``)."""

    KINDS = {
        "sent": _("Request sent"),
        "review": _("Staff are reviewing the request"),
        "matched": _("Matched with %(names)s"),
        "also_matched": _("Also matched with %(names)s"),
        "quoted": _("Quote from %(vendor)s"),
        "accepted": _("Accepted the quote from %(vendor)s"),
        "declined": _("The buyer declined all quotes"),
        "closed": _("Closed by staff"),
        # Negotiation and samples (see ``negotiation`` and ``samples``).
        "buyer_countered": _(
            "Counter-offer to %(vendor)s: %(unit_price)s per unit, %(quantity)s per delivery"
        ),
        "vendor_countered": _(
            "%(vendor)s countered: %(unit_price)s per unit, %(quantity)s per delivery"
        ),
        "vendor_accepted_round": _("%(vendor)s accepted the counter-offer"),
        "vendor_declined_round": _("%(vendor)s declined the counter-offer; its quote stands"),
        "buyer_accepted_round": _("The buyer accepted the counter-offer from %(vendor)s"),
        "buyer_declined_round": _("The buyer declined the counter-offer from %(vendor)s"),
        "round_withdrawn": _("The buyer withdrew the counter-offer to %(vendor)s"),
        "sample_asked": _("Sample asked from %(vendor)s"),
        "sample_sent": _("%(vendor)s sent a sample"),
    }
    SHOWN_AS = {"unit_price": format_rupiah}
    # A staff close with a note: the note as typed, after the kind's words.
    CLOSED_WITH_NOTE = _("Closed by staff: %(note)s")

    request = models.ForeignKey(PartnershipRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "orders_requestevent"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        if self.kind == "closed" and self.params.get("note"):
            return self.CLOSED_WITH_NOTE % self.shown_params()
        return super().text

    @property
    def old_label(self) -> str:
        return status_label(self.old_status, PartnershipRequest.Status, default="")

    @property
    def new_label(self) -> str:
        return status_label(self.new_status, PartnershipRequest.Status, default="")

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return ""
        return self.actor.get_full_name() or self.actor.get_username()
