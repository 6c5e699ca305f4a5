"""The partnership request and the vendor application: a blank form's fields are kept per
content generation and the form itself is only made when they are missing, so a repeated
visit reads and builds nothing (page cache off, as for signed-in visitors); a posted form is
always the visitor's own."""

import re

import pytest

pytestmark = pytest.mark.django_db

FORMS = ["/kemitraan/", "/daftar-umkm/"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.parametrize("path", FORMS)
def test_a_repeated_visit_to_a_blank_form_reads_nothing(client, path, django_assert_num_queries):
    first = client.get(path).content.decode()
    with django_assert_num_queries(0):
        second = client.get(path).content.decode()
    assert second.count("<input") == first.count("<input") > 5
    assert 'class="form-errors"' not in second
    # The honeypot is in the kept fields, inside the form.
    form = re.search(r"<form method=\"post\".*?</form>", second, re.S).group(0)
    assert 'name="website"' in form and 'class="hp"' in form


@pytest.mark.parametrize("path", FORMS)
def test_a_posted_form_shows_its_own_errors_and_what_was_typed(client, path):
    client.get(path)  # the blank form's fields are kept
    html = client.post(path, {"email": "hotel@example.com"}).content.decode()
    assert 'class="form-errors"' in html
    assert 'value="hotel@example.com"' in html
    assert 'name="website"' in html
    assert "hotel@example.com" not in client.get(path).content.decode()
