"""The registered-trademark badge: on the public profile (mark and IDM number) and on the
directory card, only for a record verified by staff, registered at DJKI and still protected."""

import datetime
import re

import pytest
import time_machine

from tests.catalog.helpers import photo
from tests.factories import HalalCertificateFactory, VendorFactory
from tests.vendors.test_directory import QUERIES_PER_DIRECTORY_PAGE
from tests.vendors.trademarks.conftest import submission
from vendors.trademarks import services
from vendors.trademarks.models import Trademark

pytestmark = pytest.mark.django_db
CARD_BADGE = 'class="badge badge-trademark"'


def badge_text(html) -> str:
    """The profile's trademark section as read aloud: tags out, spaces collapsed."""
    section = re.search(r'<section[^>]*data-section="trademarks".*?</section>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", section.group(0)).split()) if section else ""


def profile(client, vendor, language="") -> str:
    prefix = f"/{language}" if language else ""
    response = client.get(f"{prefix}/umkm/{vendor.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_verified_registered_trademark_shows_on_the_profile_in_both_languages(
    client, business, registered
):
    assert badge_text(profile(client, business)) == (
        "Merek terdaftar Keripik Bu Sari · IDM000123456"
    )
    assert badge_text(profile(client, business, "en")) == (
        "Registered trademark Keripik Bu Sari · IDM000123456"
    )


def test_the_directory_card_shows_the_badge_as_soon_as_staff_verify(
    client, business, owner, officer
):
    trademark = services.submit_trademark(
        business,
        owner,
        submission(registration_number="IDM000123456", registered_on=datetime.date(2025, 1, 20)),
    )
    assert CARD_BADGE not in client.get("/umkm/").content.decode()  # now cached

    services.verify_trademark(trademark, officer)

    page = client.get("/umkm/").content.decode()
    assert page.count(CARD_BADGE) == 1
    assert "Merek terdaftar" in page
    assert "Merek terdaftar" in profile(client, business)


def test_a_registration_waiting_for_verification_shows_no_badge(client, business, owner):
    services.submit_trademark(
        business,
        owner,
        submission(registration_number="IDM000123456", registered_on=datetime.date(2025, 1, 20)),
    )
    assert "Merek terdaftar" not in profile(client, business)
    assert CARD_BADGE not in client.get("/umkm/").content.decode()


def test_a_verified_application_not_yet_registered_shows_no_badge(client, business, owner, officer):
    services.verify_trademark(services.submit_trademark(business, owner, submission()), officer)
    assert "Merek terdaftar" not in profile(client, business)
    assert CARD_BADGE not in client.get("/umkm/").content.decode()


def test_a_rejected_record_shows_no_badge(client, business, registered, officer):
    services.reject_trademark(registered, officer, "Sertifikat palsu")
    assert "Merek terdaftar" not in profile(client, business)
    assert CARD_BADGE not in client.get("/umkm/").content.decode()


def test_the_badge_goes_when_protection_ends(client, business, registered):
    assert registered.expires_on == datetime.date(2034, 3, 11)
    last_day = datetime.datetime(2034, 3, 11, 16, 0, tzinfo=datetime.UTC)  # 23:00 WIB
    with time_machine.travel(last_day, tick=False):
        assert "Merek terdaftar" in profile(client, business)
        assert client.get("/umkm/").content.decode().count(CARD_BADGE) == 1
    with time_machine.travel(last_day + datetime.timedelta(hours=1), tick=False):  # 12 March
        assert "Merek terdaftar" not in profile(client, business)
        assert CARD_BADGE not in client.get("/umkm/").content.decode()
        assert not Trademark.objects.registered_on().exists()


@pytest.mark.parametrize("count", [3, 12])
def test_the_badge_adds_no_query_to_the_directory(
    client, settings, django_assert_num_queries, officer, count
):
    settings.CATALOG_PAGE_SIZE = count
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(count):
        vendor = VendorFactory(logo=photo(f"logo{n}.jpg"))
        HalalCertificateFactory(vendor=vendor)
        Trademark.objects.create(
            vendor=vendor,
            mark=f"Merek {n}",
            nice_class=30,
            application_number=f"DID2024{n:06d}",
            filed_on=datetime.date(2024, 3, 11),
            djki_status="registered",
            registration_number=f"IDM{n:09d}",
            registered_on=datetime.date(2025, 1, 20),
            expires_on=datetime.date(2034, 3, 11),
            status="verified",
        )
    client.get("/umkm/")  # renditions are generated once, on the first view

    with django_assert_num_queries(QUERIES_PER_DIRECTORY_PAGE):
        response = client.get("/umkm/?halal=on&kecamatan=legok")

    assert response.content.decode().count(CARD_BADGE) == count
