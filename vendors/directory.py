"""The public directory of businesses (/umkm/): its filter form, and the extension point for the
field of business, which only a higher app knows (catalog: the categories of a vendor's
published products). Vendors never imports catalog; catalog registers

    @hooks.register("register_vendor_directory_field")
    def directory_field():
        return DirectoryField(choices=[(slug, label), ...], condition=lambda slug: Q(...))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.time import jakarta_date

from .cooperatives.models import AnnualMeeting, Cooperative
from .models import Vendor


@dataclass
class DirectoryField:
    # (slug, label) of each field, in the order shown.
    choices: list[tuple[str, str]]
    # The filter on Vendor for one slug.
    condition: Callable[[str], Q]


def last_book_year() -> int:
    """The book year whose RAT a cooperative should have held: last year, in Jakarta."""
    return jakarta_date(timezone.now()).year - 1


def rat_held():
    """A verified RAT for the last book year (an EXISTS inside the directory's one query)."""
    return Exists(
        AnnualMeeting.objects.filter(
            cooperative__vendor=OuterRef("pk"),
            book_year=last_book_year(),
            status=AnnualMeeting.Status.VERIFIED,
        )
    )


def with_cooperative_facts(vendors):
    """Each vendor with its cooperative record (classification) and ``rat_held``, read in
    the same query."""
    return vendors.select_related("cooperative").annotate(rat_held=rat_held())


def directory_field() -> DirectoryField | None:
    for fn in hooks.get_hooks("register_vendor_directory_field"):
        field = fn()
        if field is not None:
            return field
    return None


class DirectoryForm(forms.Form):
    """GET parameters of /umkm/. A value that is not a choice is ignored rather than refused:
    an old or mistyped link still shows the directory."""

    q = forms.CharField(label=_("Business name"), required=False, max_length=80)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    jenis = forms.ChoiceField(label=_("Kind"), required=False)
    bidang = forms.ChoiceField(label=_("Field"), required=False)
    halal = forms.BooleanField(label=_("With a valid halal certificate"), required=False)
    klasifikasi = forms.ChoiceField(
        label=_("Cooperative classification"),
        required=False,
        choices=[("", _("All classifications")), *Cooperative.Classification.choices],
    )
    kdkmp = forms.BooleanField(label=_("Village cooperatives (KDKMP) only"), required=False)
    rat = forms.BooleanField(label=_("RAT held for the last book year"), required=False)

    def __init__(self, data, *, kecamatan, field: DirectoryField | None):
        super().__init__(data)
        self.places = {slugify(k.name): k for k in kecamatan}
        self.field = field
        self.fields["kecamatan"].choices = [("", _("All kecamatan"))] + [
            (slug, k.name) for slug, k in self.places.items()
        ]
        self.fields["jenis"].choices = [("", _("All kinds")), *Vendor.Kind.choices]
        if field:
            self.fields["bidang"].choices = [("", _("All fields")), *field.choices]
        else:
            del self.fields["bidang"]

    @property
    def cleaned(self) -> dict:
        """What applies: each valid parameter, invalid ones dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name in self.cleaned_data and self.cleaned_data[name] not in ("", None, False)
        }

    def filters(self) -> dict:
        """Keyword arguments for ``Vendor.objects.directory``."""
        cleaned = self.cleaned
        field = cleaned.get("bidang")
        condition = Q()
        if field and self.field:
            condition &= self.field.condition(field)
        if cleaned.get("klasifikasi"):
            condition &= Q(cooperative__classification=cleaned["klasifikasi"])
        if cleaned.get("kdkmp"):
            condition &= Q(kind=Vendor.Kind.VILLAGE_COOPERATIVE)
        if cleaned.get("rat"):
            condition &= Q(rat_held())
        return {
            "kecamatan": self.places.get(cleaned.get("kecamatan")),
            "kind": cleaned.get("jenis", ""),
            "halal": cleaned.get("halal", False),
            "name": cleaned.get("q", "").strip(),
            "condition": condition or None,
        }

    def active_labels(self) -> list[tuple[str, str]]:
        """(parameter, label) of each filter applied, for the chips that remove it."""
        cleaned = self.cleaned
        labels = []
        for name, value in cleaned.items():
            if name == "q":
                labels.append((name, f"“{value}”"))
            elif name == "halal":
                labels.append((name, str(_("Halal certified"))))
            elif name == "kdkmp":
                labels.append((name, "KDKMP"))
            elif name == "rat":
                labels.append((name, str(_("RAT %(year)s held") % {"year": last_book_year()})))
            else:
                labels.append((name, str(dict(self.fields[name].choices).get(value, value))))
        return labels
