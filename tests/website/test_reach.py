"""Issue 20, point 7: what search engines and browsers are told about our pages. Each public
page has its own meta description in both languages; every public page a canonical link (its
own address, only the parameters that change content); hreflang alternates with x-default;
/favicon.ico, an apple-touch-icon and a web manifest; robots.txt lets crawlers read the
partnership form but keeps every private page out."""

import io
import json
import re
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from PIL import Image

from tests.catalog.test_outlet_pages import shelves  # noqa: F401  (a fixture)
from tests.factories import ProductFactory, VendorFactory
from tests.vendors.cooperatives.test_clusters import serbuk  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_day")]

PUBLIC_PATHS = [
    "/",
    "/katalog/",
    "/cari/",
    "/rppkum/",
    "/outlet-bandara/",
    "/kemitraan/",
    "/daftar-umkm/",
    "/umkm/",
    "/klaster/",
    "/klaster/kuliner-legok/",
    "/kurasi/",
    "/masuk/",
]


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser").head


def description(client, path):
    return head(client, path).find("meta", attrs={"name": "description"})["content"]


def canonicals(client, path):
    return [link["href"] for link in head(client, path).find_all("link", rel="canonical")]


@pytest.fixture
def public_site(shelves, serbuk):  # noqa: F811
    vendor = VendorFactory(
        name="Batik Bu Ina",
        slug="batik-bu-ina",
        description="Batik tulis khas Legok, dibuat tangan oleh ibu-ibu Desa Babat sejak 1998.",
    )
    ProductFactory(
        vendor=vendor,
        name="Batik Tulis",
        slug="batik-tulis",
        description="Kain batik tulis motif padi, katun primisima, 2 x 1,15 meter, pewarna alam.",
    )
    return [*PUBLIC_PATHS, "/umkm/batik-bu-ina/", "/produk/batik-tulis/"]


# Meta descriptions ------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_public_page_has_its_own_short_description(client, public_site, prefix):
    found = {path: description(client, prefix + path) for path in public_site}
    for path, text in found.items():
        assert 50 <= len(text) <= 160, (path, text)
    assert len(set(found.values())) == len(found), found


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/katalog/", "Jelajahi semua produk usaha mikro Kabupaten Tangerang"),
        ("/en/katalog/", "Browse every product of Kabupaten Tangerang"),
        ("/kemitraan/", "Hotel, restoran, dan toko: minta pasokan rutin"),
        ("/en/kemitraan/", "Hotels, restaurants and shops: ask"),
        ("/rppkum/", "RPPKUM Legok: produk usaha mikro Kabupaten Tangerang di raknya"),
        ("/en/klaster/kuliner-legok/", "Legok Culinary Cluster: the member businesses"),
    ],
)
def test_descriptions_say_what_is_on_the_page_in_its_language(client, public_site, path, text):
    assert description(client, path).startswith(text)


def test_an_editors_search_description_wins(client, shelves):  # noqa: F811
    from catalog.pages import ShowroomPage

    page = ShowroomPage.objects.get(url_path__endswith="/rppkum/", locale__language_code="id")
    page.search_description = "Ruang pamer produk UMKM di Legok, buka Senin sampai Sabtu."
    page.save_revision().publish()
    assert description(client, "/rppkum/") == page.search_description


# Canonical links -------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_public_page_has_one_canonical_link_to_itself(client, public_site, prefix):
    for path in public_site:
        assert canonicals(client, prefix + path) == [f"http://testserver{prefix}{path}"]


def test_listings_keep_only_the_parameters_that_change_content(client, public_site):
    tracked = "/katalog/?utm_source=wa&kecamatan=legok&urut=harga&page=2&fbclid=x&kategori=batik"
    assert canonicals(client, tracked) == [
        "http://testserver/katalog/?kategori=batik&kecamatan=legok&page=2"
    ]
    assert canonicals(client, "/en/umkm/?page=1&gclid=1") == ["http://testserver/en/umkm/"]
    assert canonicals(client, "/cari/?q=keripik&utm_medium=x") == [
        "http://testserver/cari/?q=keripik"
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_prefilled_partnership_form_is_canonical_to_the_form(client, public_site, prefix):
    for query in ("?umkm=batik-bu-ina", "?produk=batik-tulis&utm_source=wa"):
        assert canonicals(client, f"{prefix}/kemitraan/{query}") == [
            f"http://testserver{prefix}/kemitraan/"
        ]


def test_every_filter_parameter_is_either_canonical_or_deliberately_dropped():
    from catalog.filters import ProductFilter
    from catalog.pages import OutletPage
    from core.seo import CANONICAL_PARAMETERS, NON_CANONICAL_PARAMETERS
    from vendors.directory import DirectoryForm

    names = {*ProductFilter.base_filters, *DirectoryForm.base_fields}
    names |= {OutletPage.CATEGORY_PARAMETER, "page", "q"}
    assert names <= CANONICAL_PARAMETERS | NON_CANONICAL_PARAMETERS


def test_private_pages_have_no_canonical_link(client):
    for path in ("/kemitraan/masuk/", "/en/kemitraan/masuk/", "/keranjang/"):
        assert canonicals(client, path) == [], path


def test_the_404_page_has_no_canonical_link(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


# hreflang -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/katalog/?kategori=batik&utm_source=wa", "/en/katalog/?kategori=batik"]
)
def test_alternates_name_both_languages_and_x_default_is_indonesian(client, public_site, path):
    links = {
        link["hreflang"]: link["href"]
        for link in head(client, path).find_all("link", rel="alternate")
    }
    assert links == {
        "id": "http://testserver/katalog/?kategori=batik",
        "en": "http://testserver/en/katalog/?kategori=batik",
        "x-default": "http://testserver/katalog/?kategori=batik",
    }


# Icons and manifest ---------------------------------------------------------------------


def test_favicon_ico_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_link_the_icons_and_the_manifest(client, prefix):
    page = head(client, prefix + "/")
    touch = page.find("link", rel="apple-touch-icon")["href"]
    assert touch.startswith("/static/")
    with Image.open(finders.find(touch.removeprefix("/static/"))) as image:
        assert image.size == (180, 180)
    assert page.find("link", rel="manifest")["href"] == "/manifest.webmanifest"
    assert page.find("link", rel="icon", href="/favicon.ico") is not None


def test_the_manifest_names_the_site_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Etalase Tangerang"
    assert manifest["short_name"] and manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    sizes = {}
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/static/")  # our own server
        with Image.open(finders.find(icon["src"].removeprefix("/static/"))) as image:
            sizes[icon["sizes"]] = image.size
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}


# robots.txt -----------------------------------------------------------------------------


def rfc9309_allowed(body, path):
    """RFC 9309 (what Google and Bing do): of the rules that match, the longest wins, Allow
    wins a tie; ``*`` matches anything, ``$`` ends the URL."""
    best = (-1, True)
    for line in body.splitlines():
        field, _, value = line.partition(":")
        field, value = field.strip().lower(), value.strip()
        if field not in ("allow", "disallow") or not value:
            continue
        pattern = re.escape(value).replace(r"\*", ".*").replace(r"\$", "$")
        if re.match(pattern, path):
            candidate = (len(value), field == "allow")
            best = max(best, candidate)
    return best[1]


PRIVATE = [
    "/kemitraan/AbCdEfGhIjKlMnOpQrSt/",
    "/kemitraan/AbCdEfGhIjKlMnOpQrSt/kontrak/",
    "/kemitraan/kontrak/AbCdEfGhIjKlMnOpQrSt/",
    "/kemitraan/kontrak/AbCdEfGhIjKlMnOpQrSt/tagihan/3/",
    "/kemitraan/pembeli/signed-value/",
    "/kemitraan/masuk/",
    "/dasbor/",
    "/keranjang/",
    "/pesanan/AbCdEfGhIjKlMnOpQrSt/",
    "/admin/",
]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_robots_lets_crawlers_read_the_partnership_form_only(client, prefix):
    body = client.get("/robots.txt").content.decode()
    assert f"Allow: {prefix}/kemitraan/$" in body.splitlines()
    assert rfc9309_allowed(body, f"{prefix}/kemitraan/")
    for path in ("/", "/katalog/", "/umkm/", "/daftar-umkm/", "/rppkum/"):
        assert rfc9309_allowed(body, prefix + path), path
    for path in PRIVATE:
        assert not rfc9309_allowed(body, prefix + path), path


def test_a_simple_first_match_parser_keeps_every_private_page_out(client):
    body = client.get("/robots.txt").content.decode()
    parser = RobotFileParser()
    parser.parse(body.splitlines())
    for path in PRIVATE:
        for prefix in ("", "/en"):
            assert not parser.can_fetch("*", f"http://testserver{prefix}{path}"), path
    assert parser.can_fetch("*", "http://testserver/katalog/")
