"""Input of the partnership pages: a business buyer's request, a vendor's quote, a message in
a thread (the staff's forms are in ``admin.forms``). Every text has a size limit; WhatsApp
and NPWP go through the shared normalisers, so they are stored in one shape."""

import datetime
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.models import MAX_PRICE, Category, Product
from vendors import validators
from vendors.forms import NormalizedField
from vendors.models import Vendor

from .models import PAYMENT_TERMS, PartnershipRequest

MAX_QUANTITY = 1_000_000
MAX_LEAD_DAYS = 365
PRODUCTS_SHOWN = 60  # a vendor's products offered as tick boxes: enough to choose, never a wall
GENERIC_REFUSAL = _("Your request could not be sent. Please check it and try again.")


def _today() -> datetime.date:
    return timezone.localdate()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def category_choices(categories) -> list:
    """Two levels as option groups: "all of" the top category, then its sub-categories."""
    tops, children = [], defaultdict(list)
    for category in categories:
        (children[category.parent_id] if category.parent_id else tops).append(category)
    choices = [("", _("Choose a category…"))]
    for top in tops:
        options = [(str(top.pk), _("All of %(name)s") % {"name": top.display_name})]
        options += [(str(child.pk), child.display_name) for child in children[top.pk]]
        choices.append((top.display_name, options))
    return choices


class ProductChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, product):
        return f"{product.display_name} ({product.unit})"

    def clean(self, value):
        # No more ticks than boxes shown: a forged form cannot make the check a huge query.
        if value and len(value) > PRODUCTS_SHOWN + 1:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return super().clean(value)


class PartnershipRequestForm(forms.Form):
    """A buyer's request. Addressed to ``vendor`` (chosen from a product or a vendor's
    profile: the buyer picks among its public products) or, without one, to the platform
    (a category and free text, matched by staff)."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("For example Hotel Cisadane Asri or Restoran Saung Legok."),
    )
    buyer_type = forms.ChoiceField(
        label=_("Type of business"),
        choices=PartnershipRequest.BuyerType.choices,
        widget=forms.RadioSelect,
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the private link to your request here."),
    )
    whatsapp = NormalizedField(
        validators.normalize_whatsapp,
        label=_("WhatsApp"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("For example 0812 3456 7890."),
    )
    npwp = NormalizedField(
        validators.normalize_npwp,
        label=_("NPWP (optional)"),
        max_length=24,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("The tax number of your organisation: 16 digits (or 15 in the old format)."),
    )
    products = ProductChoiceField(
        label=_("Products"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    needs = forms.CharField(
        label=_("What do you need?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: individually packed snacks for hotel rooms, no MSG."),
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_QUANTITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=30,
        help_text=_("For example pcs, pack, kg or box."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=PartnershipRequest.Frequency.choices,
        widget=forms.RadioSelect,
    )
    delivery_place = forms.CharField(
        label=_("Delivery place"),
        max_length=200,
        help_text=_("Address or area, for example Jl. Raya Legok, Kecamatan Legok."),
    )
    wanted_by = forms.DateField(label=_("Wanted by"), widget=DateInput())
    samples = forms.BooleanField(label=_("Send samples first"), required=False)
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # People never see this field; bots fill every field they find.
    website = forms.CharField(label=_("Leave this empty"), max_length=200, required=False)

    contact_fields = ("organisation", "contact_name", "email", "whatsapp", "npwp")
    delivery_fields = ("quantity", "unit", "delivery_place", "wanted_by", "samples")

    def __init__(self, *args, vendor: Vendor | None = None, product: Product | None = None, **kw):
        super().__init__(*args, **kw)
        self.vendor = vendor
        if vendor is None:
            del self.fields["products"]
            self.categories = {
                str(c.pk): c for c in Category.objects.order_by("sort_order", "name", "pk")
            }
            self.fields["category"].choices = category_choices(self.categories.values())
        else:
            del self.fields["category"]
            public = Product.objects.public().filter(vendor=vendor).order_by("name", "pk")
            shown = list(public.values_list("pk", flat=True)[:PRODUCTS_SHOWN])
            if product is not None and product.pk not in shown:
                shown.append(product.pk)
            self.fields["products"].queryset = public.filter(pk__in=shown)
            if product is not None:
                self.fields["products"].initial = [product.pk]
        self.fields["wanted_by"].widget.attrs["min"] = _today().isoformat()

    @property
    def is_for_platform(self) -> bool:
        return self.vendor is None

    def clean_wanted_by(self):
        wanted = self.cleaned_data["wanted_by"]
        today = _today()
        if wanted < today:
            raise ValidationError(_("The date cannot be in the past."))
        if wanted > today + datetime.timedelta(days=2 * 366):
            raise ValidationError(_("Choose a date within the next two years."))
        return wanted

    def clean_category(self):
        value = self.cleaned_data.get("category")
        return self.categories.get(value) if value else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Refused without saying why: a bot learns nothing about the trap.
            raise ValidationError(GENERIC_REFUSAL, code="refused")
        described = cleaned.get("needs") or "needs" in self.errors
        if self.is_for_platform:
            if not (cleaned.get("category") or described or "category" in self.errors):
                self.add_error("category", _("Choose a category or describe what you need."))
        elif not (cleaned.get("products") or described or "products" in self.errors):
            self.add_error("products", _("Tick at least one product or describe what you need."))
        return cleaned

    def request_data(self) -> dict:
        """The fields ``services.submit_request`` stores."""
        c = self.cleaned_data
        return {
            "organisation": c["organisation"],
            "buyer_type": c["buyer_type"],
            "contact_name": c["contact_name"],
            "email": c["email"],
            "whatsapp": c["whatsapp"],
            "npwp": c.get("npwp") or "",
            "vendor": self.vendor,
            "category": c.get("category"),
            "needs": c.get("needs", ""),
            "quantity": c["quantity"],
            "unit": c["unit"],
            "frequency": c["frequency"],
            "delivery_place": c["delivery_place"],
            "wanted_by": c["wanted_by"],
            "samples": c.get("samples", False),
            "message": c.get("message", ""),
            "language": (get_language() or "id")[:5],
        }

    def chosen_products(self) -> list:
        return list(self.cleaned_data.get("products") or [])


def whole_number(label, max_value, *, min_value=1, **kwargs) -> forms.IntegerField:
    """A field for a whole number typed on a phone's number pad."""
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def unit_price_field() -> forms.IntegerField:
    return whole_number(
        _("Unit price (Rp)"), MAX_PRICE, help_text=_("Whole Rupiah, without dots: 25000.")
    )


class QuoteForm(forms.Form):
    """A vendor's offer: whole Rupiah, whole days."""

    unit_price = unit_price_field()
    min_order = whole_number(_("Minimum order"), MAX_QUANTITY)
    lead_time_days = forms.IntegerField(
        label=_("Lead time (days)"),
        min_value=0,
        max_value=MAX_LEAD_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Days you need from the order to the delivery."),
    )
    delivery_terms = forms.CharField(
        label=_("Delivery terms"),
        max_length=300,
        help_text=_("For example: delivered to the hotel every Monday, free within Legok."),
    )
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput())
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The terms the contract is drawn from; left empty, the buyer's own (see ``clean``).
    quantity = whole_number(_("Quantity per delivery"), MAX_QUANTITY, required=False)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=PartnershipRequest.Frequency.choices, required=False
    )
    first_delivery = forms.DateField(label=_("First delivery"), widget=DateInput(), required=False)
    payment_terms_days = forms.TypedChoiceField(
        label=_("Payment terms"), choices=PAYMENT_TERMS, coerce=int, required=False
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        today = _today()
        self.fields["valid_until"].widget.attrs["min"] = today.isoformat()
        self.fields["valid_until"].initial = today + datetime.timedelta(days=14)
        self.fields["first_delivery"].widget.attrs["min"] = today.isoformat()
        self.fields["payment_terms_days"].initial = 30
        if partnership is not None:
            self.fields["quantity"].initial = partnership.quantity
            self.fields["frequency"].initial = partnership.frequency
            self.fields["first_delivery"].initial = max(partnership.wanted_by, today)

    def clean_first_delivery(self):
        first = self.cleaned_data["first_delivery"]
        if first is not None and first < _today():
            raise ValidationError(_("The first delivery cannot be in the past."))
        return first

    def clean(self):
        data = super().clean()
        request = self.partnership
        if request is not None:
            if not data.get("quantity") and "quantity" not in self.errors:
                data["quantity"] = request.quantity
            if not data.get("frequency"):
                data["frequency"] = request.frequency
            if not data.get("first_delivery") and "first_delivery" not in self.errors:
                data["first_delivery"] = max(request.wanted_by, _today())
        if data.get("payment_terms_days") in (None, ""):
            data["payment_terms_days"] = 30
        return data

    def clean_valid_until(self):
        valid_until = self.cleaned_data["valid_until"]
        today = _today()
        if valid_until < today:
            raise ValidationError(_("A quote must be valid until today or later."))
        if valid_until > today + datetime.timedelta(days=366):
            raise ValidationError(_("A quote can be valid for one year at most."))
        return valid_until


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CounterForm(forms.Form):
    """A counter-offer on a quote, from either side: price, quantity, schedule, a message."""

    unit_price = unit_price_field()
    quantity = whole_number(_("Quantity per delivery"), MAX_QUANTITY)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=PartnershipRequest.Frequency.choices
    )
    first_delivery = forms.DateField(label=_("First delivery"), widget=DateInput())
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, quote=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_delivery"].widget.attrs["min"] = _today().isoformat()
        if quote is not None:
            self.initial.setdefault("unit_price", quote.unit_price)
            self.initial.setdefault("quantity", quote.quantity or quote.request.quantity)
            self.initial.setdefault("frequency", quote.frequency or quote.request.frequency)
            self.initial.setdefault("first_delivery", quote.first_delivery)


class SampleForm(forms.Form):
    """A short note: what sample the buyer wants, or how the vendor sent it."""

    note = forms.CharField(label=_("Note"), max_length=300, required=False)
