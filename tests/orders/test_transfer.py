"""Paying by bank transfer: the order reserves stock for the transfer deadline, the order page
shows the collecting account, the exact amount and the deadline, the buyer uploads the receipt
(private, checked like the vendors' documents), staff confirm it (the order is paid through the
same path as Stripe's: ledger, vendor notices, e-mail) or reject it (the buyer is e-mailed and
may send another until the deadline), and an unconfirmed order expires and gives its stock
back. At checkout the ways to pay that cannot be used are greyed out with their reason.

Pages are requested on the English paths (/en/…), so the assertions read the msgids."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.users.models import UserProfile

from catalog.models import Product
from orders.models import LedgerEntry, Order, OrderEvent, OrderPart
from orders.services import transfers
from orders.services.checkout import place_order
from orders.services.reservations import cancel_unpaid, expire_reservations
from tests.factories import MembershipFactory, ProductFactory, UserFactory, VendorFactory
from tests.orders.helpers import cart_with, checkout_form, delivery_checkout, outlets

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 27, 3, 0, tzinfo=UTC)  # Friday 10.00 in Jakarta


@pytest.fixture(autouse=True)
def bank_account(settings):
    settings.TRANSFER_BANK_NAME = "Bank BJB"
    settings.TRANSFER_ACCOUNT_NUMBER = "0012345678901"
    settings.TRANSFER_ACCOUNT_HOLDER = "Diskum Kab. Tangerang"


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in this thread: put the default back, so
    that later tests (a browser test's product URL) are not in English."""
    yield
    translation.activate("id")


@pytest.fixture
def receipts():
    """The private storage (a temporary folder in tests: tests/conftest.py)."""
    return storages["private"]


@pytest.fixture
def staff(admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_user


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def png(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name="bukti.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, png() if content is None else content, content_type)


def transfer_order(**checkout) -> Order:
    a = ProductFactory(vendor=VendorFactory(name="Usaha A"), price=25000, stock=10)
    b = ProductFactory(vendor=VendorFactory(name="Usaha B"), price=40000, stock=10)
    MembershipFactory(vendor=a.vendor, user=UserFactory(email="a@example.com"))
    return place_order(
        cart_with((a, 2), (b, 1)), delivery_checkout(payment_method="transfer", **checkout)
    )


def stocks():
    return sorted(Product.objects.values_list("stock", flat=True))


# Services -----------------------------------------------------------------------------------


def test_a_transfer_order_reserves_stock_until_the_transfer_deadline():
    with time_machine.travel(NOW, tick=False):
        order = transfer_order()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.payment_method == Order.Payment.TRANSFER
    assert order.total == 2 * 25000 + 40000 + 2 * 15000
    assert order.reserved_until == NOW + datetime.timedelta(hours=24)
    assert stocks() == [8, 9]


def test_transfer_is_refused_when_no_account_is_set_up_or_for_a_terminal_3_pickup(settings):
    outlets()
    product = ProductFactory(stock=5)
    with translation.override("en"):
        with pytest.raises(ValidationError, match="Terminal 3"):
            place_order(
                cart_with((product, 1)),
                delivery_checkout(payment_method="transfer", fulfilment="pickup_airport"),
            )
        settings.TRANSFER_ACCOUNT_NUMBER = ""
        with pytest.raises(ValidationError, match="no bank account"):
            place_order(cart_with((product, 1)), delivery_checkout(payment_method="transfer"))
    assert not Order.objects.exists()
    product.refresh_from_db()
    assert product.stock == 5


def test_confirming_the_transfer_pays_the_order_like_stripe_with_events_ledger_and_mail(
    staff, django_capture_on_commit_callbacks
):
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order, outcome = transfers.confirm_transfer(order, staff)

    assert outcome == "paid"
    assert order.status == Order.Status.PAID and order.paid_at is not None
    assert order.receipt_status == Order.Receipt.CONFIRMED
    assert set(order.parts.values_list("status", flat=True)) == {OrderPart.Status.PROCESSING}
    sales = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE)
    assert sorted(sales.values_list("amount", flat=True)) == [55000, 65000]
    with translation.override("en"):
        events = [(event.text, event.actor_id) for event in order.events.all()]
    assert ("Bank transfer confirmed by staff", staff.pk) in events
    assert ("Paid (bank transfer)", None) in events
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["a@example.com", "rina@example.com"]  # buyer, then the vendor
    # A second click changes nothing.
    with translation.override("en"), pytest.raises(ValidationError, match="already paid"):
        transfers.confirm_transfer(order, staff)
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE).count() == 2


def test_only_staff_confirm_or_reject():
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        transfers.confirm_transfer(order, stranger)
    with pytest.raises(PermissionDenied):
        transfers.reject_receipt(order, stranger, "unreadable")
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_rejecting_the_receipt_mails_the_buyer_and_the_order_keeps_waiting(
    staff, django_capture_on_commit_callbacks
):
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    mail.outbox.clear()

    with pytest.raises(ValidationError):
        transfers.reject_receipt(order, staff, "   ")
    with django_capture_on_commit_callbacks(execute=True):
        order = transfers.reject_receipt(order, staff, "The amount is Rp 10.000 short.")

    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.receipt_status == Order.Receipt.REJECTED
    (message,) = mail.outbox
    assert message.to == ["rina@example.com"]
    assert order.number in message.subject
    assert "The amount is Rp 10.000 short." in message.body
    rejected = "Transfer receipt rejected: The amount is Rp 10.000 short."
    with translation.override("en"):
        assert rejected in [
            event.text for event in OrderEvent.objects.filter(order=order, actor=staff)
        ]
    assert stocks() == [8, 9]
    # The buyer sends another receipt; it waits for a check again and replaces the first.
    first = order.transfer_receipt.name
    with django_capture_on_commit_callbacks(execute=True):
        order = transfers.submit_receipt(order, upload("kedua.pdf", PDF, "application/pdf"))
    assert order.receipt_status == Order.Receipt.UPLOADED and order.receipt_note == ""
    assert order.transfer_receipt.name.endswith(".pdf")
    assert not storages["private"].exists(first)


def test_an_unconfirmed_transfer_expires_after_the_deadline_and_releases_the_stock():
    with time_machine.travel(NOW, tick=False):
        order = transfer_order()
        transfers.submit_receipt(order, upload())
    with time_machine.travel(NOW + datetime.timedelta(hours=23, minutes=59), tick=False):
        assert expire_reservations() == 0
    assert stocks() == [8, 9]
    with time_machine.travel(NOW + datetime.timedelta(hours=24, minutes=1), tick=False):
        assert expire_reservations() == 1
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert stocks() == [10, 10]


def test_a_late_transfer_confirmed_by_staff_takes_the_stock_again(staff):
    order = transfer_order()
    cancel_unpaid(order, "reservation_expired")
    assert stocks() == [10, 10]
    order, outcome = transfers.confirm_transfer(order, staff)
    assert outcome == "paid" and order.status == Order.Status.PAID
    assert stocks() == [8, 9]


# The order page and the receipt ------------------------------------------------------------


def test_the_order_page_shows_the_account_the_exact_amount_and_the_deadline(client):
    with time_machine.travel(NOW, tick=False):
        order = transfer_order()
        html = client.get(en("orders:detail", order.token)).content.decode()
    assert "Bank BJB" in html and "0012345678901" in html and "Diskum Kab. Tangerang" in html
    assert re.search(r"data-transfer-amount>Rp\s120\.000<", html)
    assert "Saturday 28 November 2026, 10.00 WIB" in html  # 24 h after, Jakarta time
    assert 'enctype="multipart/form-data"' in html


def test_the_buyer_uploads_a_receipt_by_the_private_link_and_sees_it(client, receipts):
    order = transfer_order()
    response = client.post(en("orders:receipt", order.token), {"receipt": upload()})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.receipt_status == Order.Receipt.UPLOADED
    assert order.transfer_receipt.name.startswith("receipts/")
    assert receipts.exists(order.transfer_receipt.name)
    with pytest.raises(ValueError):  # private: no public address at all
        order.transfer_receipt.url  # noqa: B018
    html = client.get(en("orders:detail", order.token)).content.decode()
    assert "we are checking it" in html
    shown = client.get(en("orders:receipt", order.token))
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert shown["Cache-Control"] == "private, no-store"
    assert b"".join(shown.streaming_content) == png()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("bukti.exe", b"MZ\x90\x00 not an image", "image/png"), "Only PDF, JPEG or PNG"),
        (upload("bukti.png", b"\x89PNG\r\n\x1a\nbroken"), "damaged"),
        (upload("besar.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf"), "at most 5 MB"),
    ],
    ids=["not-an-image", "broken-image", "too-big"],
)
def test_a_receipt_that_is_not_an_image_or_pdf_or_too_big_is_refused_with_the_reason(
    client, file, message
):
    order = transfer_order()
    response = client.post(en("orders:receipt", order.token), {"receipt": file})
    assert response.status_code == 200
    assert message in response.content.decode()
    order.refresh_from_db()
    assert order.receipt_status == "" and not order.transfer_receipt


def test_another_orders_link_cannot_see_or_replace_the_receipt(client):
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    other = place_order(
        cart_with((ProductFactory(stock=3), 1)), delivery_checkout(payment_method="transfer")
    )
    assert client.get(en("orders:receipt", other.token)).status_code == 404  # it has none
    assert client.get(en("orders:receipt", "x" * 43)).status_code == 404
    assert client.post(en("orders:receipt", "x" * 43), {"receipt": upload()}).status_code == 404
    html = client.get(en("orders:detail", other.token)).content.decode()
    assert en("orders:receipt", order.token) not in html


def test_no_receipt_once_the_order_is_paid(client, staff):
    order = transfer_order()
    transfers.confirm_transfer(order, staff)
    response = client.post(en("orders:receipt", order.token), {"receipt": upload()}, follow=True)
    assert "This order is not waiting for a bank transfer." in response.content.decode()
    order.refresh_from_db()
    assert not order.transfer_receipt


# Staff in the admin ------------------------------------------------------------------------


def test_staff_see_the_receipt_and_confirm_the_transfer_in_the_admin(admin_client, staff):
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    page = admin_client.get(reverse("orders_admin:inspect", args=[order.pk]))
    html = page.content.decode()
    assert "data-confirm-transfer" in html and "data-reject-transfer" in html
    receipt = admin_client.get(reverse("orders_admin:receipt", args=[order.pk]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "image/png"
    response = admin_client.post(
        reverse("orders_admin:transfer", args=[order.pk]), {"decision": "confirm"}, follow=True
    )
    assert f"Transfer confirmed: order {order.number} is paid." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PAID


def test_staff_reject_a_receipt_with_a_reason_in_the_admin(admin_client, staff):
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    url = reverse("orders_admin:transfer", args=[order.pk])
    response = admin_client.post(url, {"decision": "reject", "reason": ""}, follow=True)
    assert "Say why, so that the buyer knows what to do." in response.content.decode()
    admin_client.post(url, {"decision": "reject", "reason": "Transfer to another account"})
    order.refresh_from_db()
    assert order.receipt_status == Order.Receipt.REJECTED
    assert order.status == Order.Status.PENDING_PAYMENT


def test_the_receipt_is_not_served_to_anyone_but_staff_in_the_admin(client):
    order = transfer_order()
    transfers.submit_receipt(order, upload())
    client.force_login(UserFactory())
    response = client.get(reverse("orders_admin:receipt", args=[order.pk]))
    assert response.status_code in (302, 403)
    assert client.post(
        reverse("orders_admin:transfer", args=[order.pk]), {"decision": "confirm"}
    ).status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


# Checkout -----------------------------------------------------------------------------------


def radio(html, value) -> str:
    return re.search(rf'<input type="radio" name="payment_method" value="{value}"[^>]*>', html)[0]


def reasons(html) -> list[str]:
    """The reasons shown (not hidden) next to the ways to pay."""
    spans = re.findall(r'<span class="small shop-reason"([^>]*)>([^<]+)</span>', html)
    return [text for attrs, text in spans if " hidden" not in attrs]


def test_without_stripe_a_delivery_is_placed_by_transfer(
    client, django_capture_on_commit_callbacks
):
    product = ProductFactory(stock=10, price=30000)
    client.post(en("orders:add"), {"product": product.pk, "quantity": 2})
    html = client.get(en("orders:checkout")).content.decode()
    assert "disabled" in radio(html, "card")
    assert "checked" in radio(html, "transfer") and "disabled" not in radio(html, "transfer")
    assert "Not available right now: the card payment service is not set up." in reasons(html)
    # Delivery is not said to be impossible (it was, three times, before transfer).
    assert "delivery cannot be paid" not in html and "Not possible right now" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(en("orders:checkout"), checkout_form(payment_method="transfer"))
    order = Order.objects.get()
    assert response["Location"] == en("orders:detail", order.token)
    assert order.payment_method == Order.Payment.TRANSFER and order.total == 75000
    (message,) = mail.outbox
    assert "0012345678901" in message.body and re.search(r"Rp\s75\.000", message.body)


def test_choosing_a_delivery_without_javascript_greys_out_paying_at_the_outlet(client):
    outlets()
    product = ProductFactory(stock=10)
    client.post(en("orders:add"), {"product": product.pk, "quantity": 1})
    data = checkout_form(fulfilment="delivery", payment_method="", name="Rina", choose="1")
    response = client.post(en("orders:checkout"), data)
    html = response.content.decode()
    assert not Order.objects.exists()
    assert 'value="Rina"' in html  # what was typed is kept
    assert "errorlist" not in html  # nothing checked yet
    assert "disabled" in radio(html, "at_outlet")
    assert "Not for a delivery: there is no outlet counter to pay at." in reasons(html)
    data.update(fulfilment="pickup_airport")
    html = client.post(en("orders:checkout"), data).content.decode()
    assert "disabled" in radio(html, "transfer") and "disabled" not in radio(html, "at_outlet")
    assert any("Not for a Terminal 3 pickup" in reason for reason in reasons(html))


def test_a_refused_way_to_pay_is_said_once(client):
    product = ProductFactory(stock=10)
    client.post(en("orders:add"), {"product": product.pk, "quantity": 1})
    html = client.post(en("orders:checkout"), checkout_form(payment_method="at_outlet")).content
    html = html.decode()
    assert html.count("Paying at the outlet is only possible when you collect") == 1
    assert html.count("Not for a delivery: there is no outlet counter to pay at.") == 1
    assert not Order.objects.exists()
