"""What a vendor types about a product. The vendor, status and publication date are never
fields here: the view sets the vendor, services change the status."""

import functools
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.money import format_rupiah
from vendors.cooperatives.membership import marketing_cooperatives
from vendors.forms import NormalizedField
from vendors.images import MEGABYTE, clean_photo, max_photo_bytes, save_image
from vendors.validators import normalize_bpom, normalize_pirt

from .models import Category, Location, Product, ProductImage, TierPrice
from .services import MAX_IMAGES

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"
MAX_TIERS = 4


def unique_product_slug(name: str) -> str:
    """A slug from the name, with -2, -3… when another product already has it."""
    base = slugify(name)[:140].strip("-") or "produk"
    taken = set(Product.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class RupiahField(forms.IntegerField):
    """Whole Rupiah. Accepts what people type on a phone: 25000, 25.000 or Rp 25.000."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"^\s*rp\.?\s*", "", value, flags=re.IGNORECASE).strip()
            value = value.replace("\u00a0", "").replace(" ", "")
            # A dot between groups of three digits is the Indonesian thousands separator.
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
                value = value.replace(".", "")
        return super().to_python(value)


class GroupedCategoryField(forms.ModelChoiceField):
    """Sub-categories grouped under their top category in one <select>. A top category
    without sub-categories can be chosen itself."""

    def __init__(self, **kwargs):
        queryset = Category.objects.filter(children__isnull=True).distinct()
        super().__init__(queryset=queryset, empty_label=_("Choose…"), **kwargs)
        self._lazy_choices()

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._lazy_choices()  # each form gets its own, read once, when the form is shown
        return result

    def _lazy_choices(self):
        self.choices = functools.cache(self._grouped_choices)

    def _grouped_choices(self):
        categories = list(Category.objects.all())
        children = {}
        for category in categories:
            if category.parent_id:
                children.setdefault(category.parent_id, []).append(category)
        choices = [("", self.empty_label)]
        for category in categories:
            if category.parent_id:
                continue
            kids = children.get(category.pk)
            if kids:
                choices.append(
                    (category.display_name, [(kid.pk, kid.display_name) for kid in kids])
                )
            else:
                choices.append((category.pk, category.display_name))
        return choices


class ProductForm(forms.ModelForm):
    category = GroupedCategoryField(label=_("Category"))
    price = RupiahField(
        label=_("Price (Rp)"),
        min_value=100,
        help_text=_("Whole Rupiah for one unit, for example 25000."),
    )
    pirt_number = NormalizedField(
        normalize_pirt,
        label=_("P-IRT number (optional)"),
        max_length=24,
        required=False,
        help_text=_("Written like 1234567890123-45."),
    )
    bpom_number = NormalizedField(
        normalize_bpom,
        label=_("BPOM number (optional)"),
        max_length=24,
        required=False,
        help_text=_("MD or ML followed by 12 digits."),
    )

    class Meta:
        model = Product
        fields = [
            "category",
            "name",
            "name_en",
            "description",
            "description_en",
            "price",
            "unit",
            "stock",
            "min_order",
            "pirt_number",
            "bpom_number",
            "halal_certificate",
            "bringable_to_airport",
            "marketed_by",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "stock": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "min_order": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }

    field_groups = [
        (_("The product"), ["category", "name", "name_en", "description", "description_en"]),
        (_("Price and stock"), ["price", "unit", "stock", "min_order"]),
        (
            _("Permits and halal"),
            ["pirt_number", "bpom_number", "halal_certificate", "bringable_to_airport"],
        ),
        (_("Cooperative"), ["marketed_by"]),
    ]

    def __init__(self, *args, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.vendor = vendor
        certificates = self.fields["halal_certificate"]
        certificates.queryset = vendor.halal_certificates.all()
        certificates.empty_label = _("None (or one that covers all products)")
        certificates.help_text = _("Only your own certificates are listed.")
        covering = next(
            (c for c in vendor.valid_halal_certificates() if c.covers_all_products), None
        )
        if covering is not None:
            certificates.help_text = _(
                "Halal: covered by certificate %(number)s for all products, so this product "
                "shows the halal badge even with none chosen here."
            ) % {"number": covering.number}
        certificates.label_from_instance = lambda c: f"{c.number} · {c.get_status_display()}"
        self._marketing_choices(vendor)

    def _marketing_choices(self, vendor):
        """Only the cooperatives the vendor is an active member of may market its products;
        a vendor that is not a micro-business has no such field."""
        if vendor.kind != vendor.Kind.MICRO:
            del self.fields["marketed_by"]
            return
        field = self.fields["marketed_by"]
        field.queryset = marketing_cooperatives(vendor)
        field.empty_label = _("None: only under your own name")
        field.help_text = _(
            "A cooperative you are a member of can market this product; it stays yours."
        )

    @property
    def groups(self):
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.field_groups
            if any(name in self.fields for name in names)
        ]

    def save(self, commit=True):
        product = super().save(commit=False)
        if not product.slug:
            product.slug = unique_product_slug(product.name)
        if commit:
            product.save()
            self._save_m2m()
        return product


class BaseTierPriceFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        base = self.instance.price
        if not base:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            price = form.cleaned_data.get("price")
            if price is not None and price >= base:
                form.add_error(
                    "price",
                    _("A tier price must be lower than the base price (%(price)s).")
                    % {"price": format_rupiah(base)},
                )


TierPriceFormSet = forms.inlineformset_factory(
    Product,
    TierPrice,
    formset=BaseTierPriceFormSet,
    fields=["min_quantity", "price"],
    field_classes={"price": RupiahField},
    widgets={"min_quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 2})},
    extra=2,
    max_num=MAX_TIERS,
    validate_max=True,
    can_delete=True,
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """One or several photos, each checked like every photo on the site."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if not uploads and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        errors, cleaned = [], []
        for upload in uploads:
            try:
                cleaned.append(clean_photo(super().clean(upload, initial)))
            except ValidationError as error:
                for message in error.messages:
                    errors.append(
                        _("%(file)s: %(reason)s") % {"file": upload.name, "reason": message}
                    )
        if errors:
            raise ValidationError(errors)
        return cleaned


class PhotoUploadForm(forms.Form):
    photos = MultiplePhotoField(label=_("Photos"))

    def __init__(self, *args, product=None, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["photos"].required = required
        self.fields["photos"].help_text = _(
            "JPEG, PNG or WebP, at most %(size)d MB each. You can choose several at once; "
            "a product has at most %(count)d photos."
        ) % {"size": max_photo_bytes() // MEGABYTE, "count": MAX_IMAGES}

    @cached_property
    def existing(self) -> int:
        return self.product.images.count() if self.product and self.product.pk else 0

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        room = MAX_IMAGES - self.existing
        if len(photos) > room:
            raise ValidationError(
                _(
                    "A product can have at most %(max)d photos. It has %(count)d, so you can "
                    "add %(room)d more."
                )
                % {"max": MAX_IMAGES, "count": self.existing, "room": max(room, 0)}
            )
        return photos

    @transaction.atomic
    def save(self, product, user) -> list[ProductImage]:
        """Store the photos as Wagtail images after the product's current ones, keeping the
        limit even when two uploads race (the product row is locked)."""
        product = Product.objects.select_for_update().get(pk=product.pk)
        photos = self.cleaned_data.get("photos") or []
        current = list(product.images.values_list("sort_order", flat=True))
        if len(current) + len(photos) > MAX_IMAGES:
            raise ValidationError(
                _("A product can have at most %(max)d photos.") % {"max": MAX_IMAGES}
            )
        next_order = max(current, default=-1) + 1
        created = []
        for offset, upload in enumerate(photos):
            image = save_image(upload, product.name, uploaded_by=user)
            created.append(
                ProductImage.objects.create(
                    product=product, image=image, sort_order=next_order + offset
                )
            )
        return created


class PhotoAltForm(forms.ModelForm):
    class Meta:
        model = ProductImage
        fields = ["alt_text"]
        labels = {"alt_text": _("What the photo shows")}
        help_texts = {"alt_text": _("Read aloud to blind shoppers. Empty means the product name.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_text"].widget.attrs["placeholder"] = self.instance.product.name


class ProposeForm(forms.Form):
    """Which outlet a product is proposed to; the choices are the outlets that exist."""

    location = forms.ModelChoiceField(label=_("Outlet"), queryset=None, empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.all()
