# ruff: noqa: F811  (the fixtures are imported from record_fixtures)
"""The cooperative's "Koperasi" section on /dasbor/ and its member count page; the staff's
cooperative pages in the admin. Nobody else opens them."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory
from vendors.cooperatives import services
from vendors.cooperatives.models import Cooperative

from .record_fixtures import (  # noqa: F401
    admin_user,
    coop,
    coop_vendor,
    frozen,
    micro_owner,
    officer,
    other_admin,
    other_coop,
)

pytestmark = pytest.mark.django_db
COUNT = "/dasbor/koperasi/jumlah-anggota/"


def section(client) -> str:
    page = client.get("/dasbor/").content.decode()
    start = page.find('data-section="cooperative"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_the_dashboard_shows_the_record_board_counts_in_both_languages(
    client, coop, admin_user, officer
):
    services.record_legal_entity(coop, officer, "AHU-12.AH.01.26.2021", coop.created_at.date())
    services.classify(coop, officer, Cooperative.Classification.PRODUCER)
    client.force_login(admin_user)
    shown = section(client)
    assert "AHU-0000012.AH.01.26.TAHUN 2021" in shown
    assert "Produsen" in shown and "Catat RAT tahun buku 2025" in shown
    assert "120" in shown
    english = client.get("/en/dasbor/").content.decode()
    assert "Producer" in english and "Record the RAT of book year 2025" in english


def test_a_micro_business_has_no_cooperative_section(client, micro_owner):
    client.force_login(micro_owner)
    assert client.get("/dasbor/").status_code == 200
    assert section(client) == ""
    assert not Cooperative.objects.exists()


def test_admins_record_a_count_and_see_it(client, coop, admin_user):
    client.force_login(admin_user)
    response = client.post(COUNT, {"counted_on": "2026-03-01", "members": "150"})
    assert response.status_code == 302
    coop.vendor.refresh_from_db()
    assert coop.vendor.member_count == 150
    assert "150" in section(client)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"counted_on": "2026-03-01", "members": "banyak"}, "Masukkan bilangan bulat."),
        ({"counted_on": "2026-03-01", "members": "-4"}, "Jumlah anggota tidak boleh negatif."),
        (
            {"counted_on": "2026-03-11", "members": "4"},
            "Tanggal penghitungan tidak boleh di masa depan.",
        ),
    ],
)
def test_a_bad_count_is_refused_with_what_was_typed_kept(client, coop, admin_user, data, message):
    client.force_login(admin_user)
    page = client.post(COUNT, data).content.decode()
    assert message in page
    assert f'value="{data["members"]}"' in page
    assert coop.member_counts.count() == 1


def test_the_count_page_is_404_for_a_micro_business_and_login_first(client, micro_owner):
    assert client.get(COUNT).status_code == 302
    client.force_login(micro_owner)
    assert client.get(COUNT).status_code == 404
    assert client.post(COUNT, {"counted_on": "2026-03-01", "members": "3"}).status_code == 404


# Staff -------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


def test_staff_list_filters_cooperatives(staff_client, coop, other_coop):
    Cooperative.objects.filter(pk=coop.pk).update(classification="serba_usaha")
    page = staff_client.get("/admin/cooperatives/").content.decode()
    assert "Koperasi Sari Tani" in page and "KDKMP Cisoka" in page
    migrate = staff_client.get("/admin/cooperatives/?to_migrate=1").content.decode()
    assert "Koperasi Sari Tani" in migrate and "KDKMP Cisoka" not in migrate
    kdkmp = staff_client.get("/admin/cooperatives/?kdkmp=1").content.decode()
    assert "KDKMP Cisoka" in kdkmp and "Koperasi Sari Tani" not in kdkmp
    status = staff_client.get("/admin/cooperatives/?status=tidak_aktif").content.decode()
    assert "Koperasi Sari Tani" not in status


def test_staff_record_the_legal_entity_and_a_bad_number_keeps_what_was_typed(staff_client, coop):
    url = f"/admin/cooperatives/{coop.pk}/"
    page = staff_client.post(
        url,
        {
            "part": "legal_entity",
            "legal_entity-ahu_number": "123-xyz",
            "legal_entity-ahu_date": "2021-05-03",
        },
    ).content.decode()
    assert "AHU-0001234.AH.01.26.TAHUN 2021" in page  # the shape expected
    assert 'value="123-xyz"' in page
    response = staff_client.post(
        url,
        {
            "part": "legal_entity",
            "legal_entity-ahu_number": "ahu-1234.ah.01.26.tahun 2021",
            "legal_entity-ahu_date": "2021-05-03",
        },
    )
    assert response.status_code == 302
    coop.refresh_from_db()
    assert coop.ahu_number == "AHU-0001234.AH.01.26.TAHUN 2021"


def test_staff_classify_add_the_board_and_change_the_status(staff_client, coop, officer):
    url = f"/admin/cooperatives/{coop.pk}/"
    staff_client.post(url, {"part": "classification", "classification-classification": "jasa"})
    staff_client.post(
        url,
        {
            "part": "board",
            "board-role": "ketua",
            "board-name": "Siti Aminah",
            "board-term_start": "2024-01-01",
            "board-term_end": "2028-12-31",
        },
    )
    staff_client.post(url, {"part": "status", "status-status": "tidak_aktif", "status-note": "x"})
    coop.refresh_from_db()
    assert (coop.classification, coop.status) == ("jasa", "tidak_aktif")
    assert coop.board_members.get().name == "Siti Aminah"
    assert set(coop.events.values_list("kind", flat=True)) == {"classified", "board", "status"}


@pytest.mark.parametrize("admin_access", [False, True])
def test_nobody_but_staff_opens_the_cooperative_pages(client, coop, admin_user, admin_access):
    user = UserFactory(username="editor")
    if admin_access:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    for who in (user, admin_user):
        client.force_login(who)
        for url in (
            "/admin/cooperatives/",
            f"/admin/cooperatives/{coop.pk}/",
            "/admin/cooperatives/rat/",
            "/admin/cooperatives/rat/terlambat/",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"]
        client.post(
            f"/admin/cooperatives/{coop.pk}/",
            {"part": "status", "status-status": "tidak_aktif", "status-note": ""},
        )
        coop.refresh_from_db()
        assert coop.status == "aktif"


def test_the_section_costs_the_same_queries_however_long_the_history(client, coop, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)
    client.get("/dasbor/")  # settings and sessions warmed

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/dasbor/").status_code == 200
        return len(captured)

    before = queries()
    assert section(client)
    for day in range(1, 8):
        services.record_member_count(coop, admin_user, coop.created_at.date().replace(day=day), day)
    assert queries() == before


def test_staff_choose_a_kdkmp_village_among_its_kecamatans(staff_client, other_coop, coop):
    from vendors.models import Desa

    url = f"/admin/cooperatives/{other_coop.pk}/"
    page = staff_client.get(url).content.decode()
    legok = Desa.objects.filter(kecamatan__name="Legok")
    assert legok.first().name in page
    assert (
        'name="village-village"'
        not in staff_client.get(f"/admin/cooperatives/{coop.pk}/").content.decode()
    )  # not a KDKMP
    elsewhere = Desa.objects.exclude(kecamatan__name="Legok").first()
    staff_client.post(url, {"part": "village", "village-village": elsewhere.pk})
    other_coop.refresh_from_db()
    assert other_coop.village is None
    staff_client.post(url, {"part": "village", "village-village": legok.first().pk})
    other_coop.refresh_from_db()
    assert other_coop.village == legok.first()
