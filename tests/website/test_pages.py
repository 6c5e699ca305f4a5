import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_home_page_is_indonesian_at_root(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Produk pilihan" in html
    assert "Jelajahi katalog" in html


def test_home_page_is_english_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Featured products" in html
    assert "The best of Kabupaten Tangerang" in html


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/").content.decode()
    assert 'href="/en/" hreflang="en"' in html
    html = client.get("/en/").content.decode()
    assert 'href="/" hreflang="id"' in html


def test_language_switch_keeps_a_non_page_path_and_its_query(client):
    html = client.get("/cari/?q=kopi").content.decode()
    assert 'href="/en/cari/?q=kopi" hreflang="en"' in html


def test_home_links_to_the_showcase_outlet_and_partnership_pages(client):
    html = client.get("/").content.decode()
    for path in ("/rppkum/", "/outlet-bandara/", "/kemitraan/"):
        assert f'href="{path}"' in html
    html = client.get("/en/").content.decode()
    for path in ("/en/rppkum/", "/en/outlet-bandara/", "/en/kemitraan/"):
        assert f'href="{path}"' in html


def test_every_page_has_header_search_cart_and_office_footer(client):
    html = client.get("/").content.decode()
    assert 'role="search"' in html
    assert 'href="/keranjang/"' in html
    assert "Dinas Koperasi dan Usaha Mikro Kabupaten Tangerang" in html


@pytest.mark.parametrize(
    ("path", "text", "lang"),
    [("/tidak-ada/", "Halaman tidak ditemukan", "id"), ("/en/nope/", "Page not found", "en")],
)
def test_unknown_paths_get_our_404_page_in_the_right_language(client, path, text, lang):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{lang}">' in html
    assert "site-header" in html


def test_a_server_error_shows_our_500_page_not_a_traceback(rf):
    from website.views import server_error

    request = rf.get("/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_pages_load_nothing_from_another_host(client):
    for path in ("/", "/en/", "/cari/?q=batik", "/tidak-ada/"):
        html = client.get(path).content.decode()
        external = re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', html)
        assert [u for u in external if "wa.me" not in u and "testserver" not in u] == []


def test_csp_header_forbids_inline_and_foreign_scripts(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    # No inline scripts (structured data blocks are not executed).
    assert (
        re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", html) is None
    )


def test_robots_txt_names_the_sitemap_and_hides_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /pesanan/" in body


def test_sitemap_lists_the_home_page_in_both_languages(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-products.xml</loc>" in index
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<loc>http://testserver/</loc>" in body
    assert "<loc>http://testserver/en/</loc>" in body


def test_admin_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_admin_login_page_answers(client):
    assert client.get("/admin/login/").status_code == 200


def test_admin_is_refused_to_a_non_staff_user(django_user_model):
    user = django_user_model.objects.create_user("warga", password="x-Secret-123")
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "Dashboard" not in response.content.decode()


def test_admin_opens_for_staff(admin_client):
    assert admin_client.get("/admin/").status_code == 200


def test_search_finds_pages_in_the_active_language(client):
    from wagtail.models import Locale

    from website.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="id")
    page = StandardPage(title="Tentang kami", slug="tentang", intro="Rumah UMKM Legok")
    home.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "About the showroom"
    english.slug = "about"
    english.save_revision().publish()

    html = client.get(reverse("search"), {"q": "tentang"}).content.decode()
    assert "Tentang kami" in html
    html = client.get("/en/cari/", {"q": "showroom"}).content.decode()
    assert "About the showroom" in html
    assert "Tentang kami" not in html


def test_search_with_a_huge_or_odd_query_does_not_fail(client):
    for query in ("x" * 5000, "'; DROP TABLE x;--", "<script>alert(1)</script>", "%00"):
        response = client.get(reverse("search"), {"q": query, "page": "abc"})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_content_page_shows_in_both_languages_with_a_switch_between_them(client):
    from wagtail.models import Locale

    from website.models import HomePage, StandardPage

    home = HomePage.objects.get(locale__language_code="id")
    page = StandardPage(title="Tentang kami", slug="tentang", intro="Pengantar")
    home.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "About us"
    english.slug = "about"
    english.save_revision().publish()

    html = client.get("/tentang/").content.decode()
    assert "<h1>Tentang kami</h1>" in html
    assert 'href="/en/about/" hreflang="en"' in html
    html = client.get("/en/about/").content.decode()
    assert "<h1>About us</h1>" in html
    assert 'href="/tentang/" hreflang="id"' in html


def test_only_the_staff_admin_allows_inline_scripts(client, admin_client):
    public = client.get("/katalog/").headers["Content-Security-Policy"]
    admin = admin_client.get("/admin/login/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in re.search(r"script-src ([^;]+)", public).group(1)
    assert "'unsafe-inline'" in re.search(r"script-src ([^;]+)", admin).group(1)
    for directive in ("script-src", "style-src", "default-src"):
        sources = re.search(rf"{directive} ([^;]+)", admin).group(1)
        assert "http" not in sources  # still nothing from another host
