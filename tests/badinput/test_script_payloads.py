"""Script payloads typed by a stranger, an applicant, a vendor or a buyer, in every field they
can fill, come back as text on every page that shows them: the public pages, the
dashboards, the private order and partnership pages and the staff's admin pages. In the
product's JSON-LD they appear only with ``<`` escaped as ``\\u003C``.

A page fails when its HTML, read by a real HTML parser, has a script that would run the
payload, an ``on…`` attribute carrying it, an ``<img src=x>`` of ours, or a ``javascript:``
link or form target."""

import json
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog import services as catalog_services
from catalog.models import Product
from orders.models import Order, OrderPart
from orders.partnerships.models import PartnershipRequest
from orders.services.checkout import place_order
from tests.catalog.helpers import products_with_photos
from tests.factories import CategoryFactory, StaffFactory
from tests.orders.helpers import cart_with, delivery_checkout, outlets
from tests.orders.partnerships.test_partnerships import category_tree, form_data, seller
from tests.vendors.helpers import profile_form
from tests.vendors.test_application import application, png_bytes
from vendors import services as vendor_services
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(2)>'  # 30 characters: fits the product's unit
CLOSE_SCRIPT = "</script><script>alert(3)</script>"
JS_URL = "javascript:alert(4)"
EVIL = SCRIPT + BREAKOUT  # 55 characters: fits every name field
EVIL_TEXT = f"{SCRIPT}\n{BREAKOUT}\n{CLOSE_SCRIPT}\n{JS_URL}"

EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
DATA_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[str, str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on") and "alert(" in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and values.get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "script":
            self._script = [values.get("type", "").strip().lower(), ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], self._script[1]))
            self._script = None


def assert_only_text(response, where: str, *, shown: str | None = "alert(") -> str:
    """The page answered, carries the payload (when ``shown``), and nothing of it can run."""
    assert response.status_code == 200, f"{where}: {response.status_code}"
    page = response.content.decode()
    scan = _Scan()
    scan.feed(page)
    scan.close()
    problems = list(scan.problems)
    for kind, data in scan.scripts:
        if "alert(" not in data:
            continue
        if kind in DATA_TYPES:
            if "<" in data:
                problems.append(f"a raw '<' in a {kind} block")
        else:
            problems.append(f"a <script type={kind!r}> running the payload")
    assert not problems, f"{where}: {problems}"
    assert "<script>alert" not in page.lower(), where
    if shown:
        assert shown in page, f"{where}: the payload is not on the page at all"
    return page


def json_ld_blocks(page: str) -> list[str]:
    scan = _Scan()
    scan.feed(page)
    return [data for kind, data in scan.scripts if kind == "application/ld+json"]


def as_json_script(text: str) -> str:
    """How json_script writes a string: JSON, with < > & as \\u escapes."""
    body = json.dumps(text)[1:-1]
    return body.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


@pytest.fixture
def staff():
    return StaffFactory(username="petugas", email="petugas@example.com")


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


# An applicant, then a vendor ----------------------------------------------------------------


def apply_with_payloads(client) -> Vendor:
    data = application(
        full_name=EVIL,
        name=EVIL,
        products_summary=BREAKOUT,
        address=EVIL_TEXT,
        description=EVIL_TEXT,
    )
    response = client.post("/daftar-umkm/", data)
    assert response.status_code == 302, "the application with script payloads was refused"
    return Vendor.objects.get(nib=data["nib"])


def test_an_applicants_script_is_text_on_the_dashboard_and_in_the_verification_queue(
    client, staff_client
):
    vendor = apply_with_payloads(client)
    assert vendor.name == EVIL  # stored as typed: escaping is the pages' job

    assert_only_text(client.get("/dasbor/"), "applicant dashboard")
    assert_only_text(client.get("/dasbor/profil/"), "profile form")
    assert_only_text(staff_client.get(reverse("vendors_verification:queue")), "verification queue")
    assert_only_text(
        staff_client.get(reverse("vendors_verification:vendor", args=[vendor.pk])),
        "verification decision page",
    )
    assert_only_text(
        staff_client.get(reverse("wagtailsnippets_vendors_vendor:list")), "vendor snippets"
    )
    assert_only_text(
        staff_client.get(reverse("wagtailsnippets_vendors_vendor:inspect", args=[vendor.pk])),
        "vendor inspect",
    )
    assert_only_text(staff_client.get(reverse("wagtailadmin_home")), "admin home", shown=None)


def test_a_failed_application_echoes_the_payloads_as_text(client):
    data = application(name=EVIL, address=EVIL_TEXT, description=EVIL_TEXT, nib="12")
    response = client.post("/daftar-umkm/", data)
    assert_only_text(response, "application with errors")
    assert not Vendor.objects.exists()


@pytest.fixture
def evil_shop(client, staff, staff_client):
    """An applicant whose every field carries a payload, verified, with one product whose
    texts all carry one, published through the dashboard and approved by staff."""
    vendor = apply_with_payloads(client)
    vendor_services.verify_nib(vendor, staff)
    category = CategoryFactory(name="Keripik", name_en="Chips", slug="keripik")
    profile = profile_form(
        vendor,
        name=EVIL,
        products_summary=BREAKOUT,
        address=EVIL_TEXT,
        whatsapp="0812 3456 7890",
        description=EVIL_TEXT,
        description_en=EVIL_TEXT,
    )
    assert client.post("/dasbor/profil/", profile).status_code == 302
    product_fields = {
        "category": category.pk,
        "name": EVIL,
        "name_en": CLOSE_SCRIPT,
        "description": EVIL_TEXT,
        "description_en": EVIL_TEXT,
        "price": "25000",
        "unit": BREAKOUT,
        "stock": "12",
        "min_order": "1",
        "pirt_number": "",
        "bpom_number": "",
        "halal_certificate": "",
        "publish": "1",
        "photos": [SimpleUploadedFile("foto.png", png_bytes(), "image/png")],
    }
    response = client.post("/dasbor/produk/baru/", product_fields)
    assert response.status_code == 302, "the product with script payloads was refused"
    product = Product.objects.get(vendor=vendor)
    if product.status == Product.Status.IN_REVIEW:
        assert_only_text(staff_client.get(reverse("catalog_review:queue")), "review queue")
        catalog_services.approve_product(product, staff)
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert (product.name, product.unit) == (EVIL, BREAKOUT)
    return vendor, product


def test_a_vendors_script_is_text_on_the_public_pages_and_in_the_json_ld(client, evil_shop):
    vendor, product = evil_shop
    shopper = Client()
    for prefix, name in (("", EVIL), ("/en", CLOSE_SCRIPT)):
        page = assert_only_text(
            shopper.get(f"{prefix}{product.get_absolute_url()}"), f"{prefix} product page"
        )
        blocks = json_ld_blocks(page)
        assert len(blocks) == 1, "the product page has one JSON-LD block"
        data = json.loads(blocks[0])  # still valid JSON, with the payloads as plain strings
        assert data["name"] == name
        assert data["brand"]["name"] == EVIL
        assert data["description"] == EVIL_TEXT
        assert as_json_script(name) in blocks[0]
        assert "<" not in blocks[0] and "\\u003C/script\\u003E" in blocks[0]

        assert_only_text(shopper.get(f"{prefix}/umkm/{vendor.slug}/"), f"{prefix} profile")
        assert_only_text(shopper.get(f"{prefix}/katalog/"), f"{prefix} catalog")
        assert_only_text(
            shopper.get(f"{prefix}/katalog/", {"q": "alert", "umkm": vendor.slug}),
            f"{prefix} catalog filtered to the vendor",
        )
    # The vendor's own pages show the same texts, again as text.
    for path in (
        "/dasbor/",
        "/dasbor/profil/",
        "/dasbor/produk/",
        f"/dasbor/produk/{product.pk}/",
        f"/dasbor/produk/{product.pk}/foto/",
        "/dasbor/kemitraan/",
    ):
        assert_only_text(client.get(path), path)


def test_a_product_shown_next_to_the_evil_one_links_safely(client, evil_shop):
    _vendor, product = evil_shop
    neighbour = products_with_photos(1, category=product.category)[0]
    # The evil product is "related" on its neighbour's page.
    assert_only_text(client.get(neighbour.get_absolute_url()), "neighbour's product page")


def test_a_shoppers_script_in_the_cart_checkout_and_order_is_text_for_everyone(
    client, staff_client, evil_shop
):
    vendor, product = evil_shop
    outlets()
    shopper = Client()
    response = shopper.post(
        "/keranjang/tambah/",
        {"product": product.pk, "quantity": "2", "next": product.get_absolute_url()},
    )
    assert response.status_code == 302
    # The "is in your cart" message carries the product's name.
    assert_only_text(shopper.get(product.get_absolute_url()), "product page with message")
    assert_only_text(shopper.get("/keranjang/"), "cart")
    assert_only_text(shopper.get("/checkout/"), "checkout")
    checkout = {
        "name": EVIL,
        "email": "rina@example.com",
        "whatsapp": "0812 3456 7890",
        "fulfilment": "pickup_rppkum",
        "address": EVIL_TEXT,
        "flight_number": "",
        "departure_at": "",
        "pickup_at": "",
        "payment_method": "at_outlet",
    }
    response = shopper.post("/checkout/", checkout)
    assert response.status_code == 302
    pickup = Order.objects.get()
    assert pickup.name == " ".join(EVIL.split())

    # A delivery order keeps the address: the same payloads there.
    delivery = place_order(cart_with((product, 1)), delivery_checkout(name=EVIL, address=EVIL_TEXT))
    for order in (pickup, delivery):
        assert_only_text(shopper.get(order.get_absolute_url()), f"order page {order.number}")
        assert_only_text(
            staff_client.get(reverse("orders_admin:inspect", args=[order.pk])),
            f"admin order {order.number}",
        )
        part = OrderPart.objects.get(order=order)
        assert_only_text(client.get(f"/dasbor/pesanan/{part.pk}/"), f"vendor part {part.pk}")
    assert_only_text(client.get("/dasbor/pesanan/"), "vendor orders")
    assert_only_text(staff_client.get(reverse("orders_admin:index")), "admin orders")
    assert_only_text(staff_client.get(reverse("orders_pickups:index")), "admin pickups", shown=None)


def test_a_failed_checkout_echoes_the_payloads_as_text(client, evil_shop):
    _vendor, product = evil_shop
    outlets()
    shopper = Client()
    shopper.post("/keranjang/tambah/", {"product": product.pk, "quantity": "1"})
    response = shopper.post(
        "/checkout/",
        {
            "name": EVIL,
            "email": "bukan-email",
            "whatsapp": EVIL,
            "fulfilment": "pickup_airport",
            "address": EVIL_TEXT,
            "flight_number": EVIL,
            "payment_method": "at_outlet",
        },
    )
    assert_only_text(response, "checkout with errors")
    assert not Order.objects.exists()


# Partnership requests -----------------------------------------------------------------------


def test_a_buyers_and_a_vendors_script_in_a_partnership_is_text_for_everyone(staff_client):
    snacks = category_tree()[1]
    vendor, member, product = seller("Bu Sari", snacks)
    buyer = Client(REMOTE_ADDR="203.0.113.7")
    response = buyer.post(
        f"/kemitraan/?umkm={vendor.slug}",
        form_data(
            organisation=EVIL,
            contact_name=EVIL,
            needs=EVIL_TEXT,
            unit=BREAKOUT,
            delivery_place=EVIL,
            message=EVIL_TEXT,
            products=[product.pk],
        ),
    )
    assert response.status_code == 302, "the request with script payloads was refused"
    partnership = PartnershipRequest.objects.get()
    private = partnership.get_absolute_url()
    response = buyer.post(
        private, {"action": "message", "vendor": vendor.pk, f"v{vendor.pk}-body": EVIL_TEXT}
    )
    assert response.status_code == 302

    seller_client = Client()
    seller_client.force_login(member)
    here = f"/dasbor/kemitraan/{partnership.number}/"
    quote = {
        "action": "quote",
        "unit_price": "2500",
        "min_order": "100",
        "lead_time_days": "5",
        "delivery_terms": EVIL,
        "valid_until": (timezone.localdate() + timezone.timedelta(days=7)).isoformat(),
        "note": EVIL_TEXT,
    }
    assert seller_client.post(here, quote).status_code == 302
    assert seller_client.post(here, {"action": "message", "body": EVIL_TEXT}).status_code == 302
    assert partnership.quotes.count() == 1 and partnership.messages.count() == 2

    assert_only_text(buyer.get(private), "buyer's private page")
    assert_only_text(seller_client.get(here), "vendor's request page")
    assert_only_text(seller_client.get("/dasbor/kemitraan/"), "vendor's request list")
    assert_only_text(seller_client.get("/dasbor/"), "vendor dashboard", shown=None)
    assert_only_text(staff_client.get(reverse("partnerships_admin:list")), "staff partnership list")
    assert_only_text(
        staff_client.get(reverse("partnerships_admin:request", args=[partnership.pk])),
        "staff partnership page",
    )
    # A refused quote and message are shown back with what was typed: still text.
    refused = seller_client.post(here, {**quote, "unit_price": "-1"})
    assert_only_text(refused, "refused quote")
    refused = buyer.post(
        private, {"action": "message", "vendor": vendor.pk, f"v{vendor.pk}-body": EVIL * 40}
    )
    assert_only_text(refused, "refused buyer message")


def test_a_refused_partnership_request_echoes_the_payloads_as_text(client):
    category_tree()
    response = client.post(
        "/kemitraan/",
        form_data(organisation=EVIL, needs=EVIL_TEXT, unit=BREAKOUT, quantity="abc"),
    )
    assert_only_text(response, "refused request")
    assert not PartnershipRequest.objects.exists()


@pytest.mark.parametrize("parameter", ["produk", "umkm"])
def test_a_script_in_the_partnership_link_is_ignored_as_text(client, parameter):
    category_tree()
    response = client.get("/kemitraan/", {parameter: EVIL})
    assert_only_text(response, f"/kemitraan/?{parameter}=", shown=None)


# Searches and links -------------------------------------------------------------------------


def search_cases():
    for path in ("/katalog/", "/en/katalog/", "/cari/", "/en/cari/"):
        for payload in (SCRIPT, BREAKOUT, CLOSE_SCRIPT, EVIL_TEXT):
            yield pytest.param(path, payload)


@pytest.mark.parametrize(("path", "payload"), list(search_cases()))
def test_a_searched_script_is_shown_back_as_text(client, path, payload):
    products_with_photos(2)
    page = assert_only_text(client.get(path, {"q": payload}), f"{path}?q=")
    assert "alert(" in page  # what was searched is shown back…
    again = Client().get(path, {"q": payload})  # …and the cached copy is just as safe
    assert_only_text(again, f"{path}?q= (again)")


@pytest.mark.parametrize(
    "parameter", ["kategori", "kecamatan", "umkm", "harga_min", "harga_max", "urut", "page"]
)
def test_a_script_in_any_catalog_filter_is_never_markup(client, parameter):
    products_with_photos(2)
    assert_only_text(client.get("/katalog/", {parameter: EVIL}), parameter, shown=None)
    assert_only_text(client.get("/katalog/", {parameter: BREAKOUT}), parameter, shown=None)


def test_a_javascript_next_is_never_a_link_nor_a_redirect(client):
    page = assert_only_text(client.get("/masuk/", {"next": JS_URL}), "login", shown=None)
    assert JS_URL not in page
    product = products_with_photos(1)[0]
    response = client.post(
        "/keranjang/tambah/", {"product": product.pk, "quantity": "1", "next": JS_URL}
    )
    assert response.status_code == 302
    assert response["Location"] == product.get_absolute_url()
