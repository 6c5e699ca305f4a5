"""The public directory of businesses, /umkm/: only public businesses, filters, pages, an
empty state, both languages, a fixed number of queries, and the anonymous page cache."""

import datetime
import re

import pytest
from django.utils import timezone

from catalog.models import Product
from tests.catalog.helpers import photo
from tests.factories import (
    CategoryFactory,
    HalalCertificateFactory,
    ProductFactory,
    StaffFactory,
    VendorFactory,
)
from vendors import services
from vendors.models import Kecamatan, Vendor

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<h2 class="card-title" id="vendor-\d+"><a href="[^"]+">([^<]+)</a>', html)


def test_only_public_businesses_are_listed(client):
    VendorFactory(name="Keripik Bu Sari")
    VendorFactory(name="Baru Daftar", status=Vendor.Status.APPLIED)
    VendorFactory(name="Dibekukan", status=Vendor.Status.SUSPENDED)
    VendorFactory(name="NIB Menunggu", nib_status=Vendor.NibStatus.PENDING)
    VendorFactory(name="NIB Ditolak", nib_status=Vendor.NibStatus.REJECTED)
    VendorFactory(
        name="Belum Aktif",
        status=Vendor.Status.APPLIED,
        nib_status=Vendor.NibStatus.UNVERIFIED,
    )

    response = client.get("/umkm/")

    assert response.status_code == 200
    assert names(response) == ["Keripik Bu Sari"]
    assert "1 usaha" in response.content.decode()


def test_a_card_shows_kind_kecamatan_halal_badge_story_and_links_to_the_profile(client):
    vendor = VendorFactory(
        name="Koperasi Sejahtera",
        slug="koperasi-sejahtera",
        kind=Vendor.Kind.COOPERATIVE,
        kecamatan=Kecamatan.objects.get(name="Cikupa"),
        description="Koperasi pengrajin anyaman bambu sejak 1998 di tepi Sungai Cisadane.",
        logo=photo("logo.jpg"),
    )
    HalalCertificateFactory(vendor=vendor)

    html = client.get("/umkm/").content.decode()

    card = html[html.index('class="directory-card"') :]
    card = card[: card.index("</article>")]
    assert 'href="/umkm/koperasi-sejahtera/"' in card
    assert "Koperasi" in card and "Cikupa" in card
    assert 'class="badge badge-halal"' in card
    assert "Koperasi pengrajin anyaman bambu" in card
    assert "<img" in card and 'alt=""' in card


def test_filter_by_kecamatan_and_kind(client):
    cikupa = Kecamatan.objects.get(name="Cikupa")
    VendorFactory(name="Legok Mikro")
    VendorFactory(name="Cikupa Mikro", kecamatan=cikupa)
    VendorFactory(name="Cikupa Koperasi", kecamatan=cikupa, kind=Vendor.Kind.COOPERATIVE)

    assert names(client.get("/umkm/?kecamatan=cikupa")) == ["Cikupa Koperasi", "Cikupa Mikro"]
    assert names(client.get("/umkm/?kecamatan=cikupa&jenis=koperasi")) == ["Cikupa Koperasi"]
    assert names(client.get("/umkm/?jenis=usaha_mikro")) == ["Cikupa Mikro", "Legok Mikro"]
    # A kecamatan that does not exist filters nothing out (an old or mistyped link).
    assert len(names(client.get("/umkm/?kecamatan=atlantis"))) == 3


def test_halal_filter_counts_only_valid_certificates(client, frozen_day):
    today = timezone.localdate()
    HalalCertificateFactory(vendor=VendorFactory(name="Halal Berlaku"))
    HalalCertificateFactory(
        vendor=VendorFactory(name="Halal Kedaluwarsa"),
        expires_on=today - datetime.timedelta(days=1),
    )
    HalalCertificateFactory(vendor=VendorFactory(name="Halal Dicabut"), revoked_at=timezone.now())
    HalalCertificateFactory(vendor=VendorFactory(name="Halal Menunggu"), status="pending")
    VendorFactory(name="Tanpa Sertifikat")

    response = client.get("/umkm/?halal=on")

    assert names(response) == ["Halal Berlaku"]
    assert response.content.decode().count('class="badge badge-halal"') == 1


def test_field_filter_follows_the_top_category_of_published_products(client):
    food = CategoryFactory(name="Makanan & Minuman", name_en="Food & drink", slug="makanan")
    chips = CategoryFactory(name="Keripik", slug="keripik", parent=food)
    crafts = CategoryFactory(name="Kerajinan", name_en="Crafts", slug="kerajinan")
    ProductFactory(vendor=VendorFactory(name="Keripik Bu Sari"), category=chips)
    ProductFactory(vendor=VendorFactory(name="Anyaman Pak Udin"), category=crafts)
    ProductFactory(
        vendor=VendorFactory(name="Masih Draf"), category=chips, status=Product.Status.DRAFT
    )

    assert names(client.get("/umkm/?bidang=makanan")) == ["Keripik Bu Sari"]
    assert names(client.get("/umkm/?bidang=kerajinan")) == ["Anyaman Pak Udin"]
    html = client.get("/en/umkm/").content.decode()
    assert '<option value="makanan">Food &amp; drink</option>' in html
    assert '<option value="keripik">' not in html  # top categories only


def test_name_search(client):
    VendorFactory(name="Batik Tigaraksa Indah")
    VendorFactory(name="Kopi Cisoka")

    assert names(client.get("/umkm/?q=batik")) == ["Batik Tigaraksa Indah"]


def test_pages_keep_the_filters_and_a_page_past_the_end_shows_the_last(client, settings):
    settings.CATALOG_PAGE_SIZE = 2
    for n in range(5):
        VendorFactory(name=f"Usaha {n}")

    first = client.get("/umkm/?jenis=usaha_mikro")
    html = first.content.decode()
    assert names(first) == ["Usaha 0", "Usaha 1"]
    assert "?jenis=usaha_mikro&amp;page=2" in html
    assert "Halaman 1 dari 3" in html
    assert names(client.get("/umkm/?jenis=usaha_mikro&page=3")) == ["Usaha 4"]
    assert names(client.get("/umkm/?jenis=usaha_mikro&page=99")) == ["Usaha 4"]


def test_nothing_found_says_so_and_offers_to_clear_the_filters(client):
    VendorFactory(name="Legok Mikro")

    html = client.get("/umkm/?kecamatan=cikupa&halal=on").content.decode()

    assert "Tidak ada usaha yang cocok dengan saringan ini." in html
    assert 'href="/umkm/">Tampilkan semua usaha</a>' in html
    # Each applied filter can be removed on its own.
    assert 'href="?halal=on">Cikupa' in html
    assert 'href="?kecamatan=cikupa">Bersertifikat halal' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_an_empty_directory_says_businesses_are_coming(client):
    VendorFactory(status=Vendor.Status.APPLIED)

    html = client.get("/umkm/").content.decode()

    assert "Usaha pertama yang terverifikasi akan tampil di sini." in html
    assert "Tidak ada usaha yang cocok" not in html


def test_the_directory_in_english(client):
    VendorFactory(
        name="Keripik Bu Sari",
        slug="keripik-bu-sari",
        description="Keripik singkong pedas.",
        description_en="Spicy cassava chips.",
    )

    html = client.get("/en/umkm/").content.decode()

    assert '<html lang="en"' in html
    assert "<h1>Business directory</h1>" in html
    assert "1 business" in html
    assert "Micro-business" in html
    assert "Spicy cassava chips." in html
    assert 'href="/en/umkm/keripik-bu-sari/"' in html
    empty = client.get("/en/umkm/?kecamatan=cikupa").content.decode()
    assert "No business matches these filters." in empty


def test_the_directory_is_in_the_footer_and_the_sitemap(client):
    assert 'href="/umkm/"' in client.get("/katalog/").content.decode()
    search = client.get("/en/cari/?q=keripik").content.decode()
    assert 'href="/en/umkm/">See all businesses in the directory</a>' in search
    sitemap = client.get("/sitemap.xml").content.decode()
    if "<sitemapindex" in sitemap:
        sitemap = client.get("/sitemap-directory.xml").content.decode()
    assert "/umkm/</loc>" in sitemap and "/en/umkm/</loc>" in sitemap


# What /umkm/ reads, whatever the page size: the kecamatan, the fields (top categories with
# public products), the count, the page's vendors (kecamatan, logo and halal mark joined),
# the logos' renditions, the office contact in the footer.
QUERIES_PER_DIRECTORY_PAGE = 5


@pytest.mark.parametrize("count", [3, 12])
def test_directory_query_count_does_not_grow_with_the_vendors_shown(
    client, settings, django_assert_num_queries, count
):
    settings.CATALOG_PAGE_SIZE = count
    settings.PAGE_CACHE_SECONDS = 0
    category = CategoryFactory()
    for n in range(count):
        vendor = VendorFactory(logo=photo(f"logo{n}.jpg"))
        HalalCertificateFactory(vendor=vendor)
        ProductFactory(vendor=vendor, category=category)
    client.get("/umkm/")  # renditions are generated once, on the first view

    with django_assert_num_queries(QUERIES_PER_DIRECTORY_PAGE):
        response = client.get("/umkm/?halal=on&kecamatan=legok")

    assert len(names(response)) == count
    assert response.content.decode().count('class="badge badge-halal"') == count


def test_the_page_is_cached_for_visitors_and_a_suspension_takes_it_away(
    client, django_assert_num_queries
):
    vendor = VendorFactory(name="Keripik Bu Sari")
    VendorFactory(name="Kopi Cisoka")
    assert names(client.get("/umkm/")) == ["Keripik Bu Sari", "Kopi Cisoka"]
    with django_assert_num_queries(0):
        assert names(client.get("/umkm/")) == ["Keripik Bu Sari", "Kopi Cisoka"]

    services.change_vendor_status(vendor, Vendor.Status.SUSPENDED, StaffFactory(), "Izin dicabut")

    assert names(client.get("/umkm/")) == ["Kopi Cisoka"]
