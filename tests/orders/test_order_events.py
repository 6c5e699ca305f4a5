"""Order events store a kind and its parameters and are shown in the reader's language,
whatever the language of the request that wrote them; statuses move only as the models'
transition tables allow; the events written before kinds are recognised by a migration."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from orders.models import Order, OrderEvent, OrderPart
from orders.services.checkout import place_order
from orders.services.fulfilment import advance_part
from orders.services.payment import mark_paid
from orders.services.states import move_part, set_order_status
from tests.factories import MembershipFactory, ProductFactory, VendorFactory
from tests.orders.helpers import cart_with, delivery_checkout

pytestmark = pytest.mark.django_db

Part = OrderPart.Status


def page(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def shipped_order() -> Order:
    """Placed, paid by transfer and shipped by its vendor, all in English requests."""
    vendor = VendorFactory(name="Keripik Tempe Bu Sari")
    product = ProductFactory(vendor=vendor, price=25000, stock=10)
    with translation.override("en"):
        order = place_order(cart_with((product, 2)), delivery_checkout())
        mark_paid(order, amount=order.total, currency="idr", source="transfer")
        part = order.parts.get()
        user = MembershipFactory(vendor=vendor).user
        advance_part(part, user, Part.SHIPPED, "JNE 0123456789")
    order.refresh_from_db()
    return order


def test_the_buyer_reads_the_events_in_the_pages_language(client):
    order = shipped_order()

    indonesian = client.get(page("orders:detail", "id", order.token)).content.decode()
    history = indonesian[indonesian.index("data-history") :]
    assert "Pesanan dibuat; stok ditahan" in history
    assert "Dibayar (transfer bank)" in history
    assert "Keripik Tempe Bu Sari: diproses → dikirim" in history
    assert "Order placed" not in history and "Paid (" not in history

    english = client.get(page("orders:detail", "en", order.token)).content.decode()
    history = english[english.index("data-history") :]
    assert "Order placed; stock reserved" in history
    assert "Paid (bank transfer)" in history
    assert "Keripik Tempe Bu Sari: processing → shipped" in history


def test_the_staff_event_log_reads_indonesian(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "id"
    profile.save()
    order = shipped_order()

    html = admin_client.get(reverse("orders_admin:inspect", args=[order.pk])).content.decode()
    log = html[html.index('id="order-event-log"') :]
    assert "Keripik Tempe Bu Sari: diproses → dikirim" in log
    assert "Diproses → Dikirim" in log  # the part's statuses, not the order's
    assert "Dibayar (transfer bank)" in log


def test_the_vendor_reads_its_parts_history_in_its_language(client):
    order = shipped_order()
    part = order.parts.select_related("vendor").get()
    client.force_login(part.vendor.memberships.get().user)

    html = client.get(page("fulfilment:part", "id", part.pk)).content.decode()
    assert "Keripik Tempe Bu Sari: diproses → dikirim" in html


def test_a_transition_the_order_table_refuses_writes_nothing():
    order = shipped_order()
    events = order.events.count()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        set_order_status(order, Order.Status.PENDING_PAYMENT, kind="placed")

    assert refused.value.messages == ["Not possible: paid cannot become waiting for payment."]
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.events.count() == events


def test_a_transition_the_part_table_refuses_writes_nothing():
    order = shipped_order()
    part = order.parts.get()
    events = order.events.count()

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        move_part(part, order, Part.AWAITING_PAYMENT, kind="part_moved")
    assert refused.value.messages == ["A part that is shipped cannot become waiting for payment."]
    with translation.override("id"), pytest.raises(ValidationError) as refused:
        move_part(part, order, Part.READY, kind="part_moved")
    assert refused.value.messages == [
        "Bagian pesanan berstatus dikirim tidak dapat menjadi siap diambil."
    ]

    part.refresh_from_db()
    assert part.status == Part.SHIPPED
    assert order.events.count() == events


def test_an_unknown_kind_is_never_written():
    order = shipped_order()
    with pytest.raises(ValueError):
        set_order_status(order, Order.Status.COMPLETED, kind="Order completed")
    order.refresh_from_db()
    assert order.status == Order.Status.PAID


# The old text, its kind and parameters, and how it reads now in Indonesian and in English
# (None: as before).
OLD_TEXTS = [
    ("Order placed; stock reserved", "placed", {}, "Pesanan dibuat; stok ditahan", None),
    ("Paid (bank transfer)", "paid", {"source": "transfer"}, "Dibayar (transfer bank)", None),
    (
        "Paid (at the outlet by kasir-t3)",
        "paid_at_outlet",
        {"source": "outlet", "by": "kasir-t3"},
        "Dibayar (di outlet, diterima oleh kasir-t3)",
        None,
    ),
    (
        "Paid (checkout.session.completed)",
        "paid",
        {"source": "card", "stripe_event": "checkout.session.completed"},
        "Dibayar (kartu)",
        "Paid (card)",
    ),
    (
        "Keripik Tempe Bu Sari: processing → ready",
        "part_moved",
        {"vendor": "Keripik Tempe Bu Sari", "old": "processing", "new": "ready"},
        "Keripik Tempe Bu Sari: diproses → siap diambil",
        "Keripik Tempe Bu Sari: processing → ready for pickup",
    ),
    (
        "Refunded 55000 to the buyer (Usaha A)",
        "part_refunded",
        {"amount": 55000, "vendor": "Usaha A"},
        "Rp\xa055.000 dikembalikan kepada pembeli (Usaha A)",
        "Refunded Rp\xa055.000 to the buyer (Usaha A)",
    ),
    (
        "Payment refused: 100 usd does not match 55000 IDR",
        "payment_refused",
        {"received": 100, "currency": "usd", "total": 55000},
        "Pembayaran ditolak: 100 usd tidak sesuai dengan 55000 IDR",
        None,
    ),
    (
        "Transfer receipt rejected: The amount is short.",
        "receipt_rejected",
        {"reason": "The amount is short."},
        "Bukti transfer ditolak: The amount is short.",
        None,
    ),
    (
        "Late payment refund failed: Stripe is down",
        "late_refund_failed",
        {"error": "Stripe is down"},
        "Pengembalian pembayaran yang terlambat gagal: Stripe is down",
        None,
    ),
    (
        "Collected at Sentral Oleh-Oleh T3",
        "collected",
        {"place": "Sentral Oleh-Oleh T3"},
        "Diambil di Sentral Oleh-Oleh T3",
        None,
    ),
    (
        "Partly collected at Sentral Oleh-Oleh T3: 1 of 2 vendor parts handed over; "
        "still open: Dodol Pak Ali",
        "partly_collected",
        {"place": "Sentral Oleh-Oleh T3", "handed": 1, "parts": 2, "open": "Dodol Pak Ali"},
        "Sebagian diambil di Sentral Oleh-Oleh T3: 1 dari 2 bagian penjual diserahkan; "
        "masih terbuka: Dodol Pak Ali",
        None,
    ),
    (
        "Reservation expired; stock released",
        "reservation_expired",
        {},
        "Waktu penahanan habis; stok dilepas",
        None,
    ),
    (
        "Payment cancelled at Stripe",
        "payment_cancelled",
        {},
        "Pembayaran dibatalkan di Stripe",
        None,
    ),
    # Not recognised: kept as written.
    ("Checked by the office", "", {}, "Checked by the office", None),
    ("Somebody: shipped → lost", "", {}, "Somebody: shipped → lost", None),
]


def test_the_migration_turns_the_old_texts_into_kinds():
    order = shipped_order()
    old = [OrderEvent.objects.create(order=order, message=text) for text, *_ in OLD_TEXTS]

    migration = importlib.import_module("orders.migrations.0008_order_events_to_kinds")
    migration.to_kinds(apps, None)

    for event, (text, kind, params, indonesian, english) in zip(old, OLD_TEXTS, strict=True):
        event.refresh_from_db()
        assert (event.kind, event.params) == (kind, params), text
        with translation.override("id"):
            assert event.text == indonesian, text
        with translation.override("en"):
            assert event.text == (english or text), text
