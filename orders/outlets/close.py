"""The day's close of an outlet: what was sold at its counter (by payment kind, by vendor with
their shares), what was voided, which pickups were collected; a supervisor closes the day once,
and the summary is e-mailed to the outlet's supervisor e-mail through the task queue."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.time import JAKARTA
from orders.models import Order

from .models import CounterSale, CounterSaleLine, DailyClose, OutletSettings
from .sales import SaleRefused, is_supervisor


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=JAKARTA)
    return start, start + datetime.timedelta(days=1)


def summary(location, day: datetime.date) -> dict:
    """The day's figures as plain data (kept in DailyClose.summary as they stood)."""
    start, end = day_bounds(day)
    sold = CounterSale.objects.filter(location=location, sold_at__gte=start, sold_at__lt=end)
    done = sold.filter(status=CounterSale.Status.COMPLETED)
    by_payment = {
        row["payment"]: {"count": row["count"], "total": row["total"]}
        for row in done.values("payment").annotate(count=Count("pk"), total=Sum("total"))
    }
    lines = CounterSaleLine.objects.filter(sale__in=done)
    vendors = [
        {
            "vendor": row["vendor__name"],
            "amount": row["amount"],
            "margin": row["margin"],
            "share": row["amount"] - row["margin"],
        }
        for row in lines.values("vendor__name")
        .annotate(amount=Sum(F("quantity") * F("unit_price")), margin=Sum("margin"))
        .order_by("vendor__name")
    ]
    voids = [
        {"number": number, "total": total, "reason": reason}
        for number, total, reason in sold.filter(status=CounterSale.Status.VOIDED)
        .order_by("number")
        .values_list("number", "total", "void_reason")
    ]
    pickups = list(
        Order.objects.filter(
            pickup_location=location, collected_at__gte=start, collected_at__lt=end
        )
        .order_by("number")
        .values_list("number", flat=True)
    )
    return {
        "day": day.isoformat(),
        "payments": [
            {"payment": kind, **by_payment.get(kind, {"count": 0, "total": 0})}
            for kind in CounterSale.Payment.values
        ],
        "total": sum(row["total"] for row in by_payment.values()),
        "sales": sum(row["count"] for row in by_payment.values()),
        "vendors": vendors,
        "voids": voids,
        "pickups": pickups,
    }


def close_day(location, user, day: datetime.date | None = None) -> DailyClose:
    """A supervisor closes the day (once per outlet and day); the e-mail follows."""
    if not is_supervisor(user, location):
        raise PermissionDenied
    day = day or timezone.localdate()
    if DailyClose.objects.filter(location=location, day=day).exists():
        raise SaleRefused(_("This day is already closed."), code="closed")
    try:
        with transaction.atomic():
            closed = DailyClose.objects.create(
                location=location, day=day, summary=summary(location, day), closed_by=user
            )
    except IntegrityError:
        raise SaleRefused(_("This day is already closed."), code="closed") from None
    lang = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: send_close_email.enqueue(closed.pk, lang))
    return closed


def payment_label(kind: str) -> str:
    return str(dict(CounterSale.Payment.choices).get(kind, kind))


def labelled(data: dict) -> dict:
    """The stored summary with the payment kinds named in the current language."""
    rows = [{**row, "label": payment_label(row["payment"])} for row in data.get("payments", [])]
    return {**data, "payments": rows}


@task()
def send_close_email(close_id: int, language: str = "id") -> int:
    """The day's summary to the outlet's supervisor e-mail (none set: nothing sent)."""
    closed = DailyClose.objects.select_related("location").get(pk=close_id)
    to = (
        OutletSettings.objects.filter(location=closed.location)
        .values_list("supervisor_email", flat=True)
        .first()
    )
    if not to:
        return 0
    with translation.override(language):
        context = {"close": closed, "location": closed.location, "s": labelled(closed.summary)}
        subject = _("Day's close %(outlet)s %(day)s") % {
            "outlet": closed.location.name,
            "day": closed.day.strftime("%d-%m-%Y"),
        }
        body = render_to_string("outlets/sales/close_email.txt", context)
    sent = send_mail(subject, body, None, [to])
    DailyClose.objects.filter(pk=close_id).update(emailed_at=timezone.now())
    return sent
