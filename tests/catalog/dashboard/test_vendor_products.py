"""A vendor manages its own products on /dasbor/produk/: what the vendor would notice.

Messages are checked on the English paths (/en/…), so the assertions read the msgids."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalog.models import CatalogSettings, Location, LocationStock, Product, ProductImage
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
    VendorFactory,
)
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

WagtailImage = get_image_model()


# Helpers ---------------------------------------------------------------------------------


def image_bytes(size=(60, 40), kind="PNG", mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, 1 if mode == "1" else (200, 120, 40)).save(buffer, kind)
    return buffer.getvalue()


def upload(name="foto.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content or image_bytes(), content_type=content_type)


def member(**vendor_fields):
    return MembershipFactory(vendor=VendorFactory(**vendor_fields))


def sub_category():
    parent = CategoryFactory(name="Makanan & Minuman", slug="makanan-minuman")
    return CategoryFactory(name="Keripik", slug="keripik", parent=parent)


def product_data(category, **overrides):
    data = {
        "category": category.pk,
        "name": "Keripik Singkong Balado",
        "name_en": "Spicy cassava chips",
        "description": "Renyah, pedas manis.",
        "description_en": "",
        "price": "25000",
        "unit": "250 g",
        "stock": "12",
        "min_order": "1",
        "pirt_number": "",
        "bpom_number": "",
        "halal_certificate": "",
    }
    data.update(overrides)
    return data


def tier_data(*rows, initial=0):
    data = {
        "tiers-TOTAL_FORMS": str(max(len(rows), 1)),
        "tiers-INITIAL_FORMS": str(initial),
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "4",
    }
    for i, (quantity, price) in enumerate(rows):
        data[f"tiers-{i}-min_quantity"] = str(quantity)
        data[f"tiers-{i}-price"] = str(price)
    return data


def add_photo(product, order=0):
    image = WagtailImage(
        title=product.name, file=SimpleUploadedFile(f"p{order}.png", image_bytes())
    )
    image._set_image_file_metadata()
    image.save()
    return ProductImage.objects.create(product=product, image=image, sort_order=order)


def draft(vendor, photos=1, **fields):
    product = ProductFactory(
        vendor=vendor, status=Product.Status.DRAFT, published_at=None, **fields
    )
    for order in range(photos):
        add_photo(product, order)
    return product


def url(product, action=""):
    return f"/dasbor/produk/{product.pk}/{action}"


def page_text(response):
    return response.content.decode()


# Creating and publishing -----------------------------------------------------------------


def test_a_vendor_adds_a_product_with_a_photo_and_publishes_it(client):
    membership = member()
    category = sub_category()
    client.force_login(membership.user)
    form_page = page_text(client.get("/dasbor/produk/baru/"))
    assert '<optgroup label="Makanan &amp; Minuman">' in form_page
    assert 'accept="image/jpeg,image/png,image/webp"' in form_page and "multiple" in form_page

    response = client.post("/dasbor/produk/baru/", {**product_data(category), "photos": [upload()]})

    product = Product.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == url(product)
    assert product.vendor == membership.vendor
    assert product.status == Product.Status.DRAFT
    assert product.slug == "keripik-singkong-balado"
    photo = product.images.get()
    assert photo.alt == "Keripik Singkong Balado"
    assert photo.image.file_size and photo.image.file_hash
    assert client.get("/produk/keripik-singkong-balado/").status_code == 404

    client.post(url(product, "tayangkan/"))

    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    public = client.get("/produk/keripik-singkong-balado/")
    assert public.status_code == 200
    assert "Keripik Singkong Balado" in page_text(public)


def test_save_and_publish_does_both_in_one_step(client):
    membership = member()
    client.force_login(membership.user)
    client.post(
        "/dasbor/produk/baru/",
        {**product_data(sub_category()), "photos": [upload()], "publish": "1"},
    )
    assert Product.objects.get().status == Product.Status.PUBLISHED


def test_the_slug_comes_from_the_name_and_is_made_unique(client):
    membership = member()
    category = sub_category()
    ProductFactory(slug="keripik-singkong-balado")
    client.force_login(membership.user)
    client.post("/dasbor/produk/baru/", {**product_data(category), "slug": "typed-slug"})
    client.post("/dasbor/produk/baru/", product_data(category))
    slugs = set(Product.objects.filter(vendor=membership.vendor).values_list("slug", flat=True))
    assert slugs == {"keripik-singkong-balado-2", "keripik-singkong-balado-3"}


def test_a_vendor_whose_nib_is_pending_cannot_publish_and_sees_why(client):
    membership = member(nib_status=Vendor.NibStatus.PENDING)
    product = draft(membership.vendor)
    client.force_login(membership.user)

    response = client.post(f"/en{url(product, 'tayangkan/')}", follow=True)

    assert "Your NIB is not verified yet" in page_text(response)
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    assert client.get(f"/produk/{product.slug}/").status_code == 404


def test_a_product_without_a_photo_cannot_be_published(client):
    membership = member()
    product = draft(membership.vendor, photos=0)
    client.force_login(membership.user)
    response = client.post(f"/en{url(product, 'tayangkan/')}", follow=True)
    assert "Add at least one photo." in page_text(response)
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT


def test_with_review_of_first_publications_on_publishing_puts_it_in_review(client):
    settings = CatalogSettings.load()
    settings.review_first_publication = True
    settings.save()
    membership = member()
    product = draft(membership.vendor)
    client.force_login(membership.user)

    response = client.post(f"/en{url(product, 'tayangkan/')}", follow=True)

    product.refresh_from_db()
    assert product.status == Product.Status.IN_REVIEW
    assert "Sent for review" in page_text(response)
    assert client.get(f"/produk/{product.slug}/").status_code == 404


def test_taking_offline_and_archiving_hide_the_product(client):
    membership = member()
    product = ProductFactory(vendor=membership.vendor)
    add_photo(product)
    client.force_login(membership.user)
    assert client.get(f"/produk/{product.slug}/").status_code == 200

    client.post(url(product, "turunkan/"))
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    assert client.get(f"/produk/{product.slug}/").status_code == 404

    client.post(url(product, "arsipkan/"))
    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED
    assert product.events.count() == 2


# The form --------------------------------------------------------------------------------


def test_a_form_with_errors_keeps_what_was_typed(client):
    membership = member()
    client.force_login(membership.user)
    response = client.post(
        "/en/dasbor/produk/baru/",
        product_data(sub_category(), price="50", description="Renyah sekali"),
    )
    html = page_text(response)
    assert response.status_code == 200
    assert "Renyah sekali" in html and 'value="Keripik Singkong Balado"' in html
    assert "greater than or equal to 100" in html
    assert not Product.objects.exists()


def test_prices_and_permit_numbers_are_taken_as_people_type_them(client):
    membership = member()
    client.force_login(membership.user)
    client.post(
        "/dasbor/produk/baru/",
        product_data(
            sub_category(),
            price="Rp 25.000",
            pirt_number="1234567890123 45",
            bpom_number="md 2245 1010 1234",
        ),
    )
    product = Product.objects.get()
    assert (product.price, product.pirt_number, product.bpom_number) == (
        25000,
        "1234567890123-45",
        "MD224510101234",
    )


def test_a_malformed_bpom_number_is_refused_with_its_shape(client):
    membership = member()
    client.force_login(membership.user)
    response = client.post(
        "/en/dasbor/produk/baru/", product_data(sub_category(), bpom_number="MD123")
    )
    assert "MD or ML followed by 12 digits" in page_text(response)
    assert not Product.objects.exists()


def test_only_the_vendors_own_halal_certificates_can_be_chosen(client):
    membership = member()
    own = HalalCertificateFactory(vendor=membership.vendor, covers_all_products=False)
    other = HalalCertificateFactory()
    category = sub_category()
    client.force_login(membership.user)

    html = page_text(client.get("/dasbor/produk/baru/"))
    assert own.number in html and other.number not in html

    response = client.post(
        "/en/dasbor/produk/baru/", product_data(category, halal_certificate=other.pk)
    )
    assert "Select a valid choice" in page_text(response)
    assert not Product.objects.exists()

    client.post("/dasbor/produk/baru/", product_data(category, halal_certificate=own.pk))
    assert Product.objects.get().halal_certificate == own


def test_tampered_vendor_and_status_fields_change_nothing(client):
    a, b = member(), member()
    category = sub_category()
    client.force_login(a.user)

    client.post(
        "/dasbor/produk/baru/",
        {**product_data(category), "vendor": b.vendor.pk, "status": "published"},
    )
    created = Product.objects.get()
    assert (created.vendor, created.status) == (a.vendor, Product.Status.DRAFT)

    client.post(
        url(created),
        {
            **product_data(category, name="Keripik Baru"),
            **tier_data(),
            "vendor": b.vendor.pk,
            "status": "published",
            "published_at": "2020-01-01 00:00",
            "slug": "pindah",
        },
    )
    created.refresh_from_db()
    assert created.name == "Keripik Baru"
    assert created.vendor == a.vendor
    assert created.status == Product.Status.DRAFT
    assert created.published_at is None
    assert created.slug == "keripik-singkong-balado"


def test_tier_prices_must_be_lower_than_the_base_price(client):
    membership = member()
    category = sub_category()
    product = draft(membership.vendor, category=category, price=25000)
    client.force_login(membership.user)

    response = client.post(
        f"/en{url(product)}", {**product_data(category), **tier_data((10, 30000))}
    )
    assert "A tier price must be lower than the base price (Rp\u00a025.000)" in page_text(response)
    assert not product.tier_prices.exists()

    response = client.post(
        url(product), {**product_data(category), **tier_data((10, 22000), (50, 20000))}
    )
    assert response.status_code == 302
    assert list(product.tier_prices.values_list("min_quantity", "price")) == [
        (10, 22000),
        (50, 20000),
    ]


def test_a_tier_starts_at_two_pieces_and_there_are_at_most_four(client):
    membership = member()
    category = sub_category()
    product = draft(membership.vendor, category=category)
    client.force_login(membership.user)
    response = client.post(
        f"/en{url(product)}", {**product_data(category), **tier_data((1, 20000))}
    )
    assert "greater than or equal to 2" in page_text(response)
    rows = [(n, 20000 - n) for n in range(2, 7)]
    response = client.post(f"/en{url(product)}", {**product_data(category), **tier_data(*rows)})
    assert "Please submit at most 4 forms." in page_text(response)
    assert not product.tier_prices.exists()


# Photos ----------------------------------------------------------------------------------

BOMB = image_bytes(size=(9000, 9000), mode="1")
TOO_BIG = b"\x89PNG\r\n\x1a\n" + b"\0" * (8 * 1024 * 1024)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("surat.jpg", b"Ini bukan foto, hanya teks.", "This file is not a photo we can open."),
        ("bom.png", BOMB, "The photo is too large (9000 × 9000 pixels); at most 40 megapixels."),
        ("besar.png", TOO_BIG, "The photo is 8.0 MB; photos may be at most 8 MB."),
    ],
    ids=["text-named-jpg", "decompression-bomb", "over-8-mb"],
)
def test_a_refused_photo_is_explained_and_nothing_is_saved(client, name, content, reason):
    membership = member()
    product = draft(membership.vendor, photos=1)
    category = sub_category()
    client.force_login(membership.user)
    images_before = WagtailImage.objects.count()

    response = client.post(f"/en{url(product, 'foto/')}", {"photos": [upload(name, content)]})
    assert response.status_code == 200
    html = page_text(response)
    assert f"{name}: " in html and reason in html

    response = client.post(
        "/en/dasbor/produk/baru/",
        {**product_data(category), "photos": [upload(name, content)]},
    )
    assert reason in page_text(response)
    assert "choose the photos again" in page_text(response)

    assert Product.objects.count() == 1
    assert product.images.count() == 1
    assert WagtailImage.objects.count() == images_before


def test_several_photos_are_uploaded_at_once_in_order(client):
    membership = member()
    product = draft(membership.vendor, photos=1)
    client.force_login(membership.user)
    client.post(
        url(product, "foto/"),
        {"photos": [upload("dua.png"), upload("tiga.jpg", image_bytes(kind="JPEG"))]},
    )
    titles = [photo.image.file.name for photo in product.images.all()]
    assert len(titles) == 3
    assert "dua" in titles[1] and "tiga" in titles[2]


def test_a_product_has_at_most_eight_photos(client):
    membership = member()
    product = draft(membership.vendor, photos=7)
    client.force_login(membership.user)

    response = client.post(
        f"/en{url(product, 'foto/')}", {"photos": [upload("a.png"), upload("b.png")]}
    )
    assert "at most 8 photos" in page_text(response)
    assert product.images.count() == 7

    client.post(url(product, "foto/"), {"photos": [upload("c.png")]})
    assert product.images.count() == 8
    page = page_text(client.get(f"/en{url(product, 'foto/')}"))
    assert "the most it can have" in page
    assert 'type="file"' not in page


def test_moving_a_photo_changes_which_is_shown_first(client):
    membership = member()
    product = draft(membership.vendor, photos=0)
    first, second, third = (add_photo(product, order=0) for _ in range(3))  # same sort_order
    client.force_login(membership.user)

    client.post(url(product, f"foto/{second.pk}/naik/"))
    assert product.first_image == second
    assert list(product.images.all()) == [second, first, third]

    client.post(url(product, f"foto/{second.pk}/turun/"))
    client.post(url(product, f"foto/{third.pk}/naik/"))
    assert list(product.images.all()) == [first, third, second]


def test_photo_descriptions_are_editable(client):
    membership = member()
    product = draft(membership.vendor)
    photo = product.images.get()
    client.force_login(membership.user)
    client.post(
        url(product, f"foto/{photo.pk}/"), {f"photo-{photo.pk}-alt_text": "Keripik di toples"}
    )
    photo.refresh_from_db()
    assert photo.alt == "Keripik di toples"


def test_the_last_photo_of_a_published_product_stays(client):
    membership = member()
    product = ProductFactory(vendor=membership.vendor)
    only = add_photo(product)
    client.force_login(membership.user)

    response = client.post(f"/en{url(product, f'foto/{only.pk}/hapus/')}", follow=True)
    assert "A published product needs at least one photo" in page_text(response)
    assert product.images.count() == 1

    extra = add_photo(product, order=1)
    client.post(url(product, f"foto/{only.pk}/hapus/"))
    assert list(product.images.all()) == [extra]
    assert not WagtailImage.objects.filter(pk=only.image_id).exists()


# Another vendor's products ---------------------------------------------------------------


def test_another_vendors_product_answers_404_everywhere(client):
    a, b = member(), member()
    product = ProductFactory(vendor=a.vendor)
    photo = add_photo(product)
    Location.objects.create(
        name="RPPKUM Legok", slug="rppkum", kind="showroom", address="Legok",
        opens_at="08:00", closes_at="16:00",
    )  # fmt: skip
    client.force_login(b.user)

    assert client.get(url(product)).status_code == 404
    assert client.get(url(product, "foto/")).status_code == 404
    for action in (
        "",
        "foto/",
        f"foto/{photo.pk}/",
        f"foto/{photo.pk}/hapus/",
        f"foto/{photo.pk}/naik/",
        f"foto/{photo.pk}/turun/",
        "tayangkan/",
        "turunkan/",
        "arsipkan/",
        "usulkan/",
    ):
        response = client.post(
            url(product, action),
            {**product_data(sub_category()), "photos": [upload()], "location": "1"},
        )
        assert response.status_code == 404, action

    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert product.images.count() == 1
    assert not LocationStock.objects.exists()


def test_product_pages_need_a_login_and_a_business(client):
    response = client.get("/dasbor/produk/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/masuk/")
    client.force_login(UserFactory())
    assert client.get("/dasbor/produk/").status_code == 404
    assert client.get("/dasbor/produk/baru/").status_code == 404


# Outlets ---------------------------------------------------------------------------------


def test_a_vendor_proposes_a_product_for_an_outlet(client):
    membership = member()
    product = ProductFactory(vendor=membership.vendor)
    outlet = Location.objects.create(
        name="Sentral Oleh-Oleh T3", slug="t3", kind="airport", address="Terminal 3",
        opens_at="06:00", closes_at="22:00",
    )  # fmt: skip
    client.force_login(membership.user)

    response = client.post(f"/en{url(product, 'usulkan/')}", {"location": outlet.pk}, follow=True)

    stock = LocationStock.objects.get()
    assert (stock.product, stock.location, stock.status) == (product, outlet, "proposed")
    assert "Proposed to Sentral Oleh-Oleh T3" in page_text(response)
    client.post(url(product, "usulkan/"), {"location": "999999"})
    assert LocationStock.objects.count() == 1


# The dashboard ---------------------------------------------------------------------------


def test_the_dashboard_invites_a_vendor_without_products_to_add_one(client):
    membership = member()
    client.force_login(membership.user)
    html = page_text(client.get("/en/dasbor/"))
    assert "No products yet — add your first." in html
    assert 'href="/en/dasbor/produk/baru/"' in html
    assert "No products yet" in page_text(client.get("/en/dasbor/produk/"))


def test_the_dashboard_lists_the_vendors_own_products_newest_first(client):
    membership = member()
    older = draft(membership.vendor, name="Keripik Lama")
    newer = ProductFactory(vendor=membership.vendor, name="Dodol Baru", price=1250000)
    add_photo(newer)
    ProductFactory(name="Produk Orang Lain")
    client.force_login(membership.user)

    for path in ("/dasbor/", "/dasbor/produk/"):
        html = page_text(client.get(path))
        assert html.index("Dodol Baru") < html.index("Keripik Lama")
        assert "Produk Orang Lain" not in html
        assert "Rp\u00a01.250.000" in html
        assert 'class="status status-published"' in html
        assert 'class="status status-draft"' in html
        assert f'href="{url(older)}"' in html and f'href="{url(newer)}"' in html
        assert ".webp" in html and 'loading="lazy"' in html
        assert "css/dashboard.css" in html


@pytest.mark.parametrize("path", ["/dasbor/", "/dasbor/produk/"])
def test_the_product_list_costs_the_same_queries_for_3_or_15_products(
    client, django_assert_num_queries, path
):
    membership = member()
    client.force_login(membership.user)

    def products(count):
        for _ in range(count):
            add_photo(ProductFactory(vendor=membership.vendor))
        client.get(path)  # the first view makes the renditions; later views reuse them

    products(3)
    with CaptureQueriesContext(connection) as three:
        assert client.get(path).status_code == 200
    queries_for_three = len(three)  # read now: the next request resets the query log
    products(12)
    with django_assert_num_queries(queries_for_three):
        html = page_text(client.get(path))
    assert html.count('class="product-row"') == 15
