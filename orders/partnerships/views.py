"""Partnership pages. The buyer's: the request form (/kemitraan/) and the private page of a
request (/kemitraan/<token>/), where quotes are compared and accepted. The vendor's: its
requests under the dashboard (/dasbor/kemitraan/). Views stay thin: every change goes through
``services``; every vendor lookup through ``selectors.vendor_requests``."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Product
from core.cache import cacheable_for_anonymous
from core.throttle import client_address
from core.views import errors_to_messages, private_response
from vendors.access import vendor_or_404
from vendors.models import Vendor

from . import services, views_negotiation
from .forms import MessageForm, PartnershipRequestForm, QuoteForm
from .models import PartnershipRequest, Quote
from .selectors import buyer_quotes, messages_by_vendor, vendor_quotes, vendor_requests

Status = PartnershipRequest.Status
MIN_TOKEN_LENGTH = 40
VENDOR_PAGE_SIZE = 20
SLUG_MAX = 150

# The status in words, as the buyer reads it on the private page.
BUYER_STATUS_TEXT = {
    Status.NEW: gettext_lazy(
        "Your request has arrived. The office or the business looks at it soon."
    ),
    Status.IN_REVIEW: gettext_lazy(
        "The office is reviewing your request and looking for businesses that can supply it."
    ),
    Status.MATCHED: gettext_lazy(
        "Your request went to businesses that can supply it. Their quotes will appear here."
    ),
    Status.QUOTED: gettext_lazy(
        "You have quotes. Compare them below and accept the one that suits you."
    ),
    Status.ACCEPTED: gettext_lazy(
        "You accepted a quote. The supply contract with the business is set up below."
    ),
    Status.DECLINED: gettext_lazy("You declined all quotes. This request is closed."),
    Status.CLOSED: gettext_lazy("This request is closed."),
}


def _posted_id(request, name: str) -> int | None:
    """A row id from the form, or None: digits only, and small enough for any database."""
    value = request.POST.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


# The request form ---------------------------------------------------------------------------


def _addressee(request):
    """Whom the request goes to, from ``?produk=<slug>`` or ``?umkm=<slug>``: (vendor, product,
    notes). A slug that is unknown or not public is ignored with a note; the request then goes
    to the platform."""
    notes = []
    vendor = product = None
    product_slug = request.GET.get("produk", "").strip()[:SLUG_MAX]
    vendor_slug = request.GET.get("umkm", "").strip()[:SLUG_MAX]
    if product_slug:
        # Only a well-formed slug reaches the database (PostgreSQL refuses a NUL byte).
        if slug_re.fullmatch(product_slug):
            product = (
                Product.objects.public().select_related("vendor").filter(slug=product_slug).first()
            )
        if product is None:
            notes.append(_("The product in the link is not available, so it is not filled in."))
        else:
            vendor = product.vendor
    if vendor is None and vendor_slug:
        if slug_re.fullmatch(vendor_slug):
            vendor = Vendor.objects.public().filter(slug=vendor_slug).first()
        if vendor is None:
            notes.append(_("The business in the link cannot take requests right now."))
    if notes:
        notes.append(_("Your request goes to the office, which finds suitable businesses."))
    return vendor, product, notes


@cacheable_for_anonymous  # the same form for every anonymous visitor of this address
def request_form(request):
    vendor, product, notes = _addressee(request)
    data = request.POST if request.method == "POST" else None
    # A blank form is only made if its cached fields are missing (request_form.html).
    form = SimpleLazyObject(lambda: PartnershipRequestForm(data, vendor=vendor, product=product))
    status = 200
    if data is not None and form.is_valid():
        try:
            partnership = services.submit_request(
                form.request_data(), products=form.chosen_products(), ip=client_address(request)
            )
        except services.RateLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your request %(number)s is sent. We e-mailed the link to this "
                    "page to %(email)s: keep it to follow the request and compare quotes."
                )
                % {"number": partnership.number, "email": partnership.email},
            )
            return redirect(partnership.get_absolute_url())
    return render(
        request,
        "orders/partnerships/request_form.html",
        {
            "form": form,
            "form_bound": data is not None,
            "vendor": vendor,
            "product": product,
            "notes": notes,
            "title": _("Partnership request"),
        },
        status=status,
    )


# The buyer's private page -------------------------------------------------------------------


def _buyer_threads(partnership, form_for=None, bound_form=None):
    """One thread per vendor the request is shown to, oldest match first, with the sample
    asked of it (``match``)."""
    by_vendor = messages_by_vendor(partnership)
    threads = []
    for match in partnership.matches.select_related("vendor").order_by("created_at", "pk"):
        vendor = match.vendor
        form = bound_form if vendor.pk == form_for else MessageForm(prefix=f"v{vendor.pk}")
        threads.append(
            {"vendor": vendor, "match": match, "messages": by_vendor[vendor.pk], "form": form}
        )
    return threads


def _buyer_page(request, partnership, *, form_for=None, bound_form=None, status=200, bound=None):
    quotes = buyer_quotes(partnership)
    can_accept = PartnershipRequest.TRANSITIONS.allows(partnership.status, Status.ACCEPTED)
    for quote in quotes:
        quote.can_accept = can_accept and quote.status == Quote.Status.OPEN and not quote.is_expired
    views_negotiation.decorate_buyer_quotes(partnership, quotes, bound)
    threads = _buyer_threads(partnership, form_for, bound_form)
    views_negotiation.sample_forms(threads, bound)
    response = render(
        request,
        "orders/partnerships/detail.html",
        {
            "partnership": partnership,
            "status_text": BUYER_STATUS_TEXT.get(partnership.status, ""),
            "products": list(partnership.products.select_related("vendor")),
            "events": list(partnership.events.all()),
            "quotes": quotes,
            "can_decline": can_accept
            and any(quote.status == Quote.Status.OPEN for quote in quotes),
            "threads": threads,
            "can_ask_sample": partnership.is_open,
            "title": _("Request %(number)s") % {"number": partnership.number},
        },
        status=status,
    )
    return private_response(response)


def _buyer_action(request, partnership):
    """Handle one POST of the buyer's page; return a response, or None to redirect back."""
    action = request.POST.get("action")
    if action == "accept":
        quote_id = _posted_id(request, "quote")
        if quote_id is None:
            messages.error(request, _("This quote cannot be accepted."))
            return None
        try:
            quote = services.accept_quote(partnership, quote_id)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(
                request,
                _(
                    "You accepted the quote from %(vendor)s. Set up the supply contract below; "
                    "the other businesses are told."
                )
                % {"vendor": quote.vendor.name},
            )
        return None
    if action == "decline":
        try:
            services.decline_all(partnership)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("You declined all quotes. The businesses are told."))
        return None
    if action == "message":
        vendor_id = _posted_id(request, "vendor")
        if vendor_id is None:
            raise Http404
        match = partnership.matches.select_related("vendor").filter(vendor_id=vendor_id).first()
        if match is None:
            raise Http404
        vendor = match.vendor
        form = MessageForm(request.POST, prefix=f"v{vendor.pk}")
        status = 200
        if form.is_valid():
            try:
                services.post_message(
                    partnership, vendor, form.cleaned_data["body"], from_buyer=True
                )
            except PermissionDenied as error:
                raise Http404 from error
            except services.RateLimited as error:
                form.add_error("body", error)
                status = 429
            except ValidationError as error:
                form.add_error("body", error)
            else:
                messages.success(request, _("Message sent to %(vendor)s.") % {"vendor": vendor})
                return redirect(f"{partnership.get_absolute_url()}#thread-{vendor.pk}")
        return _buyer_page(request, partnership, form_for=vendor.pk, bound_form=form, status=status)
    return None


def request_detail(request, token):
    # Tokens are 43 URL-safe characters; anything else is not worth a database query (and
    # PostgreSQL would refuse a NUL byte).
    if len(token) < MIN_TOKEN_LENGTH or not slug_re.match(token):
        raise Http404
    partnership = get_object_or_404(
        PartnershipRequest.objects.select_related("vendor", "category", "category__parent"),
        token=token,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action in views_negotiation.BUYER_ACTIONS:  # counter-offers and samples
            page = partial(_buyer_page, request, partnership)
            response = views_negotiation.buyer_action(request, partnership, action, page)
        else:
            response = _buyer_action(request, partnership)
        if response is not None:
            return response
        return private_response(redirect(partnership.get_absolute_url()))
    return _buyer_page(request, partnership)


# The vendor's pages -------------------------------------------------------------------------


@login_required
def vendor_request_list(request):
    vendor = vendor_or_404(request)
    page_obj = Paginator(vendor_requests(vendor), VENDOR_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "orders/partnerships/vendor_list.html",
        {
            "vendor": vendor,
            "page_obj": page_obj,
            "partnership_requests": page_obj.object_list,
            "title": _("Partnership requests"),
        },
    )


def _vendor_quote(request, partnership, vendor):
    """A vendor's POSTed quote: (form, response); the response is the redirect after a quote
    that was sent, else None and the form carries the errors."""
    form = QuoteForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            services.submit_quote(partnership, vendor, request.user, **form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your quote is sent. The buyer is told by e-mail."))
            # The top of the page, where the confirmation shows: "#quotes" scrolled it out of
            # sight, and a redirect without a fragment keeps the form's.
            return form, redirect(f"{_vendor_url(partnership)}#")
    return form, None


def _vendor_message(request, partnership, vendor):
    """A vendor's POSTed message to the buyer: (form, status, response), as ``_vendor_quote``;
    the status is 429 when the thread is over its hourly limit."""
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_message(
                partnership,
                vendor,
                form.cleaned_data["body"],
                from_buyer=False,
                user=request.user,
            )
        except PermissionDenied as error:
            raise Http404 from error
        except services.RateLimited as error:
            form.add_error("body", error)
            return form, 429, None
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Message sent to the buyer."))
            return form, 200, redirect(f"{_vendor_url(partnership)}#thread")
    return form, 200, None


def _vendor_url(partnership) -> str:
    return reverse("partnerships:vendor_detail", args=[partnership.number])


def _vendor_page(  # noqa: PLR0913
    request, vendor, partnership, quote_form, message_form, status=200, answer_form=None
):
    own_quotes = vendor_quotes(partnership, vendor)
    negotiation = views_negotiation.vendor_context(partnership, vendor, own_quotes, answer_form)
    return render(
        request,
        "orders/partnerships/vendor_detail.html",
        {
            "vendor": vendor,
            "partnership": partnership,
            "products": list(partnership.products.select_related("vendor")),
            "own_quotes": own_quotes,
            "thread": list(partnership.messages.filter(vendor=vendor)),
            "can_quote": partnership.is_open,
            "quote_form": quote_form,
            "message_form": message_form,
            "title": _("Request %(number)s") % {"number": partnership.number},
            **negotiation,
        },
        status=status,
    )


@login_required
def vendor_request_detail(request, number):
    vendor = vendor_or_404(request)
    if not slug_re.match(number):
        raise Http404
    partnership = get_object_or_404(vendor_requests(vendor), number=number)
    quote_form = QuoteForm(partnership=partnership)
    message_form = MessageForm()
    answer_form = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action in views_negotiation.VENDOR_ACTIONS:
            answer_form, response = views_negotiation.vendor_action(
                request, partnership, vendor, action
            )
        elif action == "quote":
            quote_form, response = _vendor_quote(request, partnership, vendor)
        elif action == "message":
            message_form, status, response = _vendor_message(request, partnership, vendor)
        else:
            response = redirect(_vendor_url(partnership))
        if response is not None:
            return response
    return _vendor_page(request, vendor, partnership, quote_form, message_form, status, answer_form)
