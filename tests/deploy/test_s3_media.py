"""Media on S3-compatible storage, as production configures it (MEDIA_STORAGE=s3), against
moto's S3 server on loopback: public media answer anonymous, unsigned GETs with the right
bytes and a long cache; private documents never do, and are still served to their owner
through the site's view."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests.factories import MembershipFactory, VendorFactory
from tests.servers import free_port, require_module, wait_for_port
from tests.website.test_settings import PRODUCTION_ENV, manage

S3_ENV = {
    "MEDIA_STORAGE": "s3",
    "AWS_S3_ENDPOINT_URL": "",  # set by the fixture
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_STORAGE_BUCKET_NAME": "etalase-media",
    "AWS_PRIVATE_BUCKET_NAME": "etalase-private",
}


@pytest.fixture(scope="module")
def s3_endpoint():
    require_module("moto", "dev")
    boto3 = require_module("boto3", "dev")
    require_module("storages", "dev")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, seconds=30)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        )
        for bucket in (S3_ENV["AWS_STORAGE_BUCKET_NAME"], S3_ENV["AWS_PRIVATE_BUCKET_NAME"]):
            client.create_bucket(Bucket=bucket)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def use_production_storages(settings, endpoint, **extra_env):
    """The STORAGES that the production settings build from the environment, used here."""
    result = manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps({k: settings.STORAGES[k] for k in ('default', 'private')}))",
        env={**PRODUCTION_ENV, **S3_ENV, "AWS_S3_ENDPOINT_URL": endpoint, **extra_env},
    )
    assert result.returncode == 0, result.stderr
    configured = json.loads(result.stdout.strip().splitlines()[-1])
    settings.STORAGES = {**settings.STORAGES, **configured}
    return configured


@pytest.fixture
def production_s3_storages(s3_endpoint, settings):
    return use_production_storages(settings, s3_endpoint)


def anonymous_get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_public_media_are_read_anonymously_by_their_unsigned_url(production_s3_storages):
    storage = storages["default"]
    photo = b"\x89PNG\r\n\x1a\n a product photo " + str(time.time()).encode()
    name = storage.save("original_images/foto.png", ContentFile(photo))
    url = storage.url(name)
    assert "Signature" not in url and "X-Amz-" not in url
    status, body, headers = anonymous_get(url)
    assert status == 200
    assert body == photo
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # A second upload with the same name never replaces the first (its URL stays true).
    second = storage.save("original_images/foto.png", ContentFile(b"another photo"))
    assert second != name
    assert anonymous_get(url)[1] == photo


def test_private_documents_answer_403_to_anonymous_requests(production_s3_storages):
    storage = storages["private"]
    name = storage.save("evidence/nib.pdf", ContentFile(b"%PDF-1.4 secret"))
    bucket_url = f"{storage.endpoint_url}/{storage.bucket_name}/{name}"
    status, body, _ = anonymous_get(bucket_url)
    assert status == 403
    assert b"secret" not in body


@pytest.mark.django_db
def test_the_owner_still_reads_a_private_document_through_the_site(production_s3_storages, client):
    membership = MembershipFactory(vendor=VendorFactory(name="Usaha S3", slug="usaha-s3"))
    vendor = membership.vendor
    vendor.nib_document.save("nib.pdf", ContentFile(b"%PDF-1.4 on S3"), save=True)
    # Stored in the private bucket, not readable there by anyone anonymous.
    private = storages["private"]
    assert private.exists(vendor.nib_document.name)
    url = f"{private.endpoint_url}/{private.bucket_name}/{vendor.nib_document.name}"
    assert anonymous_get(url)[0] == 403

    client.force_login(membership.user)
    response = client.get(f"/dasbor/dokumen/nib/{vendor.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 on S3"
    assert response.headers["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(f"/dasbor/dokumen/nib/{vendor.pk}/").status_code == 302


def test_public_media_can_be_linked_through_a_cdn_domain(s3_endpoint, settings):
    use_production_storages(settings, s3_endpoint, AWS_S3_CUSTOM_DOMAIN="media.example.id")
    storage = storages["default"]
    name = storage.save("images/foto.max-800x800.png", ContentFile(b"a rendition"))
    url = storage.url(name)
    assert url == f"https://media.example.id/{name}"
    # The CDN's origin, the bucket, still answers anonymously.
    assert anonymous_get(f"{s3_endpoint}/{storage.bucket_name}/{name}")[:2] == (
        200,
        b"a rendition",
    )
