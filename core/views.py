"""Small helpers the apps' views share."""

from django.conf import settings
from django.contrib import messages
from wagtail.admin import messages as admin_messages


def private_response(response):
    """A private page: never indexed, its token never leaked through the Referer header,
    never kept by a shared cache."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def errors_to_messages(request, error, *, admin=False) -> None:
    """Each message of a ValidationError (a service refusing a change) as an error message
    on the next page; ``admin`` for the Wagtail admin's own message style."""
    send = admin_messages.error if admin else messages.error
    for text in error.messages:
        send(request, text)


def page_size() -> int:
    """Products per page in the catalog and on the outlet pages."""
    return getattr(settings, "CATALOG_PAGE_SIZE", 24)
