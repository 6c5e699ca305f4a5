import hashlib

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.cache import cacheable_for_anonymous, generation
from core.views import errors_to_form, page_size

from . import held_uploads, services
from .access import vendor_or_404
from .dashboard import SESSION_KEY, collect, current_vendor
from .directory import DirectoryForm, directory_field, last_book_year, with_cooperative_facts
from .facilitation import registration
from .forms import HalalCertificateForm, NibResubmitForm, VendorApplicationForm, VendorProfileForm
from .images import save_image
from .models import HalalCertificate, Kecamatan, Vendor, VerificationEvent
from .trademarks.models import with_registered_trademark


@require_GET
@cacheable_for_anonymous
def directory(request):
    """The public directory: a fixed number of queries whatever the page size (kecamatan,
    fields, count, the page's vendors with their kecamatan, logo, halal and trademark marks,
    the logos' renditions)."""
    form = DirectoryForm(
        request.GET or None, kecamatan=list(Kecamatan.objects.all()), field=directory_field()
    )
    vendors = with_registered_trademark(Vendor.objects.directory(**form.filters()))
    vendors = with_cooperative_facts(vendors)
    vendors = vendors.prefetch_related("logo__renditions")
    page = Paginator(vendors, page_size()).get_page(request.GET.get("page"))
    chips = []
    for name, label in form.active_labels():
        params = request.GET.copy()
        params.pop(name, None)
        params.pop("page", None)
        chips.append({"label": label, "url": "?" + params.urlencode()})
    return render(
        request,
        "vendors/directory.html",
        {
            "title": _("Business directory"),
            "form": form,
            "page_obj": page,
            "vendors": page.object_list,
            "active_filters": chips,
            "rat_year": last_book_year(),
        },
    )


@cacheable_for_anonymous
def profile(request, slug):
    """A public business's profile. What it shows (the business, its valid certificates and
    its sections: products, trademarks, members) is the same for every visitor: read and
    rendered once per content generation (a change to any of them renews it, as does the
    date, by which certificates lapse), language and query string."""
    where = f"{slug}?{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    key = f"vendor-profile:{generation()}:{get_language()}:{digest}"
    context = cache.get(key)
    if context is None:
        vendor = get_object_or_404(
            Vendor.objects.public()
            .select_related("kecamatan", "logo", "cover")
            .prefetch_related("halal_certificates"),
            slug=slug,
        )
        sections = collect("register_vendor_profile_section", request, vendor)
        context = {
            "vendor": vendor,
            "title": vendor.name,
            "halal_certificates": list(vendor.valid_halal_certificates()),
            "sections": [item.render(request, vendor) for item in sections],
        }
        cache.set(key, context, 3600)
    return render(request, "vendors/profile.html", context)


APPLIED = gettext_lazy(
    "Thank you! Your application is in. The office checks your NIB, usually within three "
    "working days, and tells you by e-mail."
)
REGISTERED_WITHOUT_NIB = gettext_lazy(
    "Thank you! Your business is in the register. The office contacts you about the help you "
    "asked for; your business goes public once its NIB is verified."
)


@cacheable_for_anonymous  # the blank form; a visitor holding documents gets their own
def apply(request):
    held = held_uploads.held(request)
    if request.method != "POST":

        def blank():
            form = VendorApplicationForm()
            form.show_held(held)
            return form

        # Made only if its cached fields are missing, or documents are held (apply.html).
        return _apply_page(request, SimpleLazyObject(blank), held, bound=False)
    files = request.FILES.copy()
    for field, entry in held.items():
        if not files.get(field):
            document = held_uploads.open_held(entry)
            if document is not None:
                files[field] = document
    form = VendorApplicationForm(request.POST, files)
    if form.is_valid():
        try:
            vendor = registration.register(
                account=form.account_data(),
                business=form.business_data(),
                help_requests=form.help_requests(),
                nib_document=form.cleaned_data["nib_document"],
                halal=form.halal_submission(),
            )
        except ValidationError as error:
            errors_to_form(form, error)
            return _apply_page(request, form, held_uploads.held(request))
        held_uploads.release(request)
        user = vendor.memberships.get().user
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_KEY] = vendor.pk
        messages.success(request, APPLIED if vendor.nib else REGISTERED_WITHOUT_NIB)
        return redirect("vendors:dashboard")
    # Keep each newly chosen document that passed its checks; forget one that did not.
    for field in form.document_fields:
        if not request.FILES.get(field):
            continue
        if field in form.errors:
            held_uploads.drop(request, field)
        elif form.cleaned_data.get(field):
            held_uploads.hold(request, field, request.FILES[field])
    held = held_uploads.held(request)
    form.show_held(held)
    form.ask_passwords_again()
    return _apply_page(request, form, held)


def _apply_page(request, form, held, bound=True):
    return render(
        request,
        "vendors/apply.html",
        {"form": form, "form_bound": bound, "held": held, "title": _("Sell with us")},
    )


@login_required
def dashboard(request):
    vendor = current_vendor(request)
    if vendor is None:
        return render(request, "vendors/no_vendor.html", {"title": _("Vendor dashboard")})
    events = VerificationEvent.objects.filter(vendor=vendor).select_related("certificate")
    latest = {}
    for event in events:  # newest first
        latest.setdefault(event.subject, event)
    items = collect("register_vendor_dashboard_item", request, vendor)
    return render(
        request,
        "vendors/dashboard.html",
        {
            "vendor": vendor,
            "title": _("Vendor dashboard"),
            "vendors": Vendor.objects.for_user(request.user).order_by("name"),
            "nib_event": latest.get(VerificationEvent.Subject.NIB),
            "certificates": vendor.halal_certificates.prefetch_related("events"),
            "events": events[:20],
            "sections": [(item, item.render(request, vendor)) for item in items],
        },
    )


@login_required
@require_POST
def switch_vendor(request):
    chosen = request.POST.get("vendor", "")
    if not (chosen.isascii() and chosen.isdigit()):
        raise Http404
    vendor = get_object_or_404(Vendor.objects.for_user(request.user), pk=int(chosen))
    request.session[SESSION_KEY] = vendor.pk
    messages.info(request, _("You are now working on %(name)s.") % {"name": vendor.name})
    return redirect("vendors:dashboard")


@login_required
def edit_profile(request):
    vendor = vendor_or_404(request)
    form = VendorProfileForm(request.POST or None, request.FILES or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            vendor = form.save(commit=False)
            for field, target in (("logo_upload", "logo"), ("cover_upload", "cover")):
                upload = form.cleaned_data.get(field)
                if upload:
                    setattr(vendor, target, save_image(upload, f"{vendor.name} {target}"))
            vendor.save()
        messages.success(request, _("Your business profile is saved."))
        return redirect("vendors:dashboard")
    return render(
        request,
        "vendors/edit_profile.html",
        {"form": form, "vendor": vendor, "title": _("Business profile")},
    )


@login_required
def resubmit_nib(request):
    vendor = vendor_or_404(request)
    first = vendor.nib_status == Vendor.NibStatus.NONE
    if not (first or vendor.nib_status in (Vendor.NibStatus.REJECTED, Vendor.NibStatus.UNVERIFIED)):
        messages.info(request, _("Your NIB is not waiting for a correction."))
        return redirect("vendors:dashboard")
    form = NibResubmitForm(
        request.POST or None, request.FILES or None, vendor=vendor, initial={"nib": vendor.nib}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resubmit_nib(
                vendor, request.user, form.cleaned_data["nib"], form.cleaned_data["nib_document"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Sent. The office will check your NIB again."))
            return redirect("vendors:dashboard")
    return render(
        request,
        "vendors/form_page.html",
        {
            "form": form,
            "vendor": vendor,
            "title": _("Send your NIB") if first else _("Correct your NIB"),
            "intro": _("Enter the number from your OSS document and attach the document.")
            if first
            else _("Check the number against your OSS document and attach it again."),
            "submit": _("Send for verification"),
        },
    )


@login_required
def add_halal_certificate(request):
    vendor = vendor_or_404(request)
    form = HalalCertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        services.submit_halal_certificate(
            vendor,
            request.user,
            services.HalalSubmission(
                number=c["number"],
                issued_on=c.get("issued_on"),
                expires_on=c.get("expires_on"),
                document=c["document"],
            ),
        )
        messages.success(request, _("Certificate sent. The office will verify it."))
        return redirect("vendors:dashboard")
    return render(
        request,
        "vendors/form_page.html",
        {
            "form": form,
            "vendor": vendor,
            "title": _("Add a halal certificate"),
            "intro": _(
                "The certificate from BPJPH (SIHALAL). A fatwa decision alone is not a certificate."
            ),
            "submit": _("Send for verification"),
        },
    )


@login_required
def own_document(request, kind, pk):
    """A member's own evidence document. Another vendor's answers 404, like a wrong id."""
    vendors = Vendor.objects.for_user(request.user)
    if kind == "nib":
        owner = get_object_or_404(vendors, pk=pk)
        document = owner.nib_document
    elif kind == "halal":
        certificate = get_object_or_404(HalalCertificate, pk=pk, vendor__in=vendors)
        document = certificate.document
    else:
        raise Http404
    return serve_document(document)


def serve_document(document):
    if not document:
        raise Http404
    try:
        handle = document.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=False)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
