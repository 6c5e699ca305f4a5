"""What an operator watches: a health endpoint for load balancers, and one structured log
line per request with an id that follows the request into the background tasks it queued.

- ``HealthCheckMiddleware`` answers ``/healthz`` first of all: before the HTTPS redirect and
  the host check (a load balancer probes an instance by its address, over plain HTTP), never
  from the page cache, without a language redirect. 200 "ok" when the database and the shared
  cache both answer, else 503 "unavailable"; which one failed goes to the log, never to the
  caller.
- ``RequestLogMiddleware`` logs, on the ``website.requests`` logger, one JSON line per request:
  method, path (without the query string, which may hold what a visitor typed), status,
  duration in milliseconds and the request id: the proxy's ``X-Request-ID`` when it sent a
  well-formed one, else a new one. The id is sent back in ``X-Request-ID``.
- The id is kept in a context variable while the request runs; ``RequestIdFilter`` puts it on
  every log record (``%(request_id)s``), and a task queued during the request carries it
  into the worker (``db_worker``), whose log lines for that task then show it too.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

request_id: ContextVar[str] = ContextVar("request_id", default="-")
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
HEALTH_PATH = "/healthz"
HEALTH_KEY = "etalase:healthz"

requests_logger = logging.getLogger("website.requests")
health_logger = logging.getLogger("website.health")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request or task)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


def _unhealthy() -> str | None:
    """What is unreachable ("database" or "cache"), or None when both answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 (any failure means unhealthy)
        return f"database ({error.__class__.__name__}: {error})"
    probe = uuid.uuid4().hex
    try:
        cache.set(HEALTH_KEY, probe, 30)
        if cache.get(HEALTH_KEY) != probe:
            return "cache (a value written could not be read back)"
    except Exception as error:  # noqa: BLE001
        return f"cache ({error.__class__.__name__}: {error})"
    return None


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        problem = _unhealthy()
        if problem:
            health_logger.warning("Health check failed: %s is unreachable.", problem)
            response = HttpResponse("unavailable", status=503, content_type="text/plain")
        else:
            response = HttpResponse("ok", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        rid = sent if WELL_FORMED_ID.fullmatch(sent) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            requests_logger.info(
                json.dumps(
                    {
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "request_id": rid,
                    },
                    ensure_ascii=False,
                )
            )
            return response
        finally:
            request_id.reset(token)


# --- The request id into the task queue (django_tasks_db) and back out in the worker
# (connected in website.apps, so the worker has them too).


def tag_task(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save of the queue's rows. A task queued while a request runs carries that request's
    id (next to its args); when the worker claims it (status RUNNING, before it logs the
    start), the id is set for the task's run."""
    from django_tasks_db.compat import TaskResultStatus

    if raw:
        return
    if instance._state.adding:
        rid = request_id.get()
        if rid != "-":
            instance.args_kwargs = {**instance.args_kwargs, "request_id": rid}
    elif update_fields and "status" in update_fields:
        if instance.status == TaskResultStatus.RUNNING:
            request_id.set(instance.args_kwargs.get("request_id", "-"))


def task_finished(sender, task_result, **kwargs):
    """After the worker has logged a task's end: its later lines belong to no request."""
    from django_tasks_db import DatabaseBackend

    if issubclass(sender if isinstance(sender, type) else type(sender), DatabaseBackend):
        request_id.set("-")
