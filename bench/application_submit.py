"""Time the vendor application's submit (/daftar-umkm/) on the demo data, in process.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python manage.py seed_demo --if-empty
    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python bench/application_submit.py [--profile]

Use a throwaway database: each run adds three applicants. Prints the wall time and the CPU
time of each submit (on a shared machine the wall time is the CPU time stretched by the other
processes), and with --profile the pyinstrument tree of the first one. Asserts nothing.
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image  # noqa: E402

from vendors.models import Kecamatan  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 300_000


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (200, 100, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def application(run: int, halal: bool) -> dict:
    stamp = time.time_ns()
    data = {
        "full_name": "Sari Wulandari",
        "email": f"bench-{stamp}@example.com",
        "password1": "Keripik-Tempe-2026",
        "password2": "Keripik-Tempe-2026",
        "name": f"Bench Keripik {stamp}",
        "kind": "usaha_mikro",
        "kecamatan": Kecamatan.objects.get(name="Legok").pk,
        "desa": "Babat",
        "address": "Jl. Raya Legok No. 5",
        "whatsapp": "0812 3456 7890",
        "year_founded": "2015",
        "kbli_codes": "10794",
        "kbli_edition": "2020",
        "nib": str(9130000000000 + stamp % 999_999_999),
        "nib_document": SimpleUploadedFile("nib.pdf", PDF, content_type="application/pdf"),
        "website": "",
    }
    if halal:
        data |= {
            "halal_number": f"ID3611{stamp % 10**13:013d}",
            "halal_issued_on": "2025-08-01",
            "halal_document": SimpleUploadedFile("halal.png", photo(), content_type="image/png"),
        }
    return data


def main() -> None:
    profile = "--profile" in sys.argv
    for run, halal in enumerate((False, False, True)):
        client = Client()
        client.get("/daftar-umkm/")
        data = application(run, halal)
        profiler = None
        if profile and run == 0:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.post("/daftar-umkm/", data)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(color=False))
        assert response.status_code == 302, response.content.decode()[:2000]
        kind = "NIB PDF + halal PNG" if halal else "NIB PDF"
        print(f"submit {run} ({kind}): {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")


if __name__ == "__main__":
    main()
