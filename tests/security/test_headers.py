"""Security headers on every kind of response, CSRF on every form post, production cookie and
HSTS settings, and the password rules of the vendor application."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver
from wagtail.models import Page

from tests.vendors.test_application import application
from tests.website.test_settings import PRODUCTION_ENV, manage
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# (who is signed in, method, url): public, private, error and admin pages, and POSTs.
SAMPLE = [
    (None, "get", "/"),
    (None, "get", "/"),  # the same page again, now from the anonymous page cache
    (None, "get", "/en/"),
    (None, "get", "/cari/?q=keripik"),
    (None, "get", "/umkm/"),
    (None, "get", "/en/umkm/?kecamatan=legok&halal=on"),
    (None, "get", "/umkm/{vendor_slug}/"),
    (None, "get", "/daftar-umkm/"),
    (None, "get", "/kemitraan/"),
    (None, "get", "/masuk/"),
    (None, "get", "/pesanan/{order_token}/"),
    (None, "get", "/kemitraan/{request_token}/"),
    (None, "get", "/tidak-ada-halaman-ini/"),
    (None, "get", "/pesanan/salah/"),
    (None, "get", "/dasbor/"),  # redirect to the login
    (None, "get", "/admin/login/"),
    (None, "post", "/masuk/"),
    (None, "post", "/keranjang/tambah/"),
    ("vendor_a", "get", "/dasbor/"),
    ("vendor_a", "get", "/dasbor/produk/{product}/"),
    ("vendor_a", "get", "/dasbor/pesanan/{part}/"),
    ("vendor_a", "post", "/dasbor/produk/{product}/turunkan/"),
    ("outlet_staff", "get", "/outlet/rppkum-legok/"),
    ("staff", "get", "/admin/"),
    ("staff", "get", "/admin/verification/"),
]


@pytest.mark.parametrize("role, method, url", SAMPLE)
def test_every_response_carries_the_security_headers(client, world, role, method, url):
    users, keys = world
    keys = {**keys, "vendor_slug": "usaha-alfa"}
    if role:
        client.force_login(users[role])
    response = getattr(client, method)(url.format(**keys))
    assert response.status_code in (200, 302, 404), response.status_code

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert response.headers["X-Frame-Options"] == "DENY"
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    if not url.startswith("/admin/"):
        # The admin's widgets need inline scripts; nothing else may run one.
        assert "'unsafe-inline'" not in csp["script-src"]
        assert "'unsafe-inline'" not in csp.get("default-src", [])
    for directive in ("script-src", "default-src"):
        assert "*" not in csp.get(directive, [])
        assert "'unsafe-eval'" not in csp.get(directive, [])


def test_private_pages_are_neither_cached_nor_leaked(client, world):
    _users, keys = world
    for url in (f"/pesanan/{keys['order_token']}/", f"/kemitraan/{keys['request_token']}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
        assert "noindex" in response.headers["X-Robots-Tag"]


# CSRF ---------------------------------------------------------------------------------------

# Every form post of the site, with the role that would normally send it.
POSTS = [
    (None, "/masuk/"),
    (None, "/en/masuk/"),
    (None, "/keluar/"),
    (None, "/daftar-umkm/"),
    (None, "/keranjang/tambah/"),
    (None, "/keranjang/ubah/"),
    (None, "/keranjang/hapus/"),
    (None, "/checkout/"),
    (None, "/pesanan/{order_token}/bayar/"),
    (None, "/kemitraan/"),
    (None, "/kemitraan/{request_token}/"),
    (None, "/admin/login/"),
    ("vendor_a", "/keluar/"),
    ("vendor_a", "/dasbor/pilih-usaha/"),
    ("vendor_a", "/dasbor/profil/"),
    ("vendor_a", "/dasbor/nib/"),
    ("vendor_a", "/dasbor/halal/"),
    ("vendor_a", "/dasbor/produk/baru/"),
    ("vendor_a", "/dasbor/produk/{product}/"),
    ("vendor_a", "/dasbor/produk/{product}/foto/"),
    ("vendor_a", "/dasbor/produk/{product}/foto/{image}/"),
    ("vendor_a", "/dasbor/produk/{product}/foto/{image}/hapus/"),
    ("vendor_a", "/dasbor/produk/{product}/foto/{image}/naik/"),
    ("vendor_a", "/dasbor/produk/{product}/tayangkan/"),
    ("vendor_a", "/dasbor/produk/{product}/turunkan/"),
    ("vendor_a", "/dasbor/produk/{product}/arsipkan/"),
    ("vendor_a", "/dasbor/produk/{product}/usulkan/"),
    ("vendor_a", "/dasbor/pesanan/{part}/"),
    ("vendor_a", "/dasbor/kemitraan/{request_number}/"),
    ("outlet_staff", "/outlet/rppkum-legok/{order_number}/ambil/"),
    ("outlet_staff", "/outlet/rppkum-legok/{order_number}/bayar/"),
    ("staff", "/admin/verification/vendor/{vendor}/"),
    ("staff", "/admin/verification/certificate/{certificate}/"),
    ("staff", "/admin/pages/{home}/unpublish/"),
]


@pytest.mark.parametrize("role, url", POSTS)
def test_a_post_without_the_csrf_token_is_refused(world, role, url):
    users, keys = world
    keys = {**keys, "home": Page.objects.get(depth=2, locale__language_code="id").pk}
    url = url.format(**keys)
    data = {"status": "ready", "vendor": keys["vendor"]}
    client = Client(enforce_csrf_checks=True)
    if role:
        client.force_login(users[role])
    assert client.post(url, data).status_code == 403
    # The same post from the site's own form (token checked and accepted) gets through.
    client.handler.enforce_csrf_checks = False
    assert client.post(url, data).status_code != 403


def test_wagtails_admin_api_checks_csrf_itself(world):
    users, _keys = world
    home = Page.objects.get(depth=2, locale__language_code="id")
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    response = client.post(
        f"/admin/api/main/pages/{home.pk}/action/copy/",
        {"destination_page_id": home.pk},
    )
    assert response.status_code == 403
    assert "CSRF Failed" in response.json()["detail"]


def test_the_stripe_webhook_is_the_only_view_exempt_from_csrf():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    exempt = {
        path
        for path, view in walk(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False)
        # Wagtail's admin API: Django REST framework, which enforces CSRF on session
        # sign-ins itself (test_wagtails_admin_api_checks_csrf_itself).
        and not path.startswith("admin/api/main/")
    }
    assert exempt == {"stripe/webhook/"}


def test_the_stripe_webhook_takes_no_csrf_token_but_refuses_a_bad_signature(settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/stripe/webhook/",
        b'{"type": "checkout.session.completed"}',
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=forged",
    )
    assert response.status_code == 400


# Production settings ------------------------------------------------------------------------


def test_production_cookies_are_secure_and_http_only_and_hsts_is_on():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF, s.DEBUG)"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    values = result.stdout.split()[-8:]
    assert values[:3] == ["True", "True", "True"]
    assert int(values[3]) >= 60 * 60 * 24 * 180
    assert values[4:] == ["True", "DENY", "True", "False"]


# Passwords ----------------------------------------------------------------------------------


def test_django_password_validators_are_configured():
    names = {validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS}
    assert names >= {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


@pytest.mark.parametrize(
    "password, message",
    [
        ("Ks-7a", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("8402957316", "This password is entirely numeric."),
        ("sari@example.com", "The password is too similar to the"),  # username = e-mail
    ],
)
def test_the_vendor_application_refuses_a_weak_password(client, password, message):
    response = client.post("/en/daftar-umkm/", application(password1=password, password2=password))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Vendor.objects.filter(name="Keripik Bu Sari").exists()
