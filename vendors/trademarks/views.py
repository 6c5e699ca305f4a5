"""The owner's trademark pages under /dasbor/merek/. Every page reads through
``Trademark.objects.for_vendor(vendor_or_404(request))``: another business's record is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.views import form_done
from vendors.access import vendor_or_404
from vendors.views import serve_document

from . import services
from .forms import DjkiDecisionForm, TrademarkForm
from .models import Trademark


def _form_page(request, form, vendor, **context):
    return render(request, "vendors/form_page.html", {"form": form, "vendor": vendor, **context})


@login_required
def add_trademark(request):
    vendor = vendor_or_404(request)
    form = TrademarkForm(request.POST or None, request.FILES or None)
    if form_done(
        request,
        form,
        lambda data: services.submit_trademark(
            vendor, request.user, services.TrademarkSubmission(**data)
        ),
        _("Trademark sent. The office will verify it."),
    ):
        return redirect("vendors:dashboard")
    return _form_page(
        request,
        form,
        vendor,
        title=_("Add a trademark"),
        intro=_(
            "Your application to DJKI (the number starts with DID) or, if the mark is "
            "registered already, its certificate (IDM number)."
        ),
        submit=_("Send for verification"),
    )


@login_required
def record_decision(request, pk):
    vendor = vendor_or_404(request)
    trademark = get_object_or_404(Trademark.objects.for_vendor(vendor), pk=pk)
    if trademark.djki_status != Trademark.DjkiStatus.FILED:
        messages.info(request, _("DJKI's decision on this mark is already recorded."))
        return redirect("vendors:dashboard")
    form = DjkiDecisionForm(request.POST or None, request.FILES or None)

    def record(data):
        if data["outcome"] == Trademark.DjkiStatus.REGISTERED:
            services.record_registration(
                trademark,
                request.user,
                data["registration_number"],
                data["registered_on"],
                data["document"],
            )
        else:
            services.record_refusal(trademark, request.user, data["document"])

    if form_done(request, form, record, _("Recorded. The office will verify it.")):
        return redirect("vendors:dashboard")
    return _form_page(
        request,
        form,
        vendor,
        title=_("DJKI's decision on %(mark)s") % {"mark": trademark.mark},
        intro=_("Application %(number)s, class %(class)s.")
        % {"number": trademark.application_number, "class": trademark.nice_class},
        submit=_("Send for verification"),
    )


@login_required
def trademark_document(request, pk):
    """A member's own DJKI document; another business's answers 404, like a wrong id."""
    vendor = vendor_or_404(request)
    trademark = get_object_or_404(Trademark.objects.for_vendor(vendor), pk=pk)
    return serve_document(trademark.document)
