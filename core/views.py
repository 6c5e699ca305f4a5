"""Small helpers the apps' views share."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.functional import SimpleLazyObject
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


def errors_to_form(form, error) -> None:
    """A service's refusal (ValidationError) shown on the form: on its field where it names
    one of the form's, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error)


def form_done(request, form, call, success) -> bool:
    """A posted, valid form handed to its service (``call(cleaned_data)``): True when the
    service took it (``success`` queued as a message), False when there is a form to show
    again, with the service's refusal on it and what was typed kept."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        errors_to_form(form, error)
        return False
    messages.success(request, success)
    return True


def page_size() -> int:
    """Products per page in the catalog and on the outlet pages."""
    return getattr(settings, "CATALOG_PAGE_SIZE", 24)


def deferred_context(compute, names) -> dict:
    """A template context whose values are computed only when the template first uses one
    of ``names``: then ``compute()`` runs, once, and returns them all (a dict). A page whose
    parts come whole from {% cache %} fragments never uses them, and so costs nothing of what
    those parts show. Each value stands in for its own (a lazy object), wherever it is used."""
    values = {}

    def value(name):
        if not values:
            values.update(compute())
        return values[name]

    return {name: SimpleLazyObject(partial(value, name)) for name in names}
