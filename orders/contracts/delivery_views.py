"""The delivery receipt (BAST) of a received delivery: a printable page and a PDF, for the
buyer (through the contract's private link) and for the vendor (under its dashboard)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.pdf import render as render_pdf
from core.views import private_response
from vendors.access import vendor_or_404

from .agreements import vendor_contracts
from .bast import bast_paper
from .contract_views import vendor_url
from .models import ContractDelivery, SupplyContract


def _receipt(contracts, sequence, **lookup):
    contract = get_object_or_404(contracts.select_related("vendor"), **lookup)
    delivery = (
        ContractDelivery.objects.filter(
            contract=contract, sequence=sequence, status=ContractDelivery.Status.RECEIVED
        )
        .prefetch_related("lines__contract_line")
        .first()
    )
    if delivery is None:
        raise Http404
    return contract, delivery, list(delivery.lines.all())


def _page(request, contract, delivery, lines, back_url):
    response = render(
        request,
        "contracts/deliveries/bast.html",
        {
            "contract": contract,
            "delivery": delivery,
            "lines": lines,
            "back_url": back_url,
            "title": _("Delivery receipt %(number)s") % {"number": delivery.bast_number},
        },
    )
    return private_response(response)


def _pdf(contract, delivery, lines):
    response = HttpResponse(
        render_pdf(bast_paper(contract, delivery, lines)), content_type="application/pdf"
    )
    filename = delivery.bast_number.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return private_response(response)


def buyer_bast(request, token, sequence):
    contract, delivery, lines = _receipt(SupplyContract.objects, sequence, token=token)
    return _page(request, contract, delivery, lines, contract.get_absolute_url())


def buyer_bast_pdf(request, token, sequence):
    return _pdf(*_receipt(SupplyContract.objects, sequence, token=token))


@login_required
def vendor_bast(request, number, sequence):
    contracts = vendor_contracts(vendor_or_404(request))
    contract, delivery, lines = _receipt(contracts, sequence, number=number)
    return _page(request, contract, delivery, lines, vendor_url(contract))


@login_required
def vendor_bast_pdf(request, number, sequence):
    contracts = vendor_contracts(vendor_or_404(request))
    return _pdf(*_receipt(contracts, sequence, number=number))
