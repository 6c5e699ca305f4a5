"""The day's close at /outlet/<outlet>/tutup/: a supervisor of that outlet (or Diskum staff)
sees today's summary, prints it, and closes the day once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import errors_to_messages

from . import close, sales
from .models import DailyClose
from .sales_views import outlet_or_404


@login_required
@require_http_methods(["GET", "POST"])
def close_day(request, location):
    location = outlet_or_404(request, location)
    if not sales.is_supervisor(request.user, location):
        raise Http404
    today = timezone.localdate()
    if request.method == "POST":
        try:
            close.close_day(location, request.user, today)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The day is closed; the summary is e-mailed."))
        return redirect("outlets:close", location=location.slug)
    closed = DailyClose.objects.filter(location=location, day=today).first()
    data = closed.summary if closed else close.summary(location, today)
    return render(
        request,
        "outlets/sales/close.html",
        {
            "location": location,
            "today": today,
            "closed": closed,
            "s": close.labelled(data),
            "title": _("Day's close · %(outlet)s") % {"outlet": location.name},
        },
    )
