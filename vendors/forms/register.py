"""What every registration asks beyond the NIB path's fields: the desa from the reference
list, the register's facts about the business (field, products, workers, women-led, yearly
sales), whether it has an NIB, and the help it wants. Used by the public application and by
staff registering a business on its owner's behalf."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..facilitation.models import FacilitationRequest
from ..models import Desa, Kecamatan, Vendor

Kind = FacilitationRequest.Kind
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# The help a business can ask for when it registers; NIB help is implied without an NIB.
HELP_CHOICES = [
    (Kind.HALAL.value, _("A halal certificate")),
    (Kind.PIRT.value, _("P-IRT (home-made food)")),
    (Kind.BPOM.value, _("BPOM registration (processed food)")),
    (Kind.HKI.value, _("A trademark (HKI)")),
    (Kind.FINANCING.value, _("A KUR loan through a partner bank")),
]


def desa_choices():
    """The 274 desa and kelurahan grouped by kecamatan (one query), for a <select>."""
    groups: dict[str, list] = {}
    for kecamatan, name in Desa.objects.order_by("kecamatan__name", "name").values_list(
        "kecamatan__name", "name"
    ):
        groups.setdefault(kecamatan, []).append((name, name))
    return [("", _("Choose…")), *groups.items()]


def desa_field(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Desa / kelurahan"),
        choices=desa_choices,
        widget=forms.Select(attrs={"data-desa": ""}),
        help_text=_("Choose the kecamatan first: the list shows its desa and kelurahan."),
        **kwargs,
    )


def clean_desa(form, cleaned) -> None:
    """The desa must be one of the chosen kecamatan's; stored under its official name."""
    kecamatan, desa = cleaned.get("kecamatan"), cleaned.get("desa")
    if not (kecamatan and desa):
        return
    found = Desa.objects.filter(kecamatan=kecamatan, name__iexact=desa).first()
    if found is None:
        form.add_error(
            "desa",
            _("%(desa)s is not in kecamatan %(kecamatan)s; choose one of its own.")
            % {"desa": desa, "kecamatan": kecamatan},
        )
    else:
        cleaned["desa"] = found.name


class RegisterFields(forms.Form):
    name = forms.CharField(label=_("Business name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind of business"), choices=Vendor.Kind.choices)
    member_count = forms.IntegerField(
        label=_("Number of members (cooperatives)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), empty_label=_("Choose…")
    )
    desa = desa_field()
    address = forms.CharField(
        label=_("Address"), max_length=400, widget=forms.Textarea(attrs={"rows": 3})
    )
    sector = forms.ChoiceField(
        label=_("Field of business"), choices=[("", _("Choose…")), *Vendor.Sector.choices]
    )
    products_summary = forms.CharField(
        label=_("What you make or sell"),
        max_length=300,
        help_text=_("For example: tempe chips, batik cloth, rice from our fields."),
    )
    workers = forms.IntegerField(
        label=_("Number of workers, you included"),
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    women_led = forms.ChoiceField(
        label=_("Is the business led by a woman?"), choices=YES_NO, widget=forms.RadioSelect
    )
    turnover_band = forms.ChoiceField(
        label=_("Yearly sales (optional)"),
        choices=[("", _("Rather not say")), *Vendor.TurnoverBand.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        clean_desa(self, cleaned)
        return cleaned

    def register_data(self) -> dict:
        c = self.cleaned_data
        women_led = c.get("women_led")
        return {
            "sector": c.get("sector", ""),
            "products_summary": c.get("products_summary", ""),
            "workers": c.get("workers"),
            "women_led": {"yes": True, "no": False}.get(women_led),
            "turnover_band": c.get("turnover_band") or "",
        }


class HelpWantedFields(forms.Form):
    """Whether the business has an NIB, and the help it asks for (one request per kind)."""

    has_nib = forms.ChoiceField(
        label=_("Does the business have an NIB?"),
        choices=[
            ("yes", _("Yes, I have my NIB")),
            ("no", _("Not yet: help me get one (free)")),
        ],
        widget=forms.RadioSelect(attrs={"data-has-nib": ""}),
        required=False,
        initial="yes",
        help_text=_(
            "Without an NIB you can register now: the office helps you get one through OSS. "
            "Your business goes public and can sell once its NIB is verified."
        ),
    )
    help_wanted = forms.MultipleChoiceField(
        label=_("What other help do you want? (optional)"),
        choices=HELP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    halal_route = forms.ChoiceField(
        label=_("Halal certificate: which route?"),
        choices=FacilitationRequest.HalalRoute.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Self-declare is free, for micro businesses whose products and process are simple "
            "and clearly halal. The regular route goes through an inspection body (LPH)."
        ),
    )
    halal_companion = forms.CharField(
        label=_("Your halal process companion (PPH), if you have one"),
        max_length=120,
        required=False,
        help_text=_("Leave empty if you have none: the office finds one for you."),
    )
    kur_amount = forms.IntegerField(
        label=_("KUR loan: how much (Rupiah)?"),
        min_value=1,
        max_value=500_000_000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
    kur_purpose = forms.CharField(
        label=_("KUR loan: what is it for?"), max_length=300, required=False
    )

    help_field_names = (
        "has_nib",
        "help_wanted",
        "halal_route",
        "halal_companion",
        "kur_amount",
        "kur_purpose",
    )

    @property
    def without_nib(self) -> bool:
        return self.cleaned_data.get("has_nib") == "no"

    def clean_has_nib(self):
        return self.cleaned_data.get("has_nib") or "yes"

    def clean(self):
        cleaned = super().clean()
        wanted = cleaned.get("help_wanted") or []
        if Kind.HALAL in wanted and not cleaned.get("halal_route"):
            self.add_error("halal_route", _("Choose the route."))
        if Kind.FINANCING in wanted:
            if not cleaned.get("kur_amount"):
                self.add_error("kur_amount", _("Say how much you want to borrow."))
            if not cleaned.get("kur_purpose"):
                self.add_error("kur_purpose", _("Say what the loan is for."))
        return cleaned

    def help_requests(self) -> list[tuple[str, dict]]:
        """(kind, details) for each request to open: NIB first when there is none."""
        c = self.cleaned_data
        requests = [(Kind.NIB.value, {})] if self.without_nib else []
        for kind in c.get("help_wanted") or []:
            details = {}
            if kind == Kind.HALAL:
                details = {
                    "halal_route": c.get("halal_route"),
                    "halal_companion": c.get("halal_companion", ""),
                }
            elif kind == Kind.FINANCING:
                details = {"amount": c.get("kur_amount"), "purpose": c.get("kur_purpose", "")}
            requests.append((kind, details))
        return requests
