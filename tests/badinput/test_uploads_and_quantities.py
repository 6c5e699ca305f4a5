"""The one place listing bad uploads, bad quantities and tampered forms and addresses, each
tried through the page a person uses. Uploads: a text file named .jpg, a decompression bomb
(a PNG declaring 81 megapixels in a few kilobytes), a file over the size limit, an SVG with a
script named .svg and named .jpg; on the application's documents, the profile's logo and
cover, and the product photos. Quantities: negative, zero, huge, fractional, words and
non-ASCII digits, when adding and when changing. Tampering: prices in the cart and checkout
forms, another vendor's ids in the dashboard, wrong order and request tokens.

Pages are requested on the English paths (/en/…), so the assertions read the msgids."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from catalog.models import Product, ProductImage
from orders.models import Cart, CartItem, Order
from orders.partnerships.models import PartnershipRequest
from orders.services.cart import MAX_QUANTITY
from tests.catalog.dashboard.test_vendor_products import draft, product_data, sub_category
from tests.factories import HalalCertificateFactory, MembershipFactory, ProductFactory
from tests.orders.helpers import outlets, two_vendor_order
from tests.orders.partnerships.test_partnerships import category_tree, form_data, seller
from tests.vendors.helpers import profile_form
from tests.vendors.test_application import application
from vendors.models import HalalCertificate, Vendor
from website.models import User

pytestmark = pytest.mark.django_db

WagtailImage = get_image_model()


# Bad files ------------------------------------------------------------------------------------


def png(size=(40, 40), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 1 if mode == "1" else (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


TEXT = b"Ini bukan foto, hanya teks biasa.\n"
BOMB = png((9000, 9000), mode="1")  # 81 megapixels in a few kilobytes
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
assert len(BOMB) < 50_000


def oversized(limit_mb: int, head: bytes) -> bytes:
    return head + b"\0" * (limit_mb * 1024 * 1024 + 1 - len(head))


def bad_files(limit_mb, too_big, not_ours, bomb):
    """(file name, content, the reason shown) for every bad upload, for a limit in MB."""
    return [
        pytest.param("foto.jpg", TEXT, not_ours, id="text-named-jpg"),
        pytest.param("bom.png", BOMB, bomb, id="decompression-bomb"),
        pytest.param("besar.png", oversized(limit_mb, b"\x89PNG\r\n\x1a\n"), too_big, id="big"),
        pytest.param("gambar.svg", SVG, not_ours, id="svg-with-script"),
        pytest.param("gambar.jpg", SVG, not_ours, id="svg-named-jpg"),
    ]


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def page(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    bad_files(
        5,
        too_big="The file is 5.0 MB; documents may be at most 5 MB.",
        not_ours="Only PDF, JPEG or PNG files are accepted; this file is none of them.",
        bomb="This image is too large in pixels.",
    ),
)
@pytest.mark.parametrize("field", ["nib_document", "halal_document"])
def test_an_application_document_is_refused_with_the_reason_and_nothing_saved(
    client, field, name, content, reason
):
    data = application(**{field: upload(name, content)})
    if field == "halal_document":
        data.update(halal_number="ID36110000123450825", halal_issued_on="2025-08-01")
    response = client.post("/en/daftar-umkm/", data)
    assert response.status_code == 200
    html = page(response)
    assert reason in html
    assert f'href="#id_{field}"' in html  # the summary names the refused document
    assert "Type both passwords again" in html
    assert not Vendor.objects.exists()
    assert not User.objects.exists()
    assert not HalalCertificate.objects.exists()


@pytest.fixture
def vendor_member():
    return MembershipFactory()


# Django's ImageField refuses what Pillow cannot open (an SVG too) before our own checks
# (size, pixels) run.
DJANGO_NOT_AN_IMAGE = (
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param("foto.jpg", TEXT, DJANGO_NOT_AN_IMAGE, id="text-named-jpg"),
        pytest.param(
            "bom.png",
            BOMB,
            "The photo is too large (9000 × 9000 pixels); at most 40 megapixels.",
            id="decompression-bomb",
        ),
        pytest.param(
            "besar.png",
            oversized(8, png()),
            "The photo is 8.0 MB; photos may be at most 8 MB.",
            id="big",
        ),
        pytest.param("gambar.svg", SVG, DJANGO_NOT_AN_IMAGE, id="svg-with-script"),
        pytest.param("gambar.jpg", SVG, DJANGO_NOT_AN_IMAGE, id="svg-named-jpg"),
    ],
)
@pytest.mark.parametrize("field", ["logo_upload", "cover_upload"])
def test_a_profile_logo_or_cover_is_refused_with_the_reason_and_nothing_saved(
    client, vendor_member, field, name, content, reason
):
    vendor = vendor_member.vendor
    client.force_login(vendor_member.user)
    data = profile_form(vendor, name="Nama Baru", **{field: upload(name, content)})
    response = client.post("/en/dasbor/profil/", data)
    assert response.status_code == 200
    assert reason in page(response)
    vendor.refresh_from_db()
    assert vendor.name != "Nama Baru"
    assert vendor.logo is None and vendor.cover is None
    assert not WagtailImage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    bad_files(
        8,
        too_big="The photo is 8.0 MB; photos may be at most 8 MB.",
        not_ours="This file is not a photo we can open.",
        bomb="The photo is too large (9000 × 9000 pixels); at most 40 megapixels.",
    ),
)
def test_a_product_photo_is_refused_with_the_reason_and_nothing_saved(
    client, vendor_member, name, content, reason
):
    product = draft(vendor_member.vendor, photos=1)
    category = sub_category()
    client.force_login(vendor_member.user)
    images_before = WagtailImage.objects.count()

    response = client.post(
        f"/en/dasbor/produk/{product.pk}/foto/", {"photos": [upload(name, content)]}
    )
    assert response.status_code == 200
    assert f"{name}: {reason}" in page(response)

    # With a good photo alongside: still nothing saved, the bad one named.
    good = SimpleUploadedFile("baik.png", png(), content_type="image/png")
    response = client.post(
        "/en/dasbor/produk/baru/",
        {**product_data(category), "photos": [good, upload(name, content)]},
    )
    assert response.status_code == 200
    assert f"{name}: {reason}" in page(response)
    assert "choose the photos again" in page(response)

    assert Product.objects.count() == 1
    assert ProductImage.objects.count() == 1
    assert WagtailImage.objects.count() == images_before


# Quantities -----------------------------------------------------------------------------------

BAD_QUANTITIES = [
    pytest.param("-1", "Enter a whole number of items, for example 2.", id="negative"),
    pytest.param("0", "The quantity must be at least 1.", id="zero"),
    pytest.param(str(10**30), f"At most {MAX_QUANTITY} of one product per order.", id="10**30"),
    pytest.param("1.5", "Enter a whole number of items, for example 2.", id="fraction"),
    pytest.param("abc", "Enter a whole number of items, for example 2.", id="word"),
    pytest.param("١٢", "Enter a whole number of items, for example 2.", id="arabic-digits"),
    pytest.param("", "Enter a whole number of items, for example 2.", id="empty"),
]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def cart_lines():
    return sorted(CartItem.objects.values_list("product_id", "quantity"))


@pytest.mark.parametrize(("quantity", "reason"), BAD_QUANTITIES)
def test_a_bad_quantity_is_not_added_and_says_why(client, quantity, reason):
    product = ProductFactory(stock=10)
    response = client.post(
        "/en/keranjang/tambah/",
        {"product": product.pk, "quantity": quantity, "next": product.get_absolute_url()},
    )
    assert response.status_code == 302
    assert messages_of(response) == [reason]
    assert cart_lines() == []
    # The shopper sees it on the page they come back to.
    assert reason in page(client.get(f"/en{product.get_absolute_url()}"))


@pytest.mark.parametrize(("quantity", "reason"), BAD_QUANTITIES)
def test_a_bad_new_quantity_leaves_the_cart_as_it_was_and_says_why(client, quantity, reason):
    product = ProductFactory(stock=10)
    client.post("/en/keranjang/tambah/", {"product": product.pk, "quantity": "2"})
    client.get("/en/keranjang/")  # shows the "added" message
    response = client.post("/en/keranjang/ubah/", {"product": product.pk, "quantity": quantity})
    assert response.status_code == 302
    assert messages_of(response) == [reason]
    assert cart_lines() == [(product.pk, 2)]
    assert reason in page(client.get("/en/keranjang/"))


def test_adding_up_beyond_the_per_order_maximum_is_refused(client):
    product = ProductFactory(stock=MAX_QUANTITY * 2)
    client.post("/en/keranjang/tambah/", {"product": product.pk, "quantity": str(MAX_QUANTITY)})
    client.get("/en/keranjang/")  # shows the "added" message
    response = client.post("/en/keranjang/tambah/", {"product": product.pk, "quantity": "1"})
    assert messages_of(response) == [f"At most {MAX_QUANTITY} of one product per order."]
    assert cart_lines() == [(product.pk, MAX_QUANTITY)]


# Tampering ------------------------------------------------------------------------------------


def test_a_price_sent_with_add_to_cart_and_checkout_is_ignored(client):
    outlets()
    product = ProductFactory(stock=10, price=45000)
    client.post(
        "/en/keranjang/tambah/",
        {"product": product.pk, "quantity": "2", "price": "1", "unit_price": "1", "total": "1"},
    )
    assert "Rp\u00a090.000" in page(client.get("/en/keranjang/"))
    response = client.post(
        "/en/checkout/",
        {
            "name": "Rina",
            "email": "rina@example.com",
            "whatsapp": "0812 3456 7890",
            "fulfilment": "pickup_rppkum",
            "address": "",
            "payment_method": "at_outlet",
            "price": "1",
            "unit_price": "1",
            "subtotal": "1",
            "shipping_fee": "0",
            "total": "1",
        },
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.total == order.subtotal == 90000
    assert order.parts.get().lines.get().unit_price == 45000


@pytest.fixture
def two_shops():
    """Two vendors' members; B has a product with a photo and a halal certificate."""
    a = MembershipFactory()
    b = MembershipFactory()
    product_b = draft(b.vendor, photos=1)
    certificate_b = HalalCertificateFactory(vendor=b.vendor)
    return a, b, product_b, certificate_b


def test_another_vendors_product_ids_answer_404_and_change_nothing(client, two_shops):
    a, b, product_b, _certificate = two_shops
    client.force_login(a.user)
    photo = product_b.images.get()
    base = f"/dasbor/produk/{product_b.pk}/"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}foto/").status_code == 404
    category = sub_category()
    posts = {
        base: {**product_data(category, name="Dibajak")},
        f"{base}foto/": {"photos": [SimpleUploadedFile("x.png", png(), "image/png")]},
        f"{base}foto/{photo.pk}/": {f"photo-{photo.pk}-alt_text": "Dibajak"},
        f"{base}foto/{photo.pk}/hapus/": {},
        f"{base}foto/{photo.pk}/naik/": {},
        f"{base}tayangkan/": {},
        f"{base}turunkan/": {},
        f"{base}arsipkan/": {},
        f"{base}usulkan/": {"location": outlets()[0].pk},
    }
    for path, data in posts.items():
        assert client.post(path, data).status_code == 404, path
    product_b.refresh_from_db()
    assert product_b.name != "Dibajak" and product_b.status == Product.Status.DRAFT
    assert product_b.images.count() == 1 and product_b.images.get().alt_text == ""
    assert not product_b.shelf_stock.exists()


def test_an_own_photo_id_under_another_product_or_vice_versa_answers_404(client, two_shops):
    a, _b, product_b, _certificate = two_shops
    own = draft(a.vendor, photos=1)
    client.force_login(a.user)
    foreign_photo = product_b.images.get()
    own_photo = own.images.get()
    assert client.post(f"/dasbor/produk/{own.pk}/foto/{foreign_photo.pk}/hapus/").status_code == 404
    assert (
        client.post(f"/dasbor/produk/{product_b.pk}/foto/{own_photo.pk}/hapus/").status_code == 404
    )
    assert ProductImage.objects.count() == 2


def test_another_vendors_ids_in_dashboard_forms_are_refused(client, two_shops):
    a, b, product_b, certificate_b = two_shops
    category = sub_category()
    client.force_login(a.user)
    # Another vendor's halal certificate is not a choice.
    response = client.post(
        "/en/dasbor/produk/baru/", product_data(category, halal_certificate=certificate_b.pk)
    )
    assert "Select a valid choice" in page(response)
    # Another vendor's id where the form names a vendor, a product's own fields: ignored.
    client.post(
        "/dasbor/produk/baru/",
        {**product_data(category), "vendor": b.vendor.pk, "id": product_b.pk, "pk": product_b.pk},
    )
    created = Product.objects.exclude(pk=product_b.pk).get()
    assert created.vendor == a.vendor
    product_b.refresh_from_db()
    assert product_b.name != created.name
    # Switching to, or reading the documents of, another vendor.
    assert client.post("/dasbor/pilih-usaha/", {"vendor": b.vendor.pk}).status_code == 404
    assert client.post("/dasbor/pilih-usaha/", {"vendor": "1 OR 1=1"}).status_code == 404
    assert client.get(f"/dasbor/dokumen/nib/{b.vendor.pk}/").status_code == 404
    assert client.get(f"/dasbor/dokumen/halal/{certificate_b.pk}/").status_code == 404
    assert client.get(f"/dasbor/dokumen/lain/{a.vendor.pk}/").status_code == 404


def test_another_vendors_order_part_and_partnership_answer_404(client):
    order = two_vendor_order()
    part_a, part_b = order.parts.order_by("vendor__name")
    member_a = MembershipFactory(vendor=part_a.vendor)
    snacks = category_tree()[1]
    other, _user, _product = seller("Pak Budi", snacks)
    client.post(f"/kemitraan/?umkm={other.slug}", form_data(needs="Keripik"))
    request = PartnershipRequest.objects.get()
    client.force_login(member_a.user)
    assert client.get(f"/dasbor/pesanan/{part_a.pk}/").status_code == 200
    assert client.get(f"/dasbor/pesanan/{part_b.pk}/").status_code == 404
    assert client.post(f"/dasbor/pesanan/{part_b.pk}/", {"action": "ready"}).status_code == 404
    detail = f"/dasbor/kemitraan/{request.number}/"
    assert client.get(detail).status_code == 404
    quote = {"action": "quote", "unit_price": "1", "min_order": "1", "lead_time_days": "1"}
    assert client.post(detail, quote).status_code == 404
    assert not request.quotes.exists()


def tampered_tokens(token: str, number: str) -> list[str]:
    return [
        token[:-1],
        token + "x",
        token.upper() if token.upper() != token else token.lower(),
        token[1:] + token[0],
        number,
        "0",
        "-1",
        "9" * 80,
        "%00",
        "' OR 1=1 --",
        "..%2F..%2Fetc%2Fpasswd",
    ]


def test_a_tampered_order_token_answers_404(client):
    order = two_vendor_order()
    assert client.get(order.get_absolute_url()).status_code == 200
    for token in tampered_tokens(order.token, order.number):
        assert client.get(f"/pesanan/{token}/").status_code == 404, token
        assert client.post(f"/pesanan/{token}/bayar/").status_code == 404, token
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_a_tampered_partnership_token_answers_404(client):
    category_tree()
    client.post("/kemitraan/", form_data(category=category_tree()[1].pk))
    request = PartnershipRequest.objects.get()
    assert client.get(request.get_absolute_url()).status_code == 200
    for token in tampered_tokens(request.token, request.number):
        assert client.get(f"/kemitraan/{token}/").status_code == 404, token
        response = client.post(f"/kemitraan/{token}/", {"action": "decline"})
        assert response.status_code == 404, token


def test_a_tampered_cart_id_in_the_cart_forms_changes_nothing(client):
    mine = ProductFactory(stock=10)
    theirs = ProductFactory(stock=10)
    other_cart = Cart.objects.create()
    CartItem.objects.create(cart=other_cart, product=theirs, quantity=3)
    client.post("/en/keranjang/tambah/", {"product": mine.pk, "quantity": "1"})
    for data in (
        {"product": theirs.pk, "quantity": "5", "cart": other_cart.pk},
        {"product": "1; DROP TABLE orders_cartitem", "quantity": "5"},
        {"product": "9" * 40, "quantity": "5"},
    ):
        assert client.post("/en/keranjang/ubah/", data).status_code == 302
        assert client.post("/en/keranjang/hapus/", data).status_code == 302
    assert sorted(CartItem.objects.values_list("cart_id", "product_id", "quantity")) == sorted(
        [
            (other_cart.pk, theirs.pk, 3),
            (Cart.objects.exclude(pk=other_cart.pk).get().pk, mine.pk, 1),
        ]
    )
