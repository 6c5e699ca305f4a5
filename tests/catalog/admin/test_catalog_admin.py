"""The staff catalog in the Wagtail admin: the review queue, outlet curation by rounds, the
product, category and location screens, and the choosers of the showroom page."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from catalog import curation
from catalog.models import (
    Category,
    CurationRound,
    Location,
    LocationStock,
    Product,
    ProductEvent,
    ProductImage,
)
from tests.catalog.helpers import photo
from tests.conftest import FROZEN_DAY
from tests.factories import CategoryFactory, ProductFactory, StaffFactory, UserFactory
from vendors.models import Vendor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]

TODAY = FROZEN_DAY


def make_location(slug="sentral-oleh-oleh-t3", months=3, **fields):
    values = {
        "name": "Sentral Oleh-Oleh Terminal 3",
        "kind": Location.Kind.AIRPORT,
        "address": "Terminal 3 Keberangkatan",
        "opens_at": datetime.time(5),
        "closes_at": datetime.time(22),
        "review_every_months": months,
    }
    values.update(fields)
    return Location.objects.create(slug=slug, **values)


def in_review(**fields):
    product = ProductFactory(status=Product.Status.IN_REVIEW, published_at=None, **fields)
    ProductImage.objects.create(product=product, image=photo())
    return product


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def staff(client):
    user = StaffFactory()
    client.force_login(user)
    return user


@pytest.fixture
def outsider(client):
    """Signed in with access to the Wagtail admin, but not Diskum staff."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(user)
    return user


@pytest.fixture
def airport():
    return make_location()


def stock(location, status=LocationStock.Status.PROPOSED, **fields):
    return LocationStock.objects.create(
        location=location,
        product=fields.pop("product", None) or ProductFactory(),
        status=status,
        **fields,
    )


# Products in review -----------------------------------------------------------------------


def test_staff_see_the_products_in_review(client, staff):
    waiting = in_review(name="Keripik Baru")
    ProductFactory(name="Sudah Terbit")
    response = client.get(reverse("catalog_review:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Baru" in html and f'data-product="{waiting.pk}"' in html
    assert "Sudah Terbit" not in html


def test_staff_approve_a_product_in_review(client, staff):
    product = in_review()
    response = client.post(
        reverse("catalog_review:decide", args=[product.pk]), {"decision": "approve", "note": ""}
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED
    assert product.published_at is not None
    event = ProductEvent.objects.get(product=product)
    assert (event.actor, event.old_status, event.new_status) == (
        staff,
        Product.Status.IN_REVIEW,
        Product.Status.PUBLISHED,
    )


def test_staff_send_a_product_back_with_a_note(client, staff):
    product = in_review()
    client.post(
        reverse("catalog_review:decide", args=[product.pk]),
        {"decision": "return", "note": "Foto kemasan kurang jelas."},
    )
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    event = ProductEvent.objects.get(product=product)
    assert (event.actor, event.new_status, event.note) == (
        staff,
        Product.Status.DRAFT,
        "Foto kemasan kurang jelas.",
    )


def test_sending_back_needs_a_note(client, staff):
    product = in_review()
    response = client.post(
        reverse("catalog_review:decide", args=[product.pk]),
        {"decision": "return", "note": "  "},
        follow=True,
    )
    product.refresh_from_db()
    assert product.status == Product.Status.IN_REVIEW
    assert not ProductEvent.objects.filter(product=product).exists()
    assert messages_of(response)  # the service's reason, as an error message


def test_service_refusals_show_as_messages(client, staff):
    suspended = in_review(vendor__status=Vendor.Status.SUSPENDED)
    published = ProductFactory()
    for product in (suspended, published):
        response = client.post(
            reverse("catalog_review:decide", args=[product.pk]),
            {"decision": "approve"},
            follow=True,
        )
        assert response.status_code == 200
        assert any(m.level_tag == "error" for m in response.context["messages"])
    suspended.refresh_from_db()
    assert suspended.status == Product.Status.IN_REVIEW
    assert not ProductEvent.objects.exists()


# Outlet curation --------------------------------------------------------------------------


def test_staff_accept_a_proposal(client, staff, airport):
    current = CurationRound.objects.create(
        location=airport, name="Q3", starts_on=TODAY, review_due_on=TODAY
    )
    entry = stock(airport)
    best_before = TODAY + datetime.timedelta(days=60)
    client.post(
        reverse("catalog_curation:stock_action", args=[entry.pk, "accept"]),
        {
            "quantity": "12",
            "shelf": "Rak C3",
            "best_before": best_before.isoformat(),
            "round": current.pk,
        },
    )
    entry.refresh_from_db()
    assert entry.status == LocationStock.Status.ACCEPTED
    assert (entry.quantity, entry.shelf, entry.best_before, entry.curation_round) == (
        12,
        "Rak C3",
        best_before,
        current,
    )
    assert entry.decided_at is not None


def test_staff_decline_a_proposal_with_a_note(client, staff, airport):
    entry = stock(airport)
    url = reverse("catalog_curation:stock_action", args=[entry.pk, "decline"])
    client.post(url, {"note": ""})
    entry.refresh_from_db()
    assert entry.status == LocationStock.Status.PROPOSED  # a note is needed
    client.post(url, {"note": "Kemasan belum sesuai standar bandara."})
    entry.refresh_from_db()
    assert entry.status == LocationStock.Status.DECLINED
    assert entry.note == "Kemasan belum sesuai standar bandara."


def test_staff_retire_and_restock_shelf_entries(client, staff, airport):
    on_shelf = stock(airport, LocationStock.Status.ACCEPTED, quantity=2)
    best_before = TODAY + datetime.timedelta(days=90)
    client.post(
        reverse("catalog_curation:stock_action", args=[on_shelf.pk, "restock"]),
        {"quantity": "20", "best_before": best_before.isoformat()},
    )
    on_shelf.refresh_from_db()
    assert (on_shelf.status, on_shelf.quantity, on_shelf.best_before) == (
        LocationStock.Status.ACCEPTED,
        20,
        best_before,
    )
    client.post(
        reverse("catalog_curation:stock_action", args=[on_shelf.pk, "retire"]),
        {"note": "Diganti varian baru."},
    )
    on_shelf.refresh_from_db()
    assert on_shelf.status == LocationStock.Status.RETIRED
    assert on_shelf.note == "Diganti varian baru."


def test_actions_the_status_does_not_allow_are_refused_with_a_message(client, staff, airport):
    proposed = stock(airport)
    response = client.post(
        reverse("catalog_curation:stock_action", args=[proposed.pk, "restock"]),
        {"quantity": "5"},
        follow=True,
    )
    assert any(m.level_tag == "error" for m in response.context["messages"])
    proposed.refresh_from_db()
    assert (proposed.status, proposed.quantity) == (LocationStock.Status.PROPOSED, 0)
    bad_quantity = client.post(
        reverse("catalog_curation:stock_action", args=[proposed.pk, "accept"]),
        {"quantity": "-3"},
        follow=True,
    )
    assert any(m.level_tag == "error" for m in bad_quantity.context["messages"])
    proposed.refresh_from_db()
    assert proposed.status == LocationStock.Status.PROPOSED
    unknown = client.post(reverse("catalog_curation:stock_action", args=[proposed.pk, "sell"]))
    assert unknown.status_code == 404


def test_outlet_page_groups_the_shelf_by_status(client, staff, airport):
    proposed = stock(airport, product=ProductFactory(name="Usulan Baru"))
    accepted = stock(
        airport,
        LocationStock.Status.ACCEPTED,
        quantity=3,
        shelf="Rak A1",
        product=ProductFactory(name="Di Rak"),
    )
    retired = stock(airport, LocationStock.Status.RETIRED, product=ProductFactory(name="Pensiun"))
    response = client.get(reverse("catalog_curation:location", args=[airport.pk]))
    assert response.status_code == 200
    context = response.context
    assert list(context["proposed"]) == [proposed]
    assert list(context["shelf"]) == [accepted]
    assert list(context["retired"]) == [retired]
    html = response.content.decode()
    assert html.index("Usulan Baru") < html.index("Di Rak") < html.index("Pensiun")


def test_outlets_due_for_review_are_shown(client, staff, airport):
    CurationRound.objects.create(
        location=airport,
        name="Putaran lalu",
        starts_on=TODAY - datetime.timedelta(days=120),
        review_due_on=TODAY - datetime.timedelta(days=1),
    )
    fresh = make_location("rppkum-legok", months=6, name="RPPKUM Legok", kind="showroom")
    CurationRound.objects.create(
        location=fresh,
        name="Putaran ini",
        starts_on=TODAY,
        review_due_on=TODAY + datetime.timedelta(days=180),
    )
    empty = make_location("baru", name="Outlet Baru")
    html = client.get(reverse("catalog_curation:index")).content.decode()
    assert 'data-location="sentral-oleh-oleh-t3" data-due="true"' in html
    assert 'data-location="rppkum-legok" data-due="false"' in html
    assert 'data-location="baru" data-due="true"' in html  # no round yet
    assert curation.is_due_for_review(airport) and curation.is_due_for_review(empty)
    assert not curation.is_due_for_review(fresh)
    detail = client.get(reverse("catalog_curation:location", args=[airport.pk]))
    assert detail.context["is_due"] is True
    assert 'data-due="true"' in detail.content.decode()


def test_the_latest_round_decides_whether_an_outlet_is_due(airport):
    CurationRound.objects.create(
        location=airport,
        name="Lama",
        starts_on=datetime.date(2025, 3, 1),
        review_due_on=datetime.date(2025, 6, 1),
    )
    CurationRound.objects.create(
        location=airport,
        name="Baru",
        starts_on=TODAY,
        review_due_on=TODAY + datetime.timedelta(days=1),
    )
    [location] = curation.locations_for_review()
    assert (location.latest_round_name, location.is_due) == ("Baru", False)
    CurationRound.objects.filter(name="Baru").update(review_due_on=TODAY)
    assert curation.locations_for_review()[0].is_due


def test_staff_start_a_round_due_after_the_outlets_review_period(client, staff, airport):
    response = client.post(
        reverse("catalog_curation:start_round", args=[airport.pk]),
        {"name": "Putaran Juli 2026", "starts_on": "2026-07-01"},
    )
    assert response.status_code == 302
    new = CurationRound.objects.get(location=airport)
    assert (new.name, new.starts_on, new.review_due_on) == (
        "Putaran Juli 2026",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 10, 1),
    )


@pytest.mark.parametrize(
    ("months", "starts_on", "due_on"),
    [
        (3, datetime.date(2026, 1, 15), datetime.date(2026, 4, 15)),
        (3, datetime.date(2026, 11, 30), datetime.date(2027, 2, 28)),
        (3, datetime.date(2027, 11, 30), datetime.date(2028, 2, 29)),
        (6, datetime.date(2026, 8, 31), datetime.date(2027, 2, 28)),
        (12, datetime.date(2026, 3, 1), datetime.date(2027, 3, 1)),
    ],
)
def test_start_round_sets_the_review_date_by_review_every_months(months, starts_on, due_on):
    location = make_location(months=months)
    new = curation.start_round(location, StaffFactory(), name="Putaran", starts_on=starts_on)
    assert new.review_due_on == due_on
    assert curation.latest_round(location) == new


def test_only_staff_start_rounds_and_rounds_have_names(airport):
    with pytest.raises(PermissionDenied):
        curation.start_round(airport, UserFactory(), name="Putaran", starts_on=TODAY)
    with pytest.raises(ValidationError):
        curation.start_round(airport, StaffFactory(), name="  ", starts_on=TODAY)
    assert not CurationRound.objects.exists()


# Nobody else ------------------------------------------------------------------------------


def test_non_staff_are_refused_everything(client, outsider, airport):
    product = in_review()
    entry = stock(airport)
    on_shelf = stock(airport, LocationStock.Status.ACCEPTED, quantity=4)
    for url in (
        reverse("catalog_review:queue"),
        reverse("catalog_curation:index"),
        reverse("catalog_curation:location", args=[airport.pk]),
    ):
        assert client.get(url).status_code == 403
    posts = [
        (reverse("catalog_review:decide", args=[product.pk]), {"decision": "approve"}),
        (reverse("catalog_curation:stock_action", args=[entry.pk, "accept"]), {"quantity": 5}),
        (reverse("catalog_curation:stock_action", args=[entry.pk, "decline"]), {"note": "x"}),
        (reverse("catalog_curation:stock_action", args=[on_shelf.pk, "retire"]), {}),
        (reverse("catalog_curation:stock_action", args=[on_shelf.pk, "restock"]), {"quantity": 9}),
        (
            reverse("catalog_curation:start_round", args=[airport.pk]),
            {"name": "X", "starts_on": "2026-01-01"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    product.refresh_from_db()
    entry.refresh_from_db()
    on_shelf.refresh_from_db()
    assert product.status == Product.Status.IN_REVIEW
    assert entry.status == LocationStock.Status.PROPOSED
    assert (on_shelf.status, on_shelf.quantity) == (LocationStock.Status.ACCEPTED, 4)
    assert not CurationRound.objects.exists()
    for model in (Product, Category, Location):
        listing = reverse(model.snippet_viewset.get_url_name("list"))
        assert client.get(listing).status_code != 200


def test_anonymous_visitors_are_sent_to_log_in(client, airport):
    for url in (
        reverse("catalog_review:queue"),
        reverse("catalog_curation:location", args=[airport.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_the_catalog_menu_shows_for_staff(client, staff):
    html = client.get(reverse("catalog_review:queue")).content.decode()  # with the sidebar
    for url in (
        reverse("catalog_review:queue"),
        reverse("catalog_curation:index"),
        reverse(Product.snippet_viewset.get_url_name("list")),
    ):
        assert url in html


# Products, categories, locations ----------------------------------------------------------


def test_staff_list_products_with_vendor_status_and_price(client, staff):
    ProductFactory(name="Kopi Pagedangan", price=45000)
    in_review(name="Dodol Baru")
    url = reverse(Product.snippet_viewset.get_url_name("list"))
    html = client.get(url).content.decode()
    assert "Kopi Pagedangan" in html and "Rp\u00a045.000" in html
    filtered = client.get(url, {"status": "in_review"}).content.decode()
    assert "Dodol Baru" in filtered and "Kopi Pagedangan" not in filtered


def test_staff_edit_a_products_texts_but_never_its_status(client, staff):
    product = in_review(name="Keripik Lama")
    url = reverse(Product.snippet_viewset.get_url_name("edit"), args=[product.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Keripik Tempe Renyah",
            "name_en": "Crispy Tempeh Chips",
            "category": product.category_id,
            "unit": "200 g",
            "description": "Lebih renyah.",
            "description_en": "",
            "status": Product.Status.PUBLISHED,
            "price": "1000",
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.name_en, product.unit) == (
        "Keripik Tempe Renyah",
        "Crispy Tempeh Chips",
        "200 g",
    )
    assert product.status == Product.Status.IN_REVIEW
    assert product.price == 25000


def test_staff_cannot_add_or_delete_products(client, staff):
    product = ProductFactory()
    viewset = Product.snippet_viewset
    assert client.get(reverse(viewset.get_url_name("add"))).status_code != 200
    client.post(reverse(viewset.get_url_name("delete"), args=[product.pk]))
    assert Product.objects.filter(pk=product.pk).exists()


def test_categories_have_two_levels():
    form_class = Category.snippet_viewset.get_form_class()
    food = CategoryFactory(slug="makanan-minuman")
    chips = CategoryFactory(slug="keripik-camilan", parent=food)

    def form(instance, parent):
        data = {"name": instance.name, "name_en": "", "slug": instance.slug, "sort_order": 0}
        data["parent"] = parent.pk if parent else ""
        return form_class(data, instance=instance)

    assert not form(Category(name="Baru", slug="baru"), chips).is_valid()  # a third level
    assert not form(food, food).is_valid()  # its own parent
    assert not form(food, CategoryFactory(slug="kerajinan")).is_valid()  # has children
    assert form(Category(name="Kue", slug="kue"), food).is_valid()


def test_staff_add_a_category_and_edit_a_location(client, staff, airport):
    food = CategoryFactory(slug="makanan-minuman")
    response = client.post(
        reverse(Category.snippet_viewset.get_url_name("add")),
        {
            "name": "Dodol",
            "name_en": "Dodol",
            "slug": "dodol",
            "parent": food.pk,
            "sort_order": "3",
        },
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="dodol").parent == food
    url = reverse(Location.snippet_viewset.get_url_name("edit"), args=[airport.pk])
    assert client.get(url).status_code == 200
    data = {
        "name": airport.name,
        "slug": "dicoba-diganti",
        "kind": airport.kind,
        "address": airport.address,
        "where": "Terminal 3 Keberangkatan, setelah pemeriksaan keamanan",
        "where_en": "",
        "opens_at": "05:00",
        "closes_at": "23:00",
        "hours_note": "Setiap hari",
        "hours_note_en": "",
        "latitude": "",
        "longitude": "",
        "opened_on": "2025-03-01",
        "review_every_months": "3",
    }
    assert client.post(url, data).status_code == 302
    airport.refresh_from_db()
    assert airport.closes_at == datetime.time(23)
    assert airport.slug == "sentral-oleh-oleh-t3"  # set once: the site finds the outlet by it


# Choosers of the showroom page ------------------------------------------------------------


def test_showroom_choosers_offer_only_public_items(client, staff):
    public = ProductFactory(name="Keripik Terbit", vendor__name="Bu Sari")
    ProductFactory(name="Keripik Draf", status=Product.Status.DRAFT)
    ProductFactory(
        name="Keripik Beku", vendor__name="Usaha Beku", vendor__status=Vendor.Status.SUSPENDED
    )
    response = client.get(reverse("catalog_public_product_chooser:choose"))
    html = json.loads(response.content)["html"]
    assert "Keripik Terbit" in html
    assert "Keripik Draf" not in html and "Keripik Beku" not in html
    found = client.get(reverse("catalog_public_product_chooser:choose_results"), {"q": "terbit"})
    assert "Keripik Terbit" in found.content.decode()
    missed = client.get(reverse("catalog_public_product_chooser:choose_results"), {"q": "draf"})
    assert "Keripik" not in missed.content.decode()
    vendors = json.loads(client.get(reverse("catalog_public_vendor_chooser:choose")).content)
    assert public.vendor.name in vendors["html"]
    assert "Usaha Beku" not in vendors["html"]


def test_editors_open_the_showroom_and_outlet_pages_in_the_admin(client, staff, airport):
    from catalog.demo_pages import create_outlet_pages
    from website.models import HomePage

    make_location("rppkum-legok", months=6, name="RPPKUM Legok", kind="showroom")
    showroom, outlet = create_outlet_pages(
        HomePage.objects.get(locale__language_code="id"),
        HomePage.objects.get(locale__language_code="en"),
    )
    html = client.get(reverse("wagtailadmin_pages:edit", args=[showroom.pk])).content.decode()
    assert reverse("catalog_public_product_chooser:choose") in html
    assert reverse("catalog_public_vendor_chooser:choose") in html
    assert client.get(reverse("wagtailadmin_pages:edit", args=[outlet.pk])).status_code == 200


def test_other_admin_forms_keep_their_own_widgets_for_catalog_models():
    """Registering products, categories and locations as snippets must not turn every
    foreign key to them (in other apps' admin forms) into a chooser."""
    from wagtail.admin.forms.models import registry

    reverse("wagtailadmin_home")  # the admin's view sets are registered with its URLs
    for model, field in ((LocationStock, "location"), (LocationStock, "product")):
        assert registry.get(model._meta.get_field(field)) is None
    assert registry.get(Category._meta.get_field("parent")) is None
