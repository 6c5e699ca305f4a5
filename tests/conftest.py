import datetime
import os

import pytest
import time_machine
from django.core.cache import cache, caches
from django.utils import translation

# Run the suite at a chosen instant, e.g. ETALASE_TEST_CLOCK="2026-11-29T23:30+07:00": each test
# starts then and the clock ticks on. Asia/Jakarta's evening is the next day in UTC, and its
# early morning the previous day: code that mixes the two dates fails at one of these hours.
TEST_CLOCK = os.environ.get("ETALASE_TEST_CLOCK")


# The day that tests marked `usefixtures("frozen_day")` live in, at 17:00 in Jakarta (10:00 UTC:
# the same date in both). A date read from the real clock when a module is imported goes stale
# when the suite runs across midnight in Jakarta (17:00 UTC).
FROZEN_DAY = datetime.date(2026, 11, 23)


@pytest.fixture
def frozen_day():
    moment = datetime.datetime.combine(FROZEN_DAY, datetime.time(10, 0), tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=True):
        yield FROZEN_DAY


@pytest.fixture(autouse=True)
def _test_clock(request):
    # Browser tests keep the real clock: Chromium's own clock (cookie expiry, HTTP caching)
    # cannot be moved, and a server hours apart from its browser is no real situation.
    if not TEST_CLOCK or request.node.get_closest_marker("e2e"):
        yield
        return
    with time_machine.travel(datetime.datetime.fromisoformat(TEST_CLOCK), tick=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    from core.cache.memo import memo
    from core.cache.pages import wait_for_renders

    cache.clear()
    caches["template_fragments"].clear()  # each worker's memory of fragments
    memo.clear()  # and of the rest kept per generation (cards, routes, translations)
    yield
    wait_for_renders()  # a page rendered after its response must not land in the next test
    cache.clear()
    caches["template_fragments"].clear()
    memo.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the test before it left
    active in this thread (a request to an /en/ page activates English for the thread)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder, never the developer's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (browser, concurrency) empty the tables between tests; put back
    what the data migrations provide: the Wagtail root and home pages, the kecamatan and
    their desa."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page

    from vendors.models import Desa, Kecamatan
    from website.models import HomePage

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Kecamatan.objects.exists():
        importlib.import_module("vendors.migrations.0002_kecamatan").load(apps, None)
    if not Desa.objects.exists():
        importlib.import_module("vendors.migrations.0005_desa_data").load(apps, None)
    from vendors.cooperatives.models import ClusterField

    if not ClusterField.objects.exists():
        fields = importlib.import_module("vendors.cooperatives.migrations.0002_cluster_fields")
        fields.add_fields(apps, None)
    if not HomePage.objects.exists():
        for code in ("id", "en"):
            Locale.objects.get_or_create(language_code=code)
        if not Page.objects.filter(depth=1).exists():
            root_locale = Locale.objects.get(language_code="id")
            Page.add_root(instance=Page(title="Root", slug="root", locale=root_locale))
        homepages = importlib.import_module("website.migrations.0003_create_homepages")
        homepages.create_homepages(apps, None)
