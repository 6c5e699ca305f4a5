"""Checkout input. The browser sends who the shopper is, how the order reaches them and how
they pay; never a price. Everything here is about shape and completeness; the rules that need
the cart or the database (stock, the Terminal 3 shelf and opening hours) are checked by
``services.checkout.place_order``."""

import re
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendors import validators
from vendors.forms import NormalizedField

from .models import Order
from .services.checkout import Checkout, unavailable_payments

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
# An airline designator (GA, QZ, JT, 8B, IU…; three letters for ICAO codes) and 1–4 digits,
# with an optional suffix letter: GA 123, QZ7510, ID 6231, 8B 101.
FLIGHT_NUMBER = re.compile(r"(?:[A-Z]{2,3}|[A-Z][0-9]|[0-9][A-Z]) ?[0-9]{1,4}[A-Z]?")

Fulfilment = Order.Fulfilment
Payment = Order.Payment


class DateTimeLocalInput(forms.DateTimeInput):
    """The phone's own date-and-time picker; the value is a Jakarta wall-clock time."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class JakartaDateTimeField(forms.DateTimeField):
    """A datetime-local value, read as Asia/Jakarta time (WIB) whatever time zone is active:
    the outlet and the flight are at Soekarno-Hatta."""

    widget = DateTimeLocalInput

    def to_python(self, value):
        with timezone.override(JAKARTA):
            return super().to_python(value)


class PaymentSelect(forms.RadioSelect):
    """Radio buttons where some choices are shown but cannot be picked (card payment while
    Stripe is not set up, paying at the outlet for a delivery…). Each button also says for
    which ways of receiving the order it cannot be used, for the checkout's small script."""

    def __init__(self, *args, unavailable=(), unavailable_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unavailable = set(unavailable)
        self.unavailable_for = unavailable_for or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.unavailable:
            option["attrs"]["disabled"] = True
            option["selected"] = False
            option["attrs"].pop("checked", None)
        if value in self.unavailable_for:
            option["attrs"]["data-unavailable-for"] = " ".join(self.unavailable_for[value])
        return option


class CheckoutForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the confirmation and the private link to your order here."),
    )
    whatsapp = NormalizedField(
        validators.normalize_whatsapp,
        label=_("WhatsApp number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("For example 0812 3456 7890. The businesses and the outlet may message you."),
    )
    fulfilment = forms.ChoiceField(
        label=_("How do you want to receive your order?"),
        choices=Fulfilment.choices,
        widget=forms.RadioSelect,
    )
    address = forms.CharField(
        label=_("Delivery address"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=_("Street, house number, RT/RW, kelurahan, kecamatan, city and postcode."),
    )
    flight_number = forms.CharField(
        label=_("Flight number"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
        help_text=_("For example GA 123."),
    )
    departure_at = JakartaDateTimeField(
        label=_("Departure (date and time, WIB)"),
        required=False,
    )
    pickup_at = JakartaDateTimeField(
        label=_("When you will collect (date and time, WIB)"),
        required=False,
    )
    payment_method = forms.ChoiceField(
        label=_("How do you want to pay?"),
        choices=Payment.choices,
    )

    def __init__(self, *args, card_available: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.card_available = card_available
        self.chosen_fulfilment = self._chosen_fulfilment()
        self.unavailable = self._unavailable(self.chosen_fulfilment)
        # For each way to pay: the ways of receiving the order it cannot be used with
        # ("always" when it cannot be used at all), and the reasons to show.
        self.unavailable_for = {}
        self.reasons = {}
        for when in [None, *Fulfilment.values]:
            for payment, reason in self._unavailable(when).items():
                key = when or "always"
                if "always" in self.unavailable_for.get(payment, ()):
                    continue
                self.unavailable_for.setdefault(payment, []).append(key)
                reasons = self.reasons.setdefault(payment, {})
                reasons.setdefault(reason, []).append(key)
        self.fields["payment_method"].widget = PaymentSelect(
            choices=Payment.choices,
            unavailable=self.unavailable,
            unavailable_for=self.unavailable_for,
        )
        available = [value for value in Payment.values if value not in self.unavailable]
        if not self.is_bound and self.initial.get("payment_method") not in available:
            self.initial["payment_method"] = available[0] if available else None

    def _chosen_fulfilment(self):
        value = self.data.get("fulfilment") if self.is_bound else self.initial.get("fulfilment")
        return value if value in Fulfilment.values else None

    def _unavailable(self, fulfilment) -> dict:
        unavailable = unavailable_payments(fulfilment)
        if self.card_available:
            unavailable.pop(Payment.CARD, None)
        elif Payment.CARD not in unavailable:
            unavailable[Payment.CARD] = _("Card payment is not available right now.")
        return unavailable

    def payment_options(self):
        """The payment radio buttons, each with whether it is disabled for the chosen way
        of receiving the order and every reason it may be (only the applying ones shown)."""
        chosen = self.chosen_fulfilment
        options = []
        for radio in self["payment_method"]:
            value = radio.data["value"]
            reasons = [
                {
                    "text": text,
                    "when": " ".join(when),
                    "applies": "always" in when or (chosen is not None and chosen in when),
                }
                for text, when in self.reasons.get(value, {}).items()
            ]
            options.append(
                {"radio": radio, "disabled": value in self.unavailable, "reasons": reasons}
            )
        return options

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_address(self):
        return self.cleaned_data["address"].strip()

    def clean_flight_number(self):
        number = " ".join(self.cleaned_data["flight_number"].upper().split())
        if number and not FLIGHT_NUMBER.fullmatch(number):
            raise forms.ValidationError(
                _(
                    "Enter the flight number as on your ticket: the airline's code and digits, "
                    "for example GA 123."
                )
            )
        return number

    def clean(self):
        data = super().clean()
        fulfilment = data.get("fulfilment")
        payment = data.get("payment_method")
        if (
            fulfilment == Fulfilment.DELIVERY
            and not data.get("address")
            and ("address" not in self.errors)
        ):
            self.add_error("address", _("Give the address we deliver to."))
        if fulfilment == Fulfilment.PICKUP_AIRPORT:
            required = {
                "flight_number": _("Give your flight number, for example GA 123."),
                "departure_at": _("Give your flight's departure date and time."),
                "pickup_at": _("Give the date and time you will collect at Terminal 3."),
            }
            for name, message in required.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        reason = self._unavailable(fulfilment).get(payment) if payment else None
        if payment == Payment.CARD and reason:
            reason = _("Card payment is not available right now. Choose another way to pay.")
        elif payment == Payment.AT_OUTLET and reason:
            reason = _(
                "Paying at the outlet is only possible when you collect your order. Choose "
                "another way to pay."
            )
        if reason:
            # Said once, under the ways to pay (the page greys out the choice beside it).
            self.add_error("payment_method", reason)
        return data

    def checkout(self, *, user=None, language="id") -> Checkout:
        """What place_order needs; flight and times only for a Terminal 3 pickup, the
        address only for delivery."""
        data = self.cleaned_data
        fulfilment = data["fulfilment"]
        airport = fulfilment == Fulfilment.PICKUP_AIRPORT
        return Checkout(
            name=data["name"],
            email=data["email"],
            whatsapp=data["whatsapp"],
            fulfilment=fulfilment,
            payment_method=data["payment_method"],
            address=data["address"] if fulfilment == Fulfilment.DELIVERY else "",
            flight_number=data["flight_number"] if airport else "",
            departure_at=data["departure_at"] if airport else None,
            pickup_at=data["pickup_at"] if airport else None,
            language=language,
            user=user,
        )


class TransferReceiptForm(forms.Form):
    """The buyer's proof of a bank transfer: checked by content in the service, like the
    vendors' NIB documents (PDF, JPEG or PNG, at most 5 MB)."""

    receipt = forms.FileField(
        label=_("Photo or PDF of the receipt"),
        help_text=_("A photo or screenshot (JPEG, PNG) or a PDF from your bank, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"required": _("Choose the file of your transfer receipt.")},
    )
