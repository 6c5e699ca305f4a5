"""Wagtail's routing is kept per content generation (website/routing.py): a repeated visit
routes with no query, and a publish, an unpublish, a draft, a move or a privacy change shows
on the very next visit (page cache off, as for signed-in visitors)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = HomePage.objects.get(locale__language_code="id")
    page = StandardPage(title="Tentang kami", slug="tentang", intro="Pengantar")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_repeated_visit_to_a_page_routes_with_no_query(client, about, django_assert_num_queries):
    client.get("/tentang/")
    with django_assert_num_queries(1):  # the page's own: its public child pages
        response = client.get("/tentang/")
    assert "<h1>Tentang kami</h1>" in response.content.decode()


def test_a_published_change_shows_on_the_next_visit(client, about):
    client.get("/tentang/")
    about.title = "Tentang Rumah UMKM"
    about.save_revision().publish()
    assert "<h1>Tentang Rumah UMKM</h1>" in client.get("/tentang/").content.decode()


def test_a_draft_does_not_show(client, about):
    client.get("/tentang/")
    about.title = "Belum terbit"
    about.save_revision()
    html = client.get("/tentang/").content.decode()
    assert "<h1>Tentang kami</h1>" in html
    assert "Belum terbit" not in html


def test_an_unpublished_page_is_gone_on_the_next_visit(client, about):
    assert client.get("/tentang/").status_code == 200
    about.unpublish()
    assert client.get("/tentang/").status_code == 404


def test_a_renamed_slug_moves_the_page_at_once(client, about):
    assert client.get("/tentang/").status_code == 200
    about.slug = "profil"
    about.save_revision().publish()
    assert client.get("/tentang/").status_code == 404
    assert client.get("/profil/").status_code == 200


def test_a_page_made_private_asks_to_log_in_on_the_next_visit(client, about):
    assert client.get("/tentang/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Pengurus"))
    response = client.get("/tentang/")
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]
    restriction.delete()
    assert client.get("/tentang/").status_code == 200


def test_a_password_protected_page_still_takes_its_password(client, about):
    client.get("/tentang/")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    form = client.get("/tentang/")
    assert "<h1>Tentang kami</h1>" not in form.content.decode()
    action = f"/_util/authenticate_with_password/{restriction.pk}/{about.pk}/"
    assert action in form.content.decode()
    passed = client.post(action, {"password": "rahasia", "return_url": "/tentang/"})
    assert passed.status_code == 302
    assert "<h1>Tentang kami</h1>" in client.get("/tentang/").content.decode()


def test_each_language_routes_to_its_own_page(client, about):
    from wagtail.models import Locale

    english = about.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "About us"
    english.slug = "about"
    english.save_revision().publish()
    assert "<h1>Tentang kami</h1>" in client.get("/tentang/").content.decode()
    assert "<h1>About us</h1>" in client.get("/en/about/").content.decode()
    assert client.get("/en/tentang/").status_code == 404
    assert "<h1>About us</h1>" in client.get("/en/about/").content.decode()


def test_a_repeated_visit_reads_the_shared_cache_once_and_gets_its_own_page(
    client, about, monkeypatch
):
    """A worker keeps the routes and translations it has read: the visit reads only the
    content generation from the shared cache (once, however many things are keyed on it),
    and each request still gets its own copy of the page (threads share the worker)."""
    from django.core.cache.backends.locmem import LocMemCache

    first = client.get("/tentang/")
    reads = []
    real_get = LocMemCache.get
    monkeypatch.setattr(
        LocMemCache,
        "get",
        lambda self, key, *a, **kw: reads.append(key) or real_get(self, key, *a, **kw),
    )
    second = client.get("/tentang/")
    assert [key for key in reads if "generation" in key or "stock" in key] == [
        "etalase:generation",
        "etalase:stock",
    ]
    assert not [key for key in reads if key.startswith(("route", "translations"))]
    assert second.context["page"] == first.context["page"]
    assert second.context["page"] is not first.context["page"]
