"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import datetime
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

# Playwright's sync API runs an event loop in this thread; the ORM calls made by tests and
# by the live server are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: CI must install Debian's chromium package.")
        pytest.skip("Chromium is not installed here (apt-get install chromium); CI runs these.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def phone(browser):
    """A 360 px wide phone-sized page."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script():
    """axe-core's script, from the npm package pinned in package.json (`npm ci`)."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: CI must run `npm ci` before the tests.")
        pytest.skip("axe-core is not installed here (run `npm ci`); CI runs these.")
    return AXE


def accessibility_violations(page, axe_script, impacts=("serious", "critical")) -> list[str]:
    """Runs axe-core in the page; one line per rule broken with one of ``impacts``, naming
    the page and the first elements at fault."""
    page.add_script_tag(path=axe_script)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    url = urlsplit(page.url)
    path = url.path + (f"?{url.query}" if url.query else "")
    return [
        f"{path} [{v['impact']}] {v['id']}: {v['help']} at "
        + ", ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:3])
        + (f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else "")
        for v in violations
        if v["impact"] in impacts
    ]


def fill_terminal_3_checkout(page, payment: str) -> datetime.date:
    """The checkout form as an Indonesian traveller fills it: pickup at Terminal 3 tomorrow
    (Asia/Jakarta) at 10.30 before a 13.30 flight, paid by the option labelled ``payment``."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Nama Anda").fill("Rina Kartika")
    page.get_by_label("E-mail", exact=True).fill("rina@example.com")
    page.get_by_label("Nomor WhatsApp").fill("0812 3456 7890")
    page.get_by_label("Ambil di Terminal 3 sebelum penerbangan").check()
    page.get_by_label("Nomor penerbangan").fill("GA 404")
    page.get_by_label("Keberangkatan (tanggal dan jam, WIB)").fill(f"{tomorrow:%Y-%m-%d}T13:30")
    page.get_by_label("Kapan Anda mengambil (tanggal dan jam, WIB)").fill(
        f"{tomorrow:%Y-%m-%d}T10:30"
    )
    page.get_by_role("radio", name=re.compile("^" + re.escape(payment))).check()
    return tomorrow
