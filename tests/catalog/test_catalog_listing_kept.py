"""The catalog's listing is kept per address, language and content generation: a visitor the
page cache never serves (a signed-in vendor) gets it without the catalog's queries, and still
sees every change at once, their own header, and what their address asks for."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalog.test_catalog_browse import names
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # as for anyone the page cache does not serve
    client.force_login(MembershipFactory().user)
    return client


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(captured)


def test_a_signed_in_vendor_gets_the_kept_listing_with_their_own_header(signed_in, shop):
    first, first_queries = queries(signed_in, "/katalog/?q=keripik")
    again, again_queries = queries(signed_in, "/katalog/?q=keripik")
    assert names(again) == names(first) == {"Keripik Tempe", "Keripik Pisang"}
    # Only the visitor is read the second time: the user, and their permissions (Wagtail's
    # user bar asks whether to show it).
    assert again_queries < first_queries
    assert again_queries == 3
    html = again.content.decode()
    assert "My dashboard" in html or "Dasbor saya" in html
    assert 'id="site-search" type="search" name="q" value="keripik"' in html
    assert "<h1>Hasil untuk “keripik”</h1>" in html
    assert "2 produk" in html
    title = "<title>“keripik” di katalog · Etalase Tangerang</title>"
    assert re.findall("<title>.*?</title>", html, re.S) == [title]


def test_a_change_shows_on_the_next_visit(signed_in, shop):
    signed_in.get("/katalog/")
    shop["tas"].name = "Tas Anyaman Mendong"
    shop["tas"].save()
    assert "Tas Anyaman Mendong" in names(signed_in.get("/katalog/"))


def test_each_address_and_language_has_its_own_listing(client, settings, shop):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/katalog/")
    beyond = client.get("/katalog/?page=9").content.decode()
    assert "9" in "".join(re.findall(r'<ul class="notes">(.*?)</ul>', beyond))
    assert '<ul class="notes">' not in client.get("/katalog/").content.decode()
    assert names(client.get("/katalog/?kategori=kerajinan")) == {"Tas Anyaman Pandan"}
    assert "Woven Pandan Bag" in names(client.get("/en/katalog/"))
    assert "Woven Pandan Bag" not in names(client.get("/katalog/"))


def test_a_corrected_search_keeps_its_suggestion(client, settings, shop):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        html = client.get("/katalog/?q=keripk").content.decode()
        assert "did-you-mean" in html
        assert 'name="q" value="keripik"' in html
