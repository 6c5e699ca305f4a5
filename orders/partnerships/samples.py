"""Samples before committing: the buyer asks a matched vendor for one (a short note), the
vendor marks it sent (how: courier, receipt number). Each once; each a RequestEvent and an
e-mail to the other side. The state lives on the ``RequestMatch``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vendors.models import Vendor

from .models import RequestMatch
from .services import _log, _notify

NOTE_MAX = 300


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(_("A note can be at most %(max)s characters.") % {"max": NOTE_MAX})
    return note


@transaction.atomic
def ask_for_sample(partnership, vendor_id, note: str = "") -> RequestMatch:
    """The buyer asks one matched vendor for a sample; asking twice is refused."""
    note = _note(note)
    match = (
        RequestMatch.objects.select_for_update()
        .select_related("vendor", "request")
        .filter(request_id=partnership.pk, vendor_id=vendor_id)
        .first()
    )
    if match is None:
        raise PermissionDenied
    if not match.request.is_open:
        raise ValidationError(_("This request is closed; no samples can be asked for."))
    if match.sample_requested_at is not None:
        raise ValidationError(
            _("You already asked %(vendor)s for a sample; they have been told.")
            % {"vendor": match.vendor.name}
        )
    match.sample_requested_at = timezone.now()
    match.sample_request_note = note
    match.save(update_fields=["sample_requested_at", "sample_request_note"])
    _log(match.request, "sample_asked", {"vendor": match.vendor.name})
    _notify(partnership.pk, "sample_asked", match.vendor_id)
    return match


@transaction.atomic
def mark_sample_sent(partnership, vendor, user, note: str = "") -> RequestMatch:
    """The vendor marks the sample the buyer asked for as sent; only once, only if asked."""
    note = _note(note)
    if not Vendor.objects.for_user(user).filter(pk=vendor.pk).exists():
        raise PermissionDenied
    match = (
        RequestMatch.objects.select_for_update()
        .select_related("request")
        .filter(request_id=partnership.pk, vendor=vendor)
        .first()
    )
    if match is None:
        raise PermissionDenied
    if match.sample_requested_at is None:
        raise ValidationError(_("The buyer has not asked for a sample."))
    if match.sample_sent_at is not None:
        raise ValidationError(_("The sample is already marked as sent."))
    match.sample_sent_at = timezone.now()
    match.sample_sent_note = note
    match.save(update_fields=["sample_sent_at", "sample_sent_note"])
    _log(match.request, "sample_sent", {"vendor": vendor.name}, actor=user)
    _notify(partnership.pk, "sample_sent", vendor.pk)
    return match
