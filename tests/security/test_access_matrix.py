"""Who may open which private page or take which private action: one table, every role ×
every private page and action. A row that is denied must also leave nothing changed.

The world: vendor A (a product with a photo, NIB and halal documents, an order to be picked
up and paid at RPPKUM Legok, its part already at the counter, a partnership request
addressed to it) and vendor B, each with a member; a buyer without an account who holds the
order's and the request's private links; staff of the RPPKUM counter and of the Terminal 3
counter; a Wagtail editor who is not Diskum staff; a Diskum staff superuser (the ``world``
fixture, in conftest.py)."""

from dataclasses import dataclass

import pytest

from catalog.models import Product
from orders.contracts.models import Invoice
from orders.models import Order
from orders.partnerships.models import PartnershipRequest, Quote, RequestMessage
from vendors.facilitation.models import FacilitationRequest
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db

WRONG_TOKEN = "x" * 43


@dataclass(frozen=True)
class Allowed:
    """200, showing what the row is about (``marker``, a key of the world), or a redirect."""

    to: str = ""

    def __repr__(self):
        return f"redirect→{self.to}" if self.to else "allowed"


OK = Allowed()
HIDDEN = "200 without vendor A's data"  # the role's own (empty) page, nothing of vendor A
NOT_FOUND = 404
FORBIDDEN = 403
LOGIN = "login"  # 302 to /masuk/?next=…
ADMIN_LOGIN = "admin login"  # 302 to /admin/login/?next=…

ROLES = [
    "anonymous",
    "buyer",
    "vendor_a",
    "vendor_b",
    "outlet_staff",
    "other_outlet_staff",
    "editor",
    "staff",
]


def everyone(expected, **overrides):
    return {role: overrides.get(role, expected) for role in ROLES}


def vendor_page(own, *, other=NOT_FOUND, non_vendor=NOT_FOUND, staff=None):
    """A page under /dasbor/: login first; vendor A allowed; everyone else as given."""
    return everyone(
        non_vendor,
        anonymous=LOGIN,
        buyer=LOGIN,
        vendor_a=own,
        vendor_b=other,
        staff=non_vendor if staff is None else staff,
    )


def outlet_page(allowed):
    return everyone(NOT_FOUND, anonymous=LOGIN, buyer=LOGIN, outlet_staff=allowed, staff=allowed)


def admin_page(staff, editor=FORBIDDEN):
    return everyone(ADMIN_LOGIN, editor=editor, staff=staff)


PRODUCT = "/dasbor/produk/{product}/"
PART = "/dasbor/pesanan/{part}/"
OUTLET = "/outlet/rppkum-legok/"
REQUEST = "/dasbor/kemitraan/{request_number}/"
FACILITATION = "/dasbor/fasilitasi/{facilitation}/"
TRADEMARK = "/dasbor/merek/{trademark}/"
TRADEMARK_ADMIN = "/admin/trademarks/{trademark}/"
INVOICE = "/kemitraan/kontrak/{contract_token}/tagihan/{invoice}/"
WRONG_INVOICE = f"/kemitraan/kontrak/{WRONG_TOKEN}/tagihan/{{invoice}}/"

# (method, url, POST data, what an allowed page shows, expectation per role)
TABLE = [
    # The vendor dashboard and vendor A's product.
    ("get", "/dasbor/", {}, "vendor_name", vendor_page(OK, other=HIDDEN, non_vendor=HIDDEN)),
    ("get", "/dasbor/produk/", {}, "product_name", vendor_page(OK, other=HIDDEN)),
    ("get", PRODUCT, {}, "product_name", vendor_page(OK)),
    ("get", PRODUCT + "foto/", {}, "product_name", vendor_page(OK)),
    ("post", PRODUCT, {"name": "Dibajak"}, "product_name", vendor_page(OK)),
    ("post", PRODUCT + "tayangkan/", {}, "", vendor_page(Allowed(PRODUCT))),
    ("post", PRODUCT + "turunkan/", {}, "", vendor_page(Allowed(PRODUCT))),
    ("post", PRODUCT + "arsipkan/", {}, "", vendor_page(Allowed(PRODUCT))),
    ("post", PRODUCT + "usulkan/", {}, "", vendor_page(Allowed(PRODUCT + "#outlets"))),
    (
        "post",
        PRODUCT + "foto/{image}/hapus/",
        {},
        "",
        vendor_page(Allowed(PRODUCT + "foto/")),
    ),
    (
        "post",
        "/dasbor/pilih-usaha/",
        {"vendor": "{vendor}"},
        "",
        vendor_page(Allowed("/dasbor/")),
    ),
    # Orders and money, vendor side.
    ("get", "/dasbor/pesanan/?status=all", {}, "order_number", vendor_page(OK, other=HIDDEN)),
    ("get", PART, {}, "order_number", vendor_page(OK)),
    ("post", PART, {"status": "ready"}, "", vendor_page(Allowed(PART))),
    ("get", "/dasbor/keuangan/", {}, "vendor_name", vendor_page(OK, other=HIDDEN)),
    # The outlet counter: its own staff and Diskum staff only.
    ("get", OUTLET, {}, "outlet_name", outlet_page(OK)),
    (
        "get",
        "/outlet/sentral-oleh-oleh-t3/",
        {},
        "",
        outlet_page(NOT_FOUND) | {"other_outlet_staff": OK, "staff": OK},
    ),
    (
        "post",
        OUTLET + "{order_number}/bayar/",
        {},
        "",
        outlet_page(Allowed(OUTLET + "#order-{order_number}")),
    ),
    # The handover: a confirmation page, then the confirmed post (hands over and takes the
    # payment of this pay-at-outlet order).
    ("get", OUTLET + "{order_number}/ambil/", {}, "order_number", outlet_page(OK)),
    (
        "post",
        OUTLET + "{order_number}/ambil/",
        {"confirm": "on"},
        "",
        outlet_page(Allowed(OUTLET + "#order-{order_number}")),
    ),
    # The buyer's private order page: the link is the key.
    ("get", "/pesanan/{order_token}/", {}, "order_number", {"buyer": OK}),
    ("get", f"/pesanan/{WRONG_TOKEN}/", {}, "", everyone(NOT_FOUND)),
    ("post", f"/pesanan/{WRONG_TOKEN}/bayar/", {}, "", everyone(NOT_FOUND)),
    # The transfer receipt: by the order's own link only (this card order has none).
    ("get", "/pesanan/{order_token}/bukti-transfer/", {}, "", everyone(NOT_FOUND)),
    ("get", f"/pesanan/{WRONG_TOKEN}/bukti-transfer/", {}, "", everyone(NOT_FOUND)),
    ("post", f"/pesanan/{WRONG_TOKEN}/bukti-transfer/", {}, "", everyone(NOT_FOUND)),
    # Partnership requests: the buyer's private page, the vendor's pages.
    ("get", "/kemitraan/{request_token}/", {}, "request_number", {"buyer": OK}),
    ("get", f"/kemitraan/{WRONG_TOKEN}/", {}, "", everyone(NOT_FOUND)),
    ("post", f"/kemitraan/{WRONG_TOKEN}/", {"action": "decline"}, "", everyone(NOT_FOUND)),
    ("get", "/dasbor/kemitraan/", {}, "request_number", vendor_page(OK, other=HIDDEN)),
    ("get", REQUEST, {}, "request_number", vendor_page(OK)),
    (
        "post",
        REQUEST,
        {"action": "message", "body": "Harga spesial untuk Anda."},
        "",
        vendor_page(Allowed(REQUEST + "#thread")),
    ),
    (
        "post",
        REQUEST,
        {"action": "quote", "unit_price": "1000", "minimum_quantity": "10", "lead_days": "3"},
        "",
        vendor_page(OK),  # an incomplete quote: the form again, for vendor A only
    ),
    # Facilitation requests: the owner's list and request; asking for help (any business
    # asks for its own); the staff's read-only list in the admin.
    (
        "get",
        "/dasbor/fasilitasi/",
        {},
        "facilitation_missing",
        vendor_page(OK, other=HIDDEN),
    ),
    ("get", FACILITATION, {}, "facilitation_missing", vendor_page(OK)),
    ("get", "/dasbor/fasilitasi/baru/pirt/", {}, "", vendor_page(OK, other=OK)),
    (
        "post",
        "/dasbor/fasilitasi/baru/pirt/",
        {"note": "Tolong"},
        "",
        vendor_page(Allowed("/dasbor/fasilitasi/"), other=Allowed("/dasbor/fasilitasi/")),
    ),
    # (An editor who is not Diskum staff is sent back to the admin's home by Wagtail.)
    ("get", "/admin/facilitation/", {}, "vendor_name", admin_page(OK, editor=Allowed("/admin/"))),
    (
        "get",
        "/admin/facilitation/inspect/{facilitation}/",
        {},
        "facilitation_missing",
        admin_page(OK, editor=Allowed("/admin/")),
    ),
    # The staff's actions on a request and the bulk assignment (staff's own results are
    # tested in tests/vendors/facilitation/test_staff_queue.py).
    (
        "post",
        "/admin/facilitation/inspect/{facilitation}/",
        {"step": "decline", "decline-reason": "Dibajak"},
        "",
        admin_page(None, editor=Allowed("/admin/")),
    ),
    (
        "post",
        "/admin/facilitation/inspect/{facilitation}/",
        {"step": "screen", "screen-missing": ""},
        "",
        admin_page(None, editor=Allowed("/admin/")),
    ),
    (
        "post",
        "/admin/facilitation/bulk-assign/",
        {
            "bulk-requests": "{facilitation}",
            "bulk-officer": "{vendor}",
            "bulk-date": "2026-12-05",
            "bulk-time": "10:00",
            "bulk-place": "klinik",
        },
        "",
        admin_page(None, editor=Allowed("/admin/")),
    ),
    # Trademarks: the owner adds one (any business its own), records DJKI's decision on
    # its own application and reads its document; staff's list, record, document, decision.
    ("get", "/dasbor/", {}, "trademark_number", vendor_page(OK, other=HIDDEN, non_vendor=HIDDEN)),
    ("get", "/dasbor/merek/baru/", {}, "", vendor_page(OK, other=OK)),
    ("get", TRADEMARK, {}, "trademark_number", vendor_page(OK)),
    (
        "post",
        TRADEMARK,
        {"outcome": "refused"},  # no document: the form again, for vendor A only
        "trademark_number",
        vendor_page(OK),
    ),
    ("get", TRADEMARK + "dokumen/", {}, "", vendor_page(OK)),
    ("get", "/admin/trademarks/", {}, "trademark_number", admin_page(OK)),
    ("get", TRADEMARK_ADMIN, {}, "trademark_number", admin_page(OK)),
    ("get", TRADEMARK_ADMIN + "document/", {}, "", admin_page(OK)),
    (
        "post",
        TRADEMARK_ADMIN,
        {"decision": "reject", "note": "Dibajak"},
        "",
        admin_page(None),  # staff's decisions are tested in tests/vendors/trademarks/
    ),
    # Private documents: the vendor's own, and the staff's copy in the admin.
    ("get", "/dasbor/dokumen/nib/{vendor}/", {}, "", vendor_page(OK)),
    ("get", "/dasbor/dokumen/halal/{certificate}/", {}, "", vendor_page(OK)),
    ("get", "/admin/verification/vendor/{vendor}/document/", {}, "", admin_page(OK)),
    (
        "get",
        "/admin/verification/certificate/{certificate}/document/",
        {},
        "",
        admin_page(OK),
    ),
    ("get", "/admin/orders/transfer/{order}/receipt/", {}, "", admin_page(NOT_FOUND)),
    (
        "post",
        "/admin/orders/transfer/{order}/",
        {"decision": "confirm"},
        "",
        admin_page(None),  # staff's decisions are tested in tests/orders/test_transfer.py
    ),
    # The Wagtail admin and the verification queue.
    ("get", "/admin/", {}, "", admin_page(OK, editor=OK)),
    ("get", "/admin/verification/", {}, "", admin_page(OK)),
    # A field officer registers a business for its owner (an incomplete post: the form again).
    ("get", "/admin/verification/register/", {}, "", admin_page(OK)),
    ("post", "/admin/verification/register/", {"owner_name": "Dibajak"}, "", admin_page(OK)),
    # The regency's figures and their downloads (numbers checked in
    # tests/vendors/regency_figures/).
    ("get", "/admin/regency-figures/", {}, "", admin_page(OK)),
    ("get", "/admin/regency-figures/", {"export": "csv", "table": "kecamatan"}, "", admin_page(OK)),
    (
        "post",
        "/admin/verification/vendor/{vendor}/",
        {"decision": "suspend", "note": "Dibajak"},
        "",
        admin_page(None),  # staff's decisions are tested in tests/vendors/admin/test_admin.py
    ),
    # Member businesses of cooperatives (the world's vendors are micro-businesses: each has
    # its own "Koperasi saya" page and no cooperative's pages; who reaches which membership
    # is tested in tests/vendors/cooperatives/test_membership_pages.py).
    ("get", "/dasbor/koperasi/", {}, "", vendor_page(OK, other=OK)),
    ("get", "/dasbor/koperasi/?cari=alfa", {}, "", vendor_page(OK, other=OK)),
    ("get", "/dasbor/koperasi/anggota/", {}, "", vendor_page(NOT_FOUND)),
    ("post", "/dasbor/koperasi/anggota/undang/{vendor}/", {}, "", vendor_page(NOT_FOUND)),
    ("post", "/dasbor/koperasi/gabung/{vendor}/", {}, "", vendor_page(NOT_FOUND)),
    # Cooperatives (issue 16, record and RAT): the pages of a cooperative's own admins are
    # a 404 for every micro-business (vendors A and B here; a cooperative's own admins and
    # another cooperative's are in tests/vendors/cooperatives/test_*_pages.py).
    ("post", "/dasbor/koperasi/jumlah-anggota/", {"members": "9"}, "", vendor_page(NOT_FOUND)),
    ("get", "/dasbor/koperasi/rat/baru/", {}, "", vendor_page(NOT_FOUND)),
    ("post", "/dasbor/koperasi/rat/baru/", {"book_year": "2025"}, "", vendor_page(NOT_FOUND)),
    ("get", "/dasbor/koperasi/rat/1/", {}, "", vendor_page(NOT_FOUND)),
    ("get", "/dasbor/koperasi/rat/1/laporan/", {}, "", vendor_page(NOT_FOUND)),
    ("get", "/admin/cooperatives/", {}, "", admin_page(OK)),
    ("get", "/admin/cooperatives/rat/", {}, "", admin_page(OK)),
    ("get", "/admin/cooperatives/rat/terlambat/", {}, "", admin_page(OK)),
    # Clusters in the admin (an editor who is not staff is sent back to the admin's home by
    # Wagtail, with "no permission") and the cooperatives' figures
    # (tests/vendors/cooperatives/).
    ("get", "/admin/snippets/cooperatives/cluster/", {}, "", admin_page(OK, Allowed("/admin/"))),
    (
        "get",
        "/admin/snippets/cooperatives/clusterfield/",
        {},
        "",
        admin_page(OK, Allowed("/admin/")),
    ),
    (
        "get",
        "/admin/snippets/cooperatives/clustermember/add/",
        {},
        "",
        admin_page(OK, Allowed("/admin/")),
    ),
    (
        "get",
        "/admin/regency-figures/",
        {"export": "xlsx", "table": "clusters-sales"},
        "",
        admin_page(OK),
    ),
    # The outlets' figures (tests/orders/outlets/test_figures*.py) and the curation criteria:
    # public page, the admin's snippet, scoring a proposal (tests/catalog/).
    (
        "get",
        "/admin/regency-figures/",
        {"export": "csv", "table": "outlets-weeks"},
        "",
        admin_page(OK),
    ),
    ("get", "/kurasi/", {}, "", everyone(OK)),
    (
        "get",
        "/admin/snippets/catalog/curationcriterion/",
        {},
        "",
        admin_page(OK, Allowed("/admin/")),
    ),
    ("get", "/admin/outlet-curation/stock/999999/scores/", {}, "", admin_page(NOT_FOUND)),
    ("post", "/admin/outlet-curation/stock/999999/scores/", {}, "", admin_page(NOT_FOUND)),
    # The outlet's shelf (tests/orders/outlets/test_shelf*.py): its own staff and Diskum
    # staff only; an empty count changes nothing and comes back with its error.
    ("get", OUTLET + "rak/", {}, "outlet_name", outlet_page(OK)),
    ("get", OUTLET + "rak/terima/", {}, "outlet_name", outlet_page(OK)),
    ("get", OUTLET + "rak/opname/", {}, "outlet_name", outlet_page(OK)),
    ("post", OUTLET + "rak/opname/", {}, "outlet_name", outlet_page(OK)),
    ("get", OUTLET + "rak/retur/", {}, "outlet_name", outlet_page(OK)),
    ("get", OUTLET + "rak/kedaluwarsa/", {}, "outlet_name", outlet_page(OK)),
    (
        "get",
        "/outlet/sentral-oleh-oleh-t3/rak/",
        {},
        "",
        outlet_page(NOT_FOUND) | {"other_outlet_staff": OK, "staff": OK},
    ),
    # Counter sales (issue 17): the outlet's own staff and Diskum staff; the day's close for
    # a supervisor (the RPPKUM staff here is a clerk) and Diskum staff; a receipt number
    # that does not exist is 404 for everyone.
    ("get", OUTLET + "jual/", {}, "outlet_name", outlet_page(OK)),
    (
        "post",
        OUTLET + "jual/",
        {"record": "1", "payment": "cash"},
        "",
        outlet_page(Allowed(OUTLET + "jual/")),
    ),
    ("get", OUTLET + "struk/RPP-20260101-9999/", {}, "", outlet_page(NOT_FOUND)),
    (
        "post",
        OUTLET + "struk/RPP-20260101-9999/batal/",
        {"reason": "x"},
        "",
        outlet_page(NOT_FOUND),
    ),
    ("get", OUTLET + "tutup/", {}, "outlet_name", outlet_page(NOT_FOUND) | {"staff": OK}),
    (
        "post",
        OUTLET + "tutup/",
        {},
        "",
        outlet_page(NOT_FOUND) | {"staff": Allowed(OUTLET + "tutup/")},
    ),
    # Counter-offers and samples (issue 18): the buyer only through the private link, each
    # vendor only on its own quotes' rounds (an unknown round is 404 even to vendor A).
    (
        "post",
        f"/kemitraan/{WRONG_TOKEN}/",
        {"action": "counter", "quote": "1", "q1-unit_price": "1000"},
        "",
        everyone(NOT_FOUND),
    ),
    (
        "post",
        f"/kemitraan/{WRONG_TOKEN}/",
        {"action": "sample", "vendor": "1"},
        "",
        everyone(NOT_FOUND),
    ),
    (
        "post",
        REQUEST,
        {"action": "answer", "round": "999999", "answer": "accept"},
        "",
        vendor_page(NOT_FOUND),
    ),
    (
        "post",
        REQUEST,
        {"action": "sample_sent", "sent-note": "JNE 0123"},
        "",
        vendor_page(Allowed(REQUEST + "#sample")),  # refused politely: no sample was asked
    ),
    # Supply contracts: the buyer by the contract's token only, each vendor its own, staff in
    # the admin (a real contract's rows: tests/orders/contracts/test_contracts_pages.py).
    ("get", f"/kemitraan/kontrak/{WRONG_TOKEN}/", {}, "", everyone(NOT_FOUND)),
    ("post", f"/kemitraan/kontrak/{WRONG_TOKEN}/", {"action": "ask"}, "", everyone(NOT_FOUND)),
    ("get", f"/kemitraan/kontrak/{WRONG_TOKEN}/bast/1/", {}, "", everyone(NOT_FOUND)),
    ("get", f"/kemitraan/kontrak/{WRONG_TOKEN}/bast/1.pdf", {}, "", everyone(NOT_FOUND)),
    ("get", f"/kemitraan/{WRONG_TOKEN}/kontrak/", {}, "", everyone(NOT_FOUND)),
    # The request has no accepted quote yet: no contract form.
    ("get", "/kemitraan/{request_token}/kontrak/", {}, "", everyone(NOT_FOUND)),
    ("get", "/dasbor/kontrak/", {}, "vendor_name", vendor_page(OK, other=HIDDEN)),
    ("get", "/dasbor/kontrak/KK-260101-XXXX/", {}, "", vendor_page(NOT_FOUND)),
    ("post", "/dasbor/kontrak/KK-260101-XXXX/", {"action": "agree"}, "", vendor_page(NOT_FOUND)),
    ("get", "/dasbor/kontrak/KK-260101-XXXX/bast/1.pdf", {}, "", vendor_page(NOT_FOUND)),
    ("get", "/admin/kontrak/", {}, "", admin_page(OK)),
    # Issue 18, the buyer's magic link (asking is open to all; a link that is not ours is
    # refused alike), partnerships outside the site and the partnership figures (staff).
    ("get", "/kemitraan/masuk/", {}, "", everyone(OK)),
    ("get", "/kemitraan/pembeli/bukan-tautan:xx:yy/", {}, "", everyone(410)),
    ("get", "/admin/partnerships-outside/", {}, "", admin_page(OK, Allowed("/admin/"))),
    (
        "post",
        "/admin/partnerships-outside/new/",
        {"buyer_name": "Dibajak", "value": "0"},
        "",
        admin_page(OK, Allowed("/admin/")),
    ),
    ("get", "/admin/partnership-figures/", {}, "", admin_page(OK)),
    ("get", "/admin/partnership-figures/", {"export": "csv", "table": "types"}, "", admin_page(OK)),
    # Partnership invoices: the buyer by the contract's private link only; each vendor its
    # own; staff the overdue list in the admin.
    ("get", INVOICE, {}, "invoice_number", {"buyer": OK}),
    ("get", INVOICE + "cetak/", {}, "invoice_number", {"buyer": OK}),
    ("get", INVOICE + "pdf/", {}, "", {"buyer": OK}),
    ("get", WRONG_INVOICE, {}, "", everyone(NOT_FOUND)),
    ("get", WRONG_INVOICE + "pdf/", {}, "", everyone(NOT_FOUND)),
    ("post", WRONG_INVOICE + "bayar-kartu/", {}, "", everyone(NOT_FOUND)),
    ("get", "/dasbor/tagihan/", {}, "invoice_number", vendor_page(OK, other=HIDDEN)),
    ("get", "/dasbor/tagihan/{invoice}/", {}, "invoice_number", vendor_page(OK)),
    ("get", "/dasbor/tagihan/{invoice}/pdf/", {}, "", vendor_page(OK)),
    (
        "post",
        "/dasbor/tagihan/{invoice}/",
        {"reference": "BCA 1", "paid_on": "2000-01-01"},
        "invoice_number",
        vendor_page(OK),  # vendor A: the date before the invoice is refused on the page
    ),
    ("get", "/admin/tagihan-terlambat/", {}, "", admin_page(OK)),
]

ROWS = [
    pytest.param(role, method, url, data, marker, expected, id=f"{role}-{method}-{url}")
    for method, url, data, marker, expectations in TABLE
    for role, expected in expectations.items()
    if expected is not None
]


def state(keys) -> tuple:
    """What a denied action must not have changed."""
    product = Product.objects.get(pk=keys["product"])
    order = Order.objects.get(number=keys["order_number"])
    request = PartnershipRequest.objects.get(number=keys["request_number"])
    return (
        product.name,
        product.status,
        product.images.count(),
        order.status,
        list(order.parts.values_list("status", flat=True)),
        request.status,
        RequestMessage.objects.count(),
        Quote.objects.count(),
        order.parts.get().vendor.status,
        FacilitationRequest.objects.count(),
        FacilitationRequest.objects.get(pk=keys["facilitation"]).stage,
        Trademark.objects.count(),
        Trademark.objects.values_list("status", "djki_status").get(pk=keys["trademark"]),
        Invoice.objects.values_list("status", "payment_reference").get(pk=keys["invoice"]),
    )


@pytest.mark.parametrize("role, method, url, data, marker, expected", ROWS)
def test_access(client, world, role, method, url, data, marker, expected):
    users, keys = world
    if users[role] is not None:
        client.force_login(users[role])
    url = url.format(**keys)
    data = {name: value.format(**keys) for name, value in data.items()}
    before = state(keys)

    response = getattr(client, method)(url, data)

    status = response.status_code
    location = response.headers.get("Location", "")
    if isinstance(expected, Allowed) and expected.to:
        assert (status, location) == (302, expected.to.format(**keys))
    elif isinstance(expected, Allowed):
        assert status == 200, location
        if marker and not response.streaming:
            assert str(keys[marker]) in response.content.decode()
    elif expected == HIDDEN:
        assert status == 200, location
        page = response.content.decode()
        for private in (
            "product_name",
            "order_number",
            "request_number",
            "facilitation_missing",
            "trademark_number",
            "invoice_number",
        ):
            assert keys[private] not in page
    elif expected == LOGIN:
        assert status == 302
        assert location.startswith("/masuk/?next=")
    elif expected == ADMIN_LOGIN:
        assert status == 302
        assert location.startswith("/admin/login/?next=")
    else:
        assert status == expected, location
    if not isinstance(expected, Allowed) and method == "post":
        assert state(keys) == before
