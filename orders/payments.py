"""The one module that talks to Stripe. Everything else calls these functions.

IDR is a two-decimal currency at Stripe: Rp 150.000 is sent as 15000000 (see
``to_stripe_amount``). Amounts everywhere else are whole Rupiah.
"""

import json

import stripe
from django.conf import settings

CURRENCY = "idr"


class PaymentUnavailable(Exception):
    """Stripe cannot be reached or refused the request: the order stays payable later."""


class MalformedEvent(ValueError):
    """A webhook whose signature verifies but whose body is not an event we can read."""


def to_stripe_amount(rupiah: int) -> int:
    """Whole Rupiah to Stripe's smallest unit for IDR (a two-decimal currency there)."""
    if not isinstance(rupiah, int) or rupiah < 0:
        raise ValueError("Rupiah amounts are non-negative integers.")
    return rupiah * 100


def from_stripe_amount(amount: int) -> int:
    return int(amount) // 100


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client(http_client=None) -> stripe.StripeClient:
    """A StripeClient from settings (no global api_key): easy to point at a test server."""
    if not is_configured():
        raise PaymentUnavailable("Stripe is not configured.")
    options = {"max_network_retries": 1}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    if http_client is None:
        # The library waits 80 s for an answer by default, far longer than a buyer waits at
        # checkout; a slow Stripe should end as "try again in a few minutes" instead.
        http_client = stripe.new_default_http_client(timeout=settings.STRIPE_TIMEOUT_SECONDS)
    options["http_client"] = http_client
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.StripeError as error:
        raise PaymentUnavailable(str(error)) from error


def create_checkout_session(order, *, success_url: str, cancel_url: str, http_client=None):
    """A hosted Checkout Session for the whole order, every line priced by the server."""
    line_items = []
    for part in order.parts.all():
        for line in part.lines.all():
            line_items.append(
                {
                    "quantity": line.quantity,
                    "price_data": {
                        "currency": CURRENCY,
                        "unit_amount": to_stripe_amount(line.unit_price),
                        "product_data": {"name": f"{line.product_name} — {part.vendor.name}"},
                    },
                }
            )
        if part.shipping_fee:
            line_items.append(
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": CURRENCY,
                        "unit_amount": to_stripe_amount(part.shipping_fee),
                        "product_data": {"name": f"Ongkos kirim — {part.vendor.name}"},
                    },
                }
            )
    params = {
        "mode": "payment",
        "line_items": line_items,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "customer_email": order.email,
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "payment_intent_data": {"metadata": {"order_number": order.number}},
        "locale": "id" if order.language == "id" else "en",
        "expires_at": int(order.reserved_until.timestamp()) if order.reserved_until else None,
    }
    params = {k: v for k, v in params.items() if v is not None}
    stripe_client = client(http_client)
    return _call(
        stripe_client.v1.checkout.sessions.create,
        params,
        {"idempotency_key": f"checkout-{order.number}-{int(order.reserved_until.timestamp())}"}
        if order.reserved_until
        else None,
    )


def retrieve_checkout_session(session_id: str, http_client=None):
    return _call(client(http_client).v1.checkout.sessions.retrieve, session_id)


def retrieve_payment_intent(payment_intent_id: str, http_client=None):
    return _call(client(http_client).v1.payment_intents.retrieve, payment_intent_id)


def refund(payment_intent_id: str, amount_rupiah: int, *, key: str, http_client=None):
    return _call(
        client(http_client).v1.refunds.create,
        {"payment_intent": payment_intent_id, "amount": to_stripe_amount(amount_rupiah)},
        {"idempotency_key": key},
    )


def construct_event(payload: bytes, signature: str) -> dict:
    """The verified event as plain data. Raises stripe.SignatureVerificationError (or
    ValueError for a body that is not UTF-8) when the signature does not verify, and
    MalformedEvent when it does but the body is not a JSON object."""
    stripe.WebhookSignature.verify_header(
        payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=300
    )
    try:
        event = json.loads(payload)
    except (ValueError, RecursionError) as error:
        raise MalformedEvent("not JSON") from error
    if not isinstance(event, dict):
        raise MalformedEvent("not a JSON object")
    return event


def create_invoice_checkout_session(
    invoice, *, success_url: str, cancel_url: str, http_client=None
):
    """A hosted Checkout Session for a supply contract's invoice: one line, its total (tax
    included); the metadata names the invoice, so the webhook marks it paid."""
    params = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": to_stripe_amount(invoice.total),
                    "product_data": {"name": f"{invoice.number} — {invoice.vendor.name}"},
                },
            }
        ],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": f"invoice-{invoice.pk}",
        "metadata": {"invoice_id": str(invoice.pk), "invoice_number": invoice.number},
        "payment_intent_data": {"metadata": {"invoice_number": invoice.number}},
    }
    return _call(
        client(http_client).v1.checkout.sessions.create,
        params,
        {"idempotency_key": f"invoice-{invoice.pk}-{invoice.total}"},
    )
