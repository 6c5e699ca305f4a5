"""What an operator watches: /healthz for load balancers, one log line per request with a
request id, and that id again on the worker's lines for a task the request queued."""

import json
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory
from website.observability import RequestIdFilter


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.INFO, logger="website.requests")
    caplog.handler.addFilter(RequestIdFilter())
    return caplog


def logged_requests(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "website.requests"]


@pytest.mark.django_db
def test_healthz_answers_ok_uncached_without_redirects(settings):
    settings.SECURE_SSL_REDIRECT = True  # production: every other plain-HTTP request redirects
    settings.ALLOWED_HOSTS = ["etalase.example.id"]
    for _ in range(2):  # the second is not a page-cache hit
        response = Client().get("/healthz", HTTP_HOST="10.0.0.7:8000", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert response.content == b"ok"
        assert response["Cache-Control"] == "no-store"
        assert "X-Page-Cache" not in response
    assert Client().get("/", HTTP_HOST="etalase.example.id").status_code == 301


def test_healthz_says_unavailable_without_details_when_the_database_is_unreachable(caplog):
    # No django_db mark: the test database refuses every connection, as a database that is down.
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable"
    assert response["Cache-Control"] == "no-store"
    assert any("Health check failed: database" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_one_line_per_request_with_method_path_status_duration_and_a_new_id(request_log):
    response = Client().get("/katalog/?q=rahasia")
    lines = logged_requests(request_log)
    assert len(lines) == 1
    line = lines[0]
    assert line["method"] == "GET"
    assert line["path"] == "/katalog/"  # never the query string
    assert line["status"] == 200
    assert 0 < line["duration_ms"] < 60_000
    assert len(line["request_id"]) == 32
    assert response["X-Request-ID"] == line["request_id"]
    Client().get("/halaman-yang-tidak-ada/")
    second = logged_requests(request_log)[1]
    assert second["status"] == 404
    assert second["request_id"] != line["request_id"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a", True),  # nginx's $request_id
        ("0b1e6c9e-2f4a-4d2b-9f0e-6a1c3b5d7e9f", True),  # a UUID
        ("short", False),
        ("x" * 200, False),
        ("abc123456\nforged log line", False),
        ('"><script>alert(1)</script>', False),
    ],
)
def test_the_proxys_request_id_is_used_only_when_well_formed(request_log, sent, kept):
    response = Client().get("/", HTTP_X_REQUEST_ID=sent)
    logged = logged_requests(request_log)[0]["request_id"]
    assert response["X-Request-ID"] == logged
    assert (logged == sent) is kept


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_by_a_request_logs_that_requests_id_in_the_worker(settings, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())
    user = UserFactory(email="sari@example.id")
    response = Client().post(
        "/en/masuk/lupa-sandi/",
        {"email": user.email},
        HTTP_X_REQUEST_ID="req-7f3a9c21e4b5",
    )
    assert response.status_code == 302
    assert mail.outbox == []  # queued, not sent in the request

    caplog.clear()
    worker_loggers = [logging.getLogger(n) for n in ("django_tasks", "django_tasks_db")]
    levels = [each.level for each in worker_loggers]
    try:  # as production runs it (it logs each task at INFO)
        call_command("db_worker", "--batch", "--no-startup-delay")
    finally:
        for each, level in zip(worker_loggers, levels, strict=True):
            each.setLevel(level)
    assert len(mail.outbox) == 1
    task_lines = [
        r for r in caplog.records if r.name.startswith("django_tasks") and "Task id=" in r.msg
    ]
    assert task_lines, [r.getMessage() for r in caplog.records]
    assert {r.request_id for r in task_lines} == {"req-7f3a9c21e4b5"}
    # Work outside any request or task carries no id.
    outside = logging.LogRecord("x", logging.INFO, "", 0, "after", None, None)
    RequestIdFilter().filter(outside)
    assert outside.request_id == "-"
