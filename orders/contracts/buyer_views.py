"""The buyer's pages without a password: ask for a link (/kemitraan/masuk/) and the page the
signed link opens (/kemitraan/pembeli/<signed>/). Private responses: never cached or indexed.
The same answer whether or not the e-mail is known."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.throttle import client_address
from core.views import private_response

from . import buyers

PAGE_SIZE = 20


class LinkForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail"), max_length=254)


def ask_link(request):
    form = LinkForm(request.POST or None)
    status, sent = 200, False
    if request.method == "POST" and form.is_valid():
        try:
            buyers.ask_for_link(
                form.cleaned_data["email"],
                ip=client_address(request),
                language=get_language(),
            )
            sent = True
        except buyers.RateLimited as error:
            form.add_error(None, error)
            status = 429
    context = {"form": form, "sent": sent, "days": buyers.MAX_AGE.days}
    return private_response(render(request, "contracts/buyers/ask.html", context, status=status))


def buyer_home(request, signed):
    try:
        email = buyers.read_link(signed)
    except (buyers.LinkExpired, buyers.LinkInvalid) as error:
        context = {
            "form": LinkForm(),
            "expired": isinstance(error, buyers.LinkExpired),
            "days": buyers.MAX_AGE.days,
        }
        return private_response(
            render(request, "contracts/buyers/bad_link.html", context, status=410)
        )
    page = Paginator(buyers.buyer_entries(email), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"email": email, "page_obj": page, "entries": page.object_list}
    return private_response(render(request, "contracts/buyers/home.html", context))
