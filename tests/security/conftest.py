"""The world the security tests look at, built once per test."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import ProductImage
from orders.models import Order, OrderPart, OutletAssignment
from orders.partnerships import services as partnerships
from orders.services.checkout import place_order
from orders.services.fulfilment import advance_part
from tests.catalog.helpers import photo
from tests.factories import (
    HalalCertificateFactory,
    MembershipFactory,
    ProductFactory,
    StaffFactory,
    UserFactory,
    VendorFactory,
)
from tests.orders.helpers import cart_with, delivery_checkout, outlets
from tests.orders.partnerships.test_partnerships import request_data
from vendors.facilitation import services as facilitation_services
from vendors.trademarks import services as trademark_services


@pytest.fixture
def world(db):
    """(users by role, keys for URLs and markers): vendor A with a product, its photo, NIB
    and halal documents, a pay-at-outlet pickup order whose part is at the counter, and a
    partnership request, a facilitation request, a trademark application; vendor B; two outlet
    counters' staff; a Wagtail editor; Diskum staff."""
    airport, rppkum = outlets()
    a = MembershipFactory(
        vendor=VendorFactory(name="Usaha Alfa", slug="usaha-alfa"), user__username="alfa"
    )
    b = MembershipFactory(
        vendor=VendorFactory(name="Usaha Beta", slug="usaha-beta"), user__username="beta"
    )
    a.vendor.nib_document.save("nib.pdf", ContentFile(b"%PDF-1.4 NIB Alfa"), save=True)
    certificate = HalalCertificateFactory(vendor=a.vendor)
    certificate.document.save("halal.pdf", ContentFile(b"%PDF-1.4 Halal Alfa"), save=True)
    product = ProductFactory(vendor=a.vendor, name="Keripik Rahasia Alfa", stock=10)
    image = ProductImage.objects.create(product=product, image=photo())
    order = place_order(
        cart_with((product, 1)),
        delivery_checkout(
            fulfilment=Order.Fulfilment.PICKUP_RPPKUM,
            payment_method=Order.Payment.AT_OUTLET,
            address="",
        ),
    )
    # Vendor A has brought it to the counter: the counter could hand it over now.
    advance_part(order.parts.get(), a.user, OrderPart.Status.READY)
    request = partnerships.submit_request(
        request_data(vendor=a.vendor), products=[product], ip="192.0.2.1"
    )
    facilitation = facilitation_services.screen(
        facilitation_services.request_facilitation(
            a.vendor, a.user, "hki", mark="Alfa", nice_class=30
        ),
        StaffFactory(username="petugas-klinik"),
        "Etiket merek Alfa",
    )
    trademark = trademark_services.submit_trademark(
        a.vendor,
        a.user,
        trademark_services.TrademarkSubmission(
            mark="Alfa Renyah",
            nice_class=30,
            application_number="DID2025000777",
            filed_on=datetime.date(2025, 2, 3),
            document=SimpleUploadedFile("merek.pdf", b"%PDF-1.4 Merek Alfa"),
        ),
    )
    invoice = _invoice_of(a.vendor)
    counter, gate = UserFactory(username="loket-rppkum"), UserFactory(username="loket-t3")
    OutletAssignment.objects.create(user=counter, location=rppkum)
    OutletAssignment.objects.create(user=gate, location=airport)
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    users = {
        "anonymous": None,
        "buyer": None,
        "vendor_a": a.user,
        "vendor_b": b.user,
        "outlet_staff": counter,
        "other_outlet_staff": gate,
        "editor": editor,
        "staff": StaffFactory(username="diskum"),
    }
    keys = {
        "vendor": a.vendor.pk,
        "vendor_name": a.vendor.name,
        "product": product.pk,
        "product_name": product.name,
        "image": image.pk,
        "certificate": certificate.pk,
        "part": order.parts.get().pk,
        "order": order.pk,
        "order_number": order.number,
        "order_token": order.token,
        "outlet_name": rppkum.name,
        "request_number": request.number,
        "request_token": request.token,
        "facilitation": facilitation.pk,
        "facilitation_missing": facilitation.missing_documents,
        "trademark": trademark.pk,
        "trademark_number": trademark.application_number,
        "invoice": invoice.pk,
        "invoice_number": invoice.number,
        "contract_token": invoice.contract.token,
    }
    return users, keys


def _invoice_of(vendor):
    """A supply contract of ``vendor`` with one delivery received and its invoice issued."""
    from orders.contracts import invoicing
    from tests.orders.contracts.helpers_invoices import make_contract, receive

    return invoicing.delivery_received(receive(make_contract(vendor)))
