"""The "Koperasi" section of the dashboard (/dasbor/) and the RAT badge of the public
profile, registered in hooks_record.py. Nothing for a micro-business."""

from django.utils.translation import gettext_lazy as _

from vendors.dashboard import DashboardItem

from . import rat_services, services
from .models import AnnualMeeting


def cooperative_section(request, vendor):
    """The record (read-only here), the board, the counts over time, the RATs and their
    state, with the forms to count members and record a RAT."""
    cooperative = services.cooperative_for(vendor)
    if cooperative is None:
        return None
    cooperative = type(cooperative).objects.select_related("village").get(pk=cooperative.pk)
    reasons = {
        event.params.get("year"): event.text
        for event in reversed(list(cooperative.events.filter(kind="rat_rejected")))
    }
    meetings = list(cooperative.meetings.order_by("-book_year"))
    for meeting in meetings:
        rejected = meeting.status == AnnualMeeting.Status.REJECTED
        meeting.reason = reasons.get(meeting.book_year, "") if rejected else ""
    last_year = rat_services.last_book_year()
    return DashboardItem(
        order=4,
        title=_("Cooperative"),
        template="cooperatives/record/dashboard_section.html",
        context={
            "cooperative": cooperative,
            "board": list(cooperative.board_members.all()),
            "counts": list(cooperative.member_counts.order_by("-counted_on")[:12]),
            "meetings": meetings,
            "last_year": last_year,
            "last_year_recorded": any(m.book_year == last_year for m in meetings),
            "deadline": rat_services.rat_deadline(last_year),
        },
    )


def rat_badge_section(request, vendor):
    """ "RAT 2025 held" on the public profile: the last book year's RAT, verified."""
    if vendor.kind not in services.COOPERATIVE_KINDS:
        return None  # no query for a micro-business's profile
    meeting = rat_services.held_rat(vendor)
    if meeting is None:
        return None
    return DashboardItem(
        order=2,
        title=_("Annual members' meeting"),
        template="cooperatives/record/profile_badge.html",
        context={"meeting": meeting},
    )
