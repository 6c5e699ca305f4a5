"""Small texts vendors and buyers read: the login error, the forms' labels, the vendor's order
table, and the halal badge that comes from a certificate for all products."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.factories import (
    HalalCertificateFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
    VendorFactory,
)
from tests.orders.test_fulfilment import delivery_order, part_of, pay
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def visible_labels(html: str) -> list[str]:
    """The text of every <label> and <legend>, tags stripped (the hidden honeypot aside)."""
    html = re.sub(r'<div class="hp".*?</div>', "", html, flags=re.S)
    found = re.findall(r"<(?:label|legend)\b[^>]*>(.*?)</(?:label|legend)>", html, flags=re.S)
    texts = [unescape(re.sub(r"<[^>]+>", " ", text)).strip() for text in found]
    return [text for text in texts if text]


def test_a_wrong_password_is_explained_in_plain_indonesian(client):
    UserFactory(username="sari", email="sari@example.com")
    response = client.post("/masuk/", {"username": "sari", "password": "salah-sekali"})
    html = unescape(response.content.decode())
    assert "nama pengguna nama pengguna" not in html
    assert "Masukkan e-mail (atau nama pengguna) dan kata sandi yang benar." in html


def test_the_english_login_error_names_the_e_mail_too(client):
    UserFactory(username="sari")
    response = client.post("/en/masuk/", {"username": "sari", "password": "wrong-wrong"})
    assert "Enter the right e-mail (or username) and password." in unescape(
        response.content.decode()
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_label_vendors_and_buyers_read_starts_with_a_capital(client, prefix):
    membership = MembershipFactory(vendor__nib_status=Vendor.NibStatus.REJECTED)
    pages = ["/daftar-umkm/", "/masuk/", "/kemitraan/"]
    for path in pages:
        for text in visible_labels(client.get(prefix + path).content.decode()):
            assert text[0] == text[0].upper(), f"{path}: {text!r}"
    client.force_login(membership.user)
    pages = [
        "/dasbor/profil/",
        "/dasbor/halal/",
        "/dasbor/nib/",
        "/dasbor/produk/baru/",
    ]
    seen = []
    for path in pages:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        for text in visible_labels(response.content.decode()):
            seen.append(text)
            assert text[0] == text[0].upper(), f"{path}: {text!r}"
    if not prefix:
        assert "Nomor WhatsApp" in seen


def test_the_application_labels_read_capitalised_in_indonesian(client):
    labels = visible_labels(client.get("/daftar-umkm/").content.decode())
    assert {"Nomor WhatsApp", "Kode KBLI", "Dokumen NIB"} <= set(labels)


def test_the_vendors_order_lines_have_distinct_column_headings(client):
    vendor = VendorFactory()
    client.force_login(MembershipFactory(vendor=vendor).user)
    part = part_of(pay(delivery_order(vendor)), vendor)
    html = client.get(reverse("fulfilment:part", args=[part.pk])).content.decode()
    headings = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
    assert headings == ["Produk", "Jml.", "Subtotal"]


def covered_vendor():
    vendor = VendorFactory()
    HalalCertificateFactory(vendor=vendor, number="ID36030000123450825", covers_all_products=True)
    return vendor


def test_the_product_page_says_the_halal_badge_comes_from_a_certificate_for_all(client):
    product = ProductFactory(vendor=covered_vendor(), halal_certificate=None)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Halal: dicakup sertifikat ID36030000123450825 untuk semua produk" in html


def test_the_vendors_list_and_form_say_so_next_to_the_halal_badge(client):
    vendor = covered_vendor()
    product = ProductFactory(vendor=vendor, halal_certificate=None, name="Keripik Tempe")
    client.force_login(MembershipFactory(vendor=vendor).user)
    note = "Halal: dicakup sertifikat ID36030000123450825 untuk semua produk"
    listing = client.get("/dasbor/produk/").content.decode()
    assert 'class="badge badge-halal"' in listing
    assert note in listing
    assert note in client.get("/dasbor/").content.decode()
    assert note in client.get(f"/dasbor/produk/{product.pk}/").content.decode()
    english = client.get("/en/dasbor/produk/baru/").content.decode()
    assert "Halal: covered by certificate ID36030000123450825 for all products" in english


def test_without_a_certificate_for_all_no_note_is_shown(client):
    vendor = VendorFactory()
    HalalCertificateFactory(vendor=vendor, covers_all_products=False)
    ProductFactory(vendor=vendor, halal_certificate=None)
    client.force_login(MembershipFactory(vendor=vendor).user)
    listing = client.get("/dasbor/produk/").content.decode()
    assert "untuk semua produk" not in listing
    assert 'class="badge badge-halal"' not in listing


def test_the_checkout_labels_start_with_a_capital(client):
    from tests.orders.helpers import outlets
    from tests.orders.test_checkout import fill_cart

    outlets()
    fill_cart(client, (ProductFactory(), 1))
    labels = visible_labels(client.get("/checkout/").content.decode())
    assert "Nomor WhatsApp" in labels
    for text in labels:
        assert text[0] == text[0].upper(), text
