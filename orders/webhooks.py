import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import payments
from .services.stripe_events import record_stripe_event

logger = logging.getLogger(__name__)
MAX_BODY = 512 * 1024


def _malformed(error):
    logger.warning("Signed Stripe webhook refused as malformed: %s", error)
    return HttpResponseBadRequest("malformed event")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's signed events. Only a signature that verifies with our secret is heard;
    each event id is handled at most once. An error while handling answers 500 and stores
    nothing, so Stripe's retry of that event is handled; a signed payload that is not shaped
    as an event answers 400."""
    if len(request.body) > MAX_BODY:
        return HttpResponseBadRequest("too large")
    signature = request.headers.get("Stripe-Signature", "")
    try:
        event = payments.construct_event(request.body, signature)
    except payments.MalformedEvent as error:
        return _malformed(error)
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Stripe webhook with a bad signature refused")
        return HttpResponseBadRequest("bad signature")
    try:
        outcome = record_stripe_event(event)
    except payments.MalformedEvent as error:
        return _malformed(error)
    return HttpResponse(outcome, content_type="text/plain")
