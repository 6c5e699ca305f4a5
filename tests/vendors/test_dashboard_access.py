import pytest
from django.core.files.base import ContentFile

from tests.factories import HalalCertificateFactory, MembershipFactory, UserFactory, VendorFactory
from tests.vendors.helpers import profile_form
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_vendors():
    a = MembershipFactory(vendor=VendorFactory(name="Usaha A", slug="usaha-a"))
    b = MembershipFactory(vendor=VendorFactory(name="Usaha B", slug="usaha-b"))
    a.vendor.nib_document.save("a.pdf", ContentFile(b"%PDF-1.4 A"), save=True)
    b.vendor.nib_document.save("b.pdf", ContentFile(b"%PDF-1.4 B"), save=True)
    return a, b


def test_dashboard_needs_a_login(client):
    response = client.get("/dasbor/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/masuk/?next=/dasbor/")


def test_a_user_without_a_business_is_invited_to_register(client):
    client.force_login(UserFactory())
    html = client.get("/dasbor/").content.decode()
    assert "/daftar-umkm/" in html


def test_a_vendor_sees_only_its_own_business(client, two_vendors):
    a, b = two_vendors
    client.force_login(a.user)
    html = client.get("/dasbor/").content.decode()
    assert "Usaha A" in html
    assert "Usaha B" not in html


def test_a_vendor_reads_its_own_document_but_not_anothers(client, two_vendors):
    a, b = two_vendors
    client.force_login(a.user)
    own = client.get(f"/dasbor/dokumen/nib/{a.vendor.pk}/")
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == b"%PDF-1.4 A"
    assert own.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/dasbor/dokumen/nib/{b.vendor.pk}/").status_code == 404
    certificate = HalalCertificateFactory(vendor=b.vendor)
    certificate.document.save("h.pdf", ContentFile(b"%PDF-1.4 H"), save=True)
    assert client.get(f"/dasbor/dokumen/halal/{certificate.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/dasbor/dokumen/nib/{a.vendor.pk}/").status_code == 302


def test_documents_are_not_under_public_media(client, two_vendors, settings):
    a, _ = two_vendors
    path = a.vendor.nib_document.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{a.vendor.nib_document.name}").status_code == 404


def test_switching_to_another_vendors_id_is_refused(client, two_vendors):
    a, b = two_vendors
    client.force_login(a.user)
    assert client.post("/dasbor/pilih-usaha/", {"vendor": b.vendor.pk}).status_code == 404
    assert client.post("/dasbor/pilih-usaha/", {"vendor": "abc"}).status_code == 404
    assert "Usaha B" not in client.get("/dasbor/").content.decode()


def test_a_member_of_two_vendors_switches_between_them(client, two_vendors):
    a, b = two_vendors
    MembershipFactory(user=a.user, vendor=b.vendor)
    client.force_login(a.user)
    html = client.get("/dasbor/").content.decode()
    assert "Usaha A" in html and 'name="vendor"' in html
    client.post("/dasbor/pilih-usaha/", {"vendor": b.vendor.pk})
    html = client.get("/dasbor/").content.decode()
    assert "<h1>Usaha B</h1>" in html


def test_editing_the_profile_only_touches_the_own_vendor_even_with_tampered_fields(
    client, two_vendors
):
    a, b = two_vendors
    client.force_login(a.user)
    data = profile_form(
        a.vendor,
        name="Usaha A Baru",
        desa="Babat",
        address="Legok",
        # Tampering: fields that are not on the form, and another vendor's id.
        id=b.vendor.pk,
        pk=b.vendor.pk,
        vendor=b.vendor.pk,
        status="active",
        nib_status="verified",
        nib="1111111111111",
    )
    response = client.post("/dasbor/profil/", data)
    assert response.status_code == 302
    a.vendor.refresh_from_db()
    b.vendor.refresh_from_db()
    assert a.vendor.name == "Usaha A Baru"
    assert b.vendor.name == "Usaha B"
    assert a.vendor.nib != "1111111111111"


def test_an_applicant_cannot_verify_itself_through_the_profile_form(client):
    membership = MembershipFactory(
        vendor=VendorFactory(status=Vendor.Status.APPLIED, nib_status=Vendor.NibStatus.PENDING)
    )
    client.force_login(membership.user)
    data = profile_form(membership.vendor, name="X", status="active", nib_status="verified")
    client.post("/dasbor/profil/", data)
    membership.vendor.refresh_from_db()
    assert membership.vendor.nib_status == Vendor.NibStatus.PENDING
    assert membership.vendor.status == Vendor.Status.APPLIED


def test_profile_photo_upload_refuses_non_images_and_bombs(client, two_vendors):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    a, _ = two_vendors
    client.force_login(a.user)
    base = profile_form(a.vendor, name="Usaha A")
    fake = SimpleUploadedFile("logo.jpg", b"not an image at all", "image/jpeg")
    response = client.post("/dasbor/profil/", {**base, "logo_upload": fake})
    assert response.status_code == 200
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG")  # 81 megapixels, a few KB
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")
    response = client.post("/dasbor/profil/", {**base, "cover_upload": bomb})
    assert response.status_code == 200
    a.vendor.refresh_from_db()
    assert a.vendor.logo is None and a.vendor.cover is None
