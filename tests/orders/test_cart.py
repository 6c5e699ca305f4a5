"""The shopper's cart: adding from the product page, changing and removing, grouping by
vendor, keeping an anonymous cart across visits and merging it at login, refusing bad
quantities with a clear message (never a 500), and stock problems shown before checkout.

Pages are requested on the English paths (/en/…), so the assertions read the msgids."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalog.models import Product
from orders.cart import COOKIE, SESSION_COUNT
from orders.models import Cart, CartItem
from tests.catalog.helpers import products_with_photos
from tests.factories import ProductFactory, UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def add(client, product, quantity="1", **extra):
    data = {"product": product.pk, "quantity": quantity, **extra}
    return client.post(en("orders:add"), data)


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def items(product=None):
    queryset = CartItem.objects.all()
    if product is not None:
        queryset = queryset.filter(product=product)
    return list(queryset.values_list("product_id", "quantity"))


# Adding ---------------------------------------------------------------------------------


def test_the_product_page_has_an_add_to_cart_form_while_in_stock(client):
    product = ProductFactory(stock=3)
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'action="{reverse("orders:add")}"' in html
    assert f'name="product" value="{product.pk}"' in html
    assert 'inputmode="numeric"' in html
    assert '<label for="buy-quantity">' in html


def test_the_product_page_says_out_of_stock_instead_of_a_form(client):
    product = ProductFactory(stock=0)
    html = client.get(product.get_absolute_url()).content.decode()
    assert reverse("orders:add") not in html
    assert "data-out-of-stock" in html


def test_adding_puts_the_product_in_the_cart_and_goes_back_to_the_product_page(client):
    product = ProductFactory(stock=5)
    page = product.get_absolute_url()
    response = add(client, product, "2", next=page)
    assert response.status_code == 302
    assert response["Location"] == page
    assert items() == [(product.pk, 2)]
    assert COOKIE in response.cookies
    assert client.session[SESSION_COUNT] == 2
    html = client.get(page).content.decode()
    assert "is in your cart (2 in total)." in html
    assert f'<a href="{en("orders:cart")}">See your cart</a>' in html


def test_adding_again_adds_up(client):
    product = ProductFactory(stock=5)
    add(client, product, "2")
    add(client, product, "3")
    assert items() == [(product.pk, 5)]
    assert Cart.objects.count() == 1
    assert client.session[SESSION_COUNT] == 5


def test_next_pointing_to_another_site_is_ignored(client):
    product = ProductFactory()
    response = add(client, product, "1", next="https://evil.example/phish")
    assert response["Location"] == en("catalog:product", product.slug)


def test_adding_is_a_post_only(client):
    assert client.get(en("orders:add")).status_code == 405


@pytest.mark.parametrize(
    "quantity",
    ["abc", "0", "-1", "2.5", "1e3", "99999999", "", " ", "²", "٣", "9" * 5000, "0x10"],
)
def test_a_bad_quantity_adds_nothing_and_says_why(client, quantity):
    product = ProductFactory(stock=10)
    response = add(client, product, quantity, next=product.get_absolute_url())
    assert response.status_code == 302
    assert items() == []
    assert len(texts(response)) == 1
    error = texts(response)[0]
    assert "whole number" in error or "at least 1" in error or "At most" in error


def test_more_than_the_stock_adds_nothing(client):
    product = ProductFactory(stock=3, name="Keripik Tempe")
    response = add(client, product, "4")
    assert items() == []
    assert texts(response) == ["Only 3 of Keripik Tempe left."]


@pytest.mark.parametrize("kind", ["unknown", "draft", "unverified vendor", "text", "huge"])
def test_a_product_that_is_not_for_sale_cannot_be_added(client, kind):
    product_id = {
        "unknown": lambda: 987654,
        "draft": lambda: ProductFactory(status=Product.Status.DRAFT).pk,
        "unverified vendor": lambda: ProductFactory(vendor=VendorFactory(nib_status="pending")).pk,
        "text": lambda: "1; DROP TABLE",
        "huge": lambda: "9" * 40,
    }[kind]()
    response = client.post(en("orders:add"), {"product": product_id, "quantity": "1"})
    assert response.status_code == 302
    assert items() == []
    assert not Cart.objects.exists()
    assert texts(response) == ["This product is not for sale."]


# Changing and removing ------------------------------------------------------------------


def test_the_quantity_can_be_changed_and_the_line_removed(client):
    product = ProductFactory(stock=10)
    add(client, product, "1")
    response = client.post(en("orders:update"), {"product": product.pk, "quantity": "4"})
    assert response["Location"] == en("orders:cart")
    assert items() == [(product.pk, 4)]
    assert client.session[SESSION_COUNT] == 4

    client.post(en("orders:remove"), {"product": product.pk})
    assert items() == []
    assert client.session[SESSION_COUNT] == 0


@pytest.mark.parametrize("quantity", ["abc", "0", "-1", "2.5", "1e3", "99999999", "11"])
def test_a_bad_new_quantity_changes_nothing(client, quantity):
    product = ProductFactory(stock=10)
    add(client, product, "2")
    client.get(en("orders:cart"))  # shows (and so clears) the "added" message
    response = client.post(en("orders:update"), {"product": product.pk, "quantity": quantity})
    assert response.status_code == 302
    assert items() == [(product.pk, 2)]
    assert len(texts(response)) == 1


def test_changing_a_product_that_is_not_in_the_cart_says_so(client):
    product = ProductFactory()
    response = client.post(en("orders:update"), {"product": product.pk, "quantity": "1"})
    assert texts(response) == ["This product is not in your cart."]
    assert client.post(en("orders:remove"), {"product": "x"}).status_code == 302


def test_the_cart_forms_work_without_javascript(client):
    product = ProductFactory()
    add(client, product, "1")
    html = client.get(en("orders:cart")).content.decode()
    assert f'<form class="shop-qty" method="post" action="{en("orders:update")}">' in html
    assert f'<label for="qty-{product.pk}">Quantity</label>' in html
    assert f'action="{en("orders:remove")}"' in html
    assert html.count('type="submit"') >= 2


# The cart page --------------------------------------------------------------------------


def test_the_cart_groups_items_by_vendor_with_subtotals_and_a_total(client):
    a, b = VendorFactory(name="Usaha Alpha"), VendorFactory(name="Usaha Beta")
    a1 = ProductFactory(vendor=a, price=10000)
    b1 = ProductFactory(vendor=b, price=40000)
    a2 = ProductFactory(vendor=a, price=5000)
    add(client, a1, "2")
    add(client, b1, "1")
    add(client, a2, "3")
    html = client.get(en("orders:cart")).content.decode()
    assert html.count("data-vendor=") == 2
    alpha = html[html.index(f'data-vendor="{a.pk}"') : html.index(f'data-vendor="{b.pk}"')]
    assert f'data-product="{a1.pk}"' in alpha and f'data-product="{a2.pk}"' in alpha
    assert f'data-product="{b1.pk}"' not in alpha
    assert "<strong data-subtotal>Rp\xa035.000</strong>" in html
    assert "<strong data-subtotal>Rp\xa040.000</strong>" in html
    assert "<strong data-total>Rp\xa075.000</strong>" in html
    assert "Total for 6 items" in html
    assert f'href="{a1.get_absolute_url()}"' in html
    assert f'href="{en("orders:checkout")}" data-checkout' in html


def test_the_cart_shows_each_photo_as_a_lazy_rendition_with_alt_text(client):
    (product,) = products_with_photos(1)
    add(client, product, "1")
    html = client.get(en("orders:cart")).content.decode()
    assert 'loading="lazy"' in html
    assert f'alt="{product.name}"' in html
    assert ".webp" in html


def test_an_empty_cart_links_to_the_catalog(client):
    html = client.get(en("orders:cart")).content.decode()
    assert "data-empty-cart" in html
    assert f'href="{en("catalog:index")}"' in html
    assert client.get("/keranjang/").status_code == 200


def test_stock_problems_are_shown_before_checkout_and_checkout_is_held(client):
    product = ProductFactory(stock=10, name="Dodol Betawi")
    gone = ProductFactory(stock=10, name="Kopi Legok")
    add(client, product, "5")
    add(client, gone, "1")
    Product.objects.filter(pk=product.pk).update(stock=2)
    Product.objects.filter(pk=gone.pk).update(status=Product.Status.ARCHIVED)

    html = client.get(en("orders:cart")).content.decode()
    problems = html[html.index("data-problems") : html.index("</section>")]
    assert 'role="alert"' in html[html.index("shop-problems") - 100 : html.index("data-problems")]
    assert "Only 2 of Dodol Betawi left; you asked for 5." in problems
    assert "Kopi Legok is no longer for sale; remove it to continue." in problems
    assert "data-checkout" not in html
    assert "disabled" in html
    assert html.index("data-problems") < html.index("Go to checkout")

    response = client.get(en("orders:checkout"))
    assert response["Location"] == en("orders:cart")


def test_the_cart_page_is_not_for_search_engines(client):
    html = client.get(en("orders:cart")).content.decode()
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("count", [2, 8])
def test_the_cart_page_needs_the_same_queries_for_few_or_many_items(
    client, django_assert_num_queries, count
):
    for product in products_with_photos(count):
        add(client, product, "1")
    client.get(en("orders:cart"))  # the first view makes the renditions
    with django_assert_num_queries(QUERIES_FOR_THE_CART_PAGE):
        response = client.get(en("orders:cart"))
    assert response.content.decode().count("data-product=") == count


# Cart, items with products and vendors, photos, images, renditions, tier prices, the
# delivery fee: none of them per item (the stock check uses the items as read; the session
# and the footer come from the cache).
QUERIES_FOR_THE_CART_PAGE = 7


# Kept across visits, merged at login ------------------------------------------------------


def test_an_anonymous_cart_is_kept_across_visits_by_a_long_lived_cookie(client):
    product = ProductFactory(name="Emping Melinjo")
    response = add(client, product, "2")
    cookie = response.cookies[COOKIE]
    assert cookie["max-age"] >= 60 * 60 * 24 * 30
    assert cookie["httponly"]

    later = Client()  # a new visit: no session, only the cart cookie
    later.cookies[COOKIE] = cookie.value
    html = later.get(en("orders:cart")).content.decode()
    assert "Emping Melinjo" in html
    assert later.session[SESSION_COUNT] == 2


def test_a_tampered_cart_cookie_is_no_cart(client):
    product = ProductFactory()
    add(client, product, "1")
    stranger = Client()
    stranger.cookies[COOKIE] = str(Cart.objects.get().token)  # unsigned
    assert "data-empty-cart" in stranger.get(en("orders:cart")).content.decode()


def test_logging_in_merges_the_anonymous_cart_into_the_users_cart(client):
    user = UserFactory()
    own, anonymous = ProductFactory(stock=10), ProductFactory(stock=10)
    both = ProductFactory(stock=10)
    users_cart = Cart.objects.create(user=user)
    CartItem.objects.create(cart=users_cart, product=own, quantity=1)
    CartItem.objects.create(cart=users_cart, product=both, quantity=2)
    add(client, anonymous, "3")
    add(client, both, "1")

    response = client.post(en("login"), {"username": user.username, "password": "Rahasia-123"})
    assert response.status_code == 302

    assert Cart.objects.count() == 1
    assert sorted(users_cart.items.values_list("product_id", "quantity")) == sorted(
        [(own.pk, 1), (anonymous.pk, 3), (both.pk, 3)]
    )
    assert client.session[SESSION_COUNT] == 7
    html = client.get(en("orders:cart")).content.decode()
    assert html.count("data-product=") == 3


def test_a_logged_in_shopper_adds_to_their_own_cart(client):
    user = UserFactory()
    client.force_login(user)
    product = ProductFactory()
    add(client, product, "1")
    assert Cart.objects.get().user == user
