"""The deployment as the README's "Deploy" section describes it, whole: `deploy/nginx.conf`
itself (its addresses, ports and paths replaced by the test's) in front of two gunicorn
instances of the production settings, HTTPS with a throwaway certificate, media on an
S3-compatible server (moto, on loopback), one Redis, one `db_worker`, the test's PostgreSQL.

It checks what the two-server proof (test_two_servers.py) cannot without the proxy and the
media store: the proxy's redirect to HTTPS and the app's trust of its `X-Forwarded-Proto`
(production settings redirect plain HTTP); requests spread over both instances; a photo a
vendor uploads through one instance is on the other's page, and its public URL answers an
anonymous browser; a vendor's edit on one is served by the other on the very next anonymous
request; one instance stopped under load through the proxy makes no request fail.

Marked `multiserver` like the other proof; it needs nginx and openssl (Debian packages)."""

import re
import subprocess
import threading
import time
import warnings
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from catalog.models import Product
from tests.deploy.test_s3_media import S3_ENV, s3_endpoint  # noqa: F401 (a fixture)
from tests.deploy.test_two_servers import Browser, Deployment, production_env
from tests.factories import CategoryFactory, MembershipFactory, ProductFactory, UserFactory
from tests.servers import RedisServer, free_port, require_module, require_program, wait_for_port
from vendors.models import Vendor

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Rahasia-123"  # tests.factories.UserFactory
IMAGE_URL = re.compile(r'src="(http://127\.0\.0\.1:\d+/etalase-media/[^"]+)"')


class Nginx:
    """deploy/nginx.conf with the test's addresses, run by nginx in the foreground."""

    def __init__(self, workdir: Path, upstreams: list[str], media_root: str):
        self.nginx = require_program("nginx", "nginx-light")
        openssl = require_program("openssl", "openssl")
        self.dir = workdir
        self.https_port, self.http_port = free_port(), free_port()
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (workdir / temp).mkdir()
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", str(workdir / "privkey.pem"),
             "-out", str(workdir / "fullchain.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        replacements = {
            "server 10.0.0.11:8000": "server " + upstreams[0].removeprefix("http://"),
            "server 10.0.0.12:8000": "server " + upstreams[1].removeprefix("http://"),
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen 443 ssl": f"listen 127.0.0.1:{self.https_port} ssl",
            "server_name etalase.tangerangkab.go.id;": "server_name 127.0.0.1;",
            "/etc/ssl/etalase/": f"{workdir}/",
            "/srv/etalase/media/": f"{media_root}/",
        }
        for old, new in replacements.items():
            assert old in site, f"deploy/nginx.conf no longer has {old!r}: update this test"
            site = site.replace(old, new)
        (workdir / "site.conf").write_text(site)
        temps = "\n".join(
            f"{t}_temp_path {workdir}/{t};" for t in ("proxy", "fastcgi", "uwsgi", "scgi")
        )
        (workdir / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {workdir}/nginx.pid;\n"
            f"error_log {workdir}/error.log;\n"
            + ("user root;\n" if _is_root() else "")
            + "events { worker_connections 512; }\n"
            f"http {{\n access_log {workdir}/access.log;\n"
            f" client_body_temp_path {workdir}/body;\n {temps}\n"
            f" include {workdir}/site.conf;\n}}\n"
        )
        self.process = subprocess.Popen(
            [self.nginx, "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(self.https_port, 15)
        except RuntimeError:
            self.process.kill()
            raise RuntimeError(self.process.stderr.read().decode()) from None

    @property
    def url(self):
        return f"https://127.0.0.1:{self.https_port}"

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def _is_root() -> bool:
    import os

    return os.geteuid() == 0


class SecureBrowser(Browser):
    """A visitor over HTTPS through the proxy (a throwaway certificate, so not verified), or
    straight to an instance with the header the proxy would add."""

    def __init__(self, direct: bool = False):
        super().__init__()
        self.headers = {"X-Forwarded-Proto": "https"} if direct else {}

    def get(self, base, path):
        response = self.http.get(
            base + path,
            cookies=self.cookies,
            headers=self.headers,
            allow_redirects=False,
            timeout=30,
            verify=False,
        )
        self._keep(response)
        return response

    def post(self, base, path, data, form_path=None, files=None):
        from tests.deploy.test_two_servers import CSRF_INPUT

        form = self.get(base, form_path or path)
        token = CSRF_INPUT.search(form.text).group(1)
        response = self.http.post(
            base + path,
            data={**data, "csrfmiddlewaretoken": token},
            files=files,
            cookies=self.cookies,
            # The page the form was on, as the browser saw it: over HTTPS.
            headers={
                **self.headers,
                "Referer": base.replace("http://", "https://") + (form_path or path),
            },
            allow_redirects=False,
            timeout=60,
            verify=False,
        )
        self._keep(response)
        return response


@pytest.fixture
def proxied(tmp_path, s3_endpoint):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("The multi-server proof runs on PostgreSQL (DATABASE_URL=postgres://…).")
    require_module("redis", "redis")
    require_program("nginx", "nginx-light")
    warnings.filterwarnings("ignore", message="Unverified HTTPS request")
    redis = RedisServer()
    redis.start()
    env = production_env(tmp_path, redis)
    env.update(S3_ENV, AWS_S3_ENDPOINT_URL=s3_endpoint)
    env.update(SECURE_SSL_REDIRECT="true", TRUSTED_PROXY_COUNT="1")
    deployment = Deployment(env, redis)
    proxy = None
    try:
        workdir = tmp_path / "nginx"
        workdir.mkdir()
        proxy = Nginx(workdir, [deployment.url("a"), deployment.url("b")], env["MEDIA_ROOT"])
        yield deployment, proxy
    finally:
        if proxy is not None:
            proxy.close()
        deployment.close()


def published_product(vendor_user):
    vendor = Vendor.objects.get(memberships__user=vendor_user)
    return ProductFactory(
        vendor=vendor,
        category=CategoryFactory(name="Keripik", slug="keripik"),
        name="Keripik Tempe Bu Sari",
        price=25000,
        stock=40,
    )


def jpeg_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (180, 120, 40)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def test_the_documented_proxy_and_media_store_in_front_of_two_instances(proxied):
    deployment, proxy = proxied
    a, b, public = deployment.url("a"), deployment.url("b"), proxy.url
    owner = UserFactory(username="sari")
    # The tests' fast hasher is not one production settings accept: store a real hash.
    owner.password = PBKDF2PasswordHasher().encode(PASSWORD, "proxyproofsalt", iterations=1000)
    owner.save(update_fields=["password"])
    MembershipFactory(user=owner, vendor__status="active", vendor__nib_status="verified")
    product = published_product(owner)
    path = product.get_absolute_url()

    # Plain HTTP at the proxy is sent to HTTPS; through HTTPS the app believes the proxy's
    # X-Forwarded-Proto (production settings would otherwise redirect again, in a loop).
    plain = SecureBrowser().get(f"http://127.0.0.1:{proxy.http_port}", path)
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://127.0.0.1")
    assert SecureBrowser().get(a, path).status_code == 301  # an instance, no proxy header
    statuses = Counter(SecureBrowser().get(public, f"{path}?n={n}").status_code for n in range(20))
    assert statuses == {200: 20}
    # The proxy spreads the requests over both instances.
    served = {name: deployment.log(name).count(f'"path": "{path}"') for name in ("a", "b")}
    assert served["a"] > 0 and served["b"] > 0, served

    # The vendor signs in through the proxy and uploads a photo through instance A.
    vendor = SecureBrowser(direct=True)
    signed_in = vendor.post(
        a, "/en/masuk/", {"username": "sari", "password": PASSWORD}, form_path="/en/masuk/"
    )
    assert signed_in.status_code == 302, signed_in.text[:300]
    photos = f"/en/dasbor/produk/{product.pk}/foto/"
    uploaded = vendor.post(
        a, photos, {}, files=[("photos", ("keripik.jpg", jpeg_bytes(), "image/jpeg"))]
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    assert product.images.count() == 1

    # Instance B shows it on the very next anonymous request, from the media store's public
    # URL, which an anonymous browser can fetch.
    page = SecureBrowser(direct=True).get(b, path)
    assert page.status_code == 200
    urls = IMAGE_URL.findall(page.text)
    assert urls, "the product page shows no photo from the media store"
    photo = SecureBrowser().http.get(urls[0], timeout=30)
    assert photo.status_code == 200
    kind = photo.headers["Content-Type"]
    assert kind in ("image/webp", "image/jpeg"), kind
    assert (
        photo.content[:4] == b"RIFF" if kind == "image/webp" else photo.content[:2] == b"\xff\xd8"
    )

    # A vendor's edit on A is served by B on the very next anonymous request.
    edit = f"/en/dasbor/produk/{product.pk}/"
    form = {
        "category": product.category_id,
        "name": "Keripik Tempe Bu Sari",
        "name_en": "",
        "description": "Renyah.",
        "description_en": "",
        "price": "27500",
        "unit": "250 g",
        "stock": "40",
        "min_order": "1",
        "pirt_number": "",
        "bpom_number": "",
        "halal_certificate": "",
        "tiers-TOTAL_FORMS": "1",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "4",
    }
    assert vendor.post(a, edit, form).status_code == 302
    assert Product.objects.get(pk=product.pk).price == 27500
    fresh = SecureBrowser(direct=True).get(b, path).text
    assert "Rp\u00a027.500" in fresh and "Rp\u00a025.000" not in fresh

    # One instance stopped under load through the proxy: no request fails.
    seen = Counter()
    errors = []
    stop = time.monotonic() + 10

    def visitor(n):
        browser = SecureBrowser()
        while time.monotonic() < stop:
            try:
                seen[browser.get(public, f"{path}?v={n}").status_code] += 1
            except Exception as error:  # a refused or reset connection is a failure too
                errors.append(repr(error))

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    deployment.stop("a")
    for thread in threads:
        thread.join()
    print(f"\nThrough nginx, instance A stopped at 3 s of 10: {dict(seen)}, {len(errors)} errors")
    assert errors == []
    assert set(seen) == {200}, seen
    assert sum(seen.values()) > 50
