"""The cooperative's own pages under /dasbor/koperasi/: a member count, a RAT (and its
correction when staff sent it back), its RAT reports. Every page starts from the vendor the
signed-in user runs (``vendor_or_404``): another cooperative's RAT is a 404, and so is any
page for someone who runs a micro-business."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.views import form_done
from vendors.access import vendor_or_404
from vendors.views import serve_document

from . import rat_services, services
from .models import AnnualMeeting
from .record_forms import MemberCountForm, RatCorrectionForm, RatForm


def _cooperative_or_404(request):
    cooperative = services.cooperative_for(vendor_or_404(request))
    if cooperative is None:
        raise Http404
    return cooperative


def _form_page(request, form, cooperative, **context):
    return render(
        request,
        "vendors/form_page.html",
        {"form": form, "vendor": cooperative.vendor, **context},
    )


@login_required
def add_member_count(request):
    cooperative = _cooperative_or_404(request)
    form = MemberCountForm(request.POST or None, initial={"counted_on": services.today()})
    if form_done(
        request,
        form,
        lambda data: services.record_member_count(
            cooperative, request.user, data["counted_on"], data["members"]
        ),
        _("Member count recorded."),
    ):
        return redirect("vendors:dashboard")
    return _form_page(
        request,
        form,
        cooperative,
        title=_("Record the number of members"),
        intro=_("The number of members on a date; the latest count is shown on your profile."),
        submit=_("Save the count"),
    )


@login_required
def add_rat(request):
    cooperative = _cooperative_or_404(request)
    initial = {"book_year": rat_services.last_book_year()}
    form = RatForm(request.POST or None, request.FILES or None, initial=initial)
    if form_done(
        request,
        form,
        lambda data: rat_services.record_rat(cooperative, request.user, **data),
        _("RAT sent. The office will verify it."),
    ):
        return redirect("vendors:dashboard")
    return _form_page(
        request,
        form,
        cooperative,
        title=_("Record the annual members' meeting (RAT)"),
        intro=_("One RAT for each book year, held after the year ended, with its report."),
        submit=_("Send for verification"),
    )


@login_required
def correct_rat(request, pk):
    cooperative = _cooperative_or_404(request)
    meeting = get_object_or_404(cooperative.meetings, pk=pk)
    if meeting.status != AnnualMeeting.Status.REJECTED:
        messages.info(request, _("This RAT was not sent back; there is nothing to correct."))
        return redirect("vendors:dashboard")
    initial = {f: getattr(meeting, f) for f in ("held_on", "members_present", "summary")}
    form = RatCorrectionForm(request.POST or None, request.FILES or None, initial=initial)
    if form_done(
        request,
        form,
        lambda data: rat_services.correct_rat(meeting, request.user, **data),
        _("RAT sent again. The office will verify it."),
    ):
        return redirect("vendors:dashboard")
    return _form_page(
        request,
        form,
        cooperative,
        title=_("Correct the RAT of book year %(year)s") % {"year": meeting.book_year},
        intro=_sent_back_because(meeting),
        submit=_("Send again"),
    )


def _sent_back_because(meeting) -> str:
    event = meeting.cooperative.events.filter(
        kind="rat_rejected", params__year=meeting.book_year
    ).first()
    return event.text if event else ""


@login_required
def rat_report(request, pk):
    """The cooperative's own RAT report; another's answers 404, like a wrong id."""
    cooperative = _cooperative_or_404(request)
    return serve_document(get_object_or_404(cooperative.meetings, pk=pk).report)
