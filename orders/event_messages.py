"""The fixed event texts stored in the request logs, marked for translation so the buyer's
pages show them in the page's language (the log itself stays as written). The order events'
texts are ``OrderEvent.KINDS``."""

from django.utils.translation import gettext_noop

FIXED_EVENT_MESSAGES = [
    gettext_noop("Request sent"),
    gettext_noop("Staff are reviewing the request"),
    gettext_noop("The buyer declined all quotes"),
    gettext_noop("Closed by staff"),
]
