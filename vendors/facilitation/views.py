"""The owner's side of facilitation requests in the vendor dashboard (/dasbor/fasilitasi/).
Every page reads through ``FacilitationRequest.objects.for_vendor(vendor_or_404(request))``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vendors.access import vendor_or_404

from . import services
from .forms import FacilitationRequestForm
from .models import FacilitationRequest

Kind = FacilitationRequest.Kind


def owner_requests(vendor):
    return (
        FacilitationRequest.objects.for_vendor(vendor)
        .select_related("officer")
        .prefetch_related("events")
    )


@login_required
def request_list(request):
    vendor = vendor_or_404(request)
    return render(
        request,
        "vendors/facilitation/list.html",
        {
            "vendor": vendor,
            "title": _("Help with permits and financing"),
            "facilitation_requests": owner_requests(vendor),
            "kinds": Kind.choices,
        },
    )


@login_required
def request_detail(request, pk):
    vendor = vendor_or_404(request)
    facilitation = get_object_or_404(owner_requests(vendor), pk=pk)
    return render(
        request,
        "vendors/facilitation/detail.html",
        {"vendor": vendor, "title": facilitation.get_kind_display(), "facilitation": facilitation},
    )


@login_required
def new_request(request, kind=""):
    vendor = vendor_or_404(request)
    if not kind:
        return render(
            request,
            "vendors/facilitation/choose.html",
            {"vendor": vendor, "title": _("Ask for help"), "kinds": Kind.choices},
        )
    if kind not in Kind.values:
        raise Http404
    form = FacilitationRequestForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_facilitation(vendor, request.user, kind, **form.details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your request is in. The office will check it and tell you by e-mail."),
            )
            return redirect("vendors:facilitation")
    return render(
        request,
        "vendors/form_page.html",
        {
            "form": form,
            "vendor": vendor,
            "title": _("Ask for help: %(kind)s") % {"kind": Kind(kind).label},
            "intro": _(
                "The office checks what you send, lists any document still missing and "
                "makes an appointment with you at the klinik or at RPPKUM."
            ),
            "submit": _("Send the request"),
        },
    )
