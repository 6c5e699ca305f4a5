"""The invoices' pages: the buyer's on the contract's private link (page, printable page,
PDF, pay by card), and the vendor's list under /dasbor/tagihan/ with "transfer received"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import errors_to_messages, private_response
from orders.payments import PaymentUnavailable, is_configured
from vendors.access import vendor_or_404

from .invoice_forms import TransferReceivedForm
from .invoice_payments import mark_transfer_received, start_card_payment
from .invoice_pdf import NOT_PKP, invoice_pdf
from .invoicing import today
from .models import Invoice

PER_PAGE = 25


def _buyer_invoice(token: str, invoice: int) -> Invoice:
    """The invoice of the contract whose private link this is; 404 for any other."""
    return get_object_or_404(
        Invoice.objects.select_related("vendor", "contract").prefetch_related("lines"),
        contract__token=token,
        pk=invoice,
    )


def _context(invoice: Invoice, **extra) -> dict:
    return {
        "invoice": invoice,
        "vendor": invoice.vendor,
        "not_pkp": NOT_PKP,
        "title": _("Invoice %(number)s") % {"number": invoice.number},
        **extra,
    }


def buyer_invoice(request, token, invoice):
    invoice = _buyer_invoice(token, invoice)
    context = _context(
        invoice,
        token=token,
        paid=request.GET.get("dibayar") == "1",
        # Without Stripe keys (a newcomer's machine) the card button would only fail.
        card_available=is_configured(),
    )
    return private_response(render(request, "contracts/invoices/buyer_detail.html", context))


def buyer_invoice_print(request, token, invoice):
    invoice = _buyer_invoice(token, invoice)
    return private_response(render(request, "contracts/invoices/print.html", _context(invoice)))


def _pdf_response(invoice: Invoice) -> HttpResponse:
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    name = invoice.number.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return private_response(response)


def buyer_invoice_pdf(request, token, invoice):
    return _pdf_response(_buyer_invoice(token, invoice))


@require_POST
def buyer_invoice_pay_card(request, token, invoice):
    invoice = _buyer_invoice(token, invoice)
    page = reverse("contracts:invoice_detail", kwargs={"token": token, "invoice": invoice.pk})
    try:
        session = start_card_payment(
            invoice,
            success_url=request.build_absolute_uri(page) + "?dibayar=1",
            cancel_url=request.build_absolute_uri(page),
        )
    except ValidationError as error:
        errors_to_messages(request, error)
        return private_response(redirect(page))
    except PaymentUnavailable:
        messages.error(
            request, _("Card payment is not available right now; try again in a few minutes.")
        )
        return private_response(redirect(page))
    return private_response(redirect(session["url"]))


# The vendor's side -------------------------------------------------------------------------


@login_required
def vendor_invoices(request):
    vendor = vendor_or_404(request)
    invoices = Invoice.objects.filter(vendor=vendor).select_related("contract")
    page = Paginator(invoices, PER_PAGE).get_page(request.GET.get("page"))
    context = {"vendor": vendor, "page_obj": page, "today": today(), "title": _("Invoices")}
    return render(request, "contracts/invoices/vendor_list.html", context)


def _vendor_invoice(request, invoice: int) -> Invoice:
    vendor = vendor_or_404(request)
    return get_object_or_404(
        Invoice.objects.select_related("vendor", "contract").prefetch_related("lines"),
        vendor=vendor,
        pk=invoice,
    )


@login_required
def vendor_invoice(request, invoice):
    invoice = _vendor_invoice(request, invoice)
    form = TransferReceivedForm(request.POST or None, initial={"paid_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            mark_transfer_received(invoice, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            if invoice.status != Invoice.Status.ISSUED:  # paid already: nothing to correct
                errors_to_messages(request, error)
                return redirect("contracts:vendor_invoice", invoice=invoice.pk)
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("Marked paid by transfer."))
            return redirect("contracts:vendor_invoice", invoice=invoice.pk)
    context = _context(invoice, form=form)
    return render(request, "contracts/invoices/vendor_detail.html", context)


@login_required
def vendor_invoice_pdf(request, invoice):
    return _pdf_response(_vendor_invoice(request, invoice))
