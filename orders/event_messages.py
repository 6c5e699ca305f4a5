"""The fixed event texts stored in the order log, marked for translation so
the buyer's pages show them in the page's language (the log itself stays as written)."""

from django.utils.translation import gettext_noop

FIXED_EVENT_MESSAGES = [
    gettext_noop("Order placed; stock reserved"),
    gettext_noop("Card payment started at Stripe"),
    gettext_noop("Vendor part ready to process"),
    gettext_noop("Vendor part to bring to the outlet; the buyer pays at the counter"),
    gettext_noop("Order completed"),
    gettext_noop("Reservation expired; stock released"),
    gettext_noop("Payment failed; stock released"),
    gettext_noop("Checkout expired; stock released"),
    gettext_noop("Checkout completed; waiting for the bank to confirm"),
    gettext_noop("Late payment refunded in full"),
    gettext_noop("Paid after the reservation expired; stock reserved again"),
    gettext_noop("Transfer receipt uploaded by the buyer"),
    gettext_noop("Bank transfer confirmed by staff"),
    gettext_noop("Paid (bank transfer)"),
    gettext_noop("Bank transfer not booked: the reserved stock is gone"),
]
