"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

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
