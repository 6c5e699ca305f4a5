import logging

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import payments, services

logger = logging.getLogger(__name__)
MAX_BODY = 512 * 1024


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's signed events. Only a signature that verifies with our secret is heard;
    each event id is handled at most once."""
    if len(request.body) > MAX_BODY:
        return HttpResponseBadRequest("too large")
    signature = request.headers.get("Stripe-Signature", "")
    try:
        event = payments.construct_event(request.body, signature)
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Stripe webhook with a bad signature refused")
        return HttpResponseBadRequest("bad signature")
    outcome = services.record_stripe_event(event)
    return HttpResponse(outcome, content_type="text/plain")
