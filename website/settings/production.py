"""Production: everything that differs between deployments comes from the environment.

A missing required variable stops start-up with a message naming it, rather than a site that
runs half-configured.
"""

import ipaddress
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS, STATIC_ROOT, STORAGES


def require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set."
        )
    return value


def listed(name: str) -> list[str]:
    return [item.strip() for item in require(name).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = require("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = listed("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = listed("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = CSRF_TRUSTED_ORIGINS[0]

DATABASES = {"default": dj_database_url.parse(require("DATABASE_URL"), conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and "django.contrib.postgres" not in INSTALLED_APPS
):
    INSTALLED_APPS.append("django.contrib.postgres")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database server fails a request (and /healthz) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # Behind a pooler in transaction mode (PgBouncer `pool_mode = transaction`) one server
    # connection serves many clients between transactions: a cursor that outlives its
    # transaction (Django's server-side cursors for .iterator()) would be lost.
    pooler = os.environ.get("DATABASE_POOLER", "").strip().lower()
    if pooler not in ("", "transaction"):
        raise ImproperlyConfigured("DATABASE_POOLER must be empty or 'transaction'.")
    if pooler == "transaction":
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

STRIPE_SECRET_KEY = require("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = require("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = require("STRIPE_WEBHOOK_SECRET")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = require("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = require("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Static files: pages name them through the manifest `collectstatic` writes, and without it
# every page would be a 500 ("Missing staticfiles manifest entry"). So the web server (gunicorn,
# wsgi.py, runserver) refuses to start until `manage.py collectstatic` has run; the other
# manage.py commands (collectstatic itself, migrate, db_worker, cron's) need no manifest.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "").strip() or STATIC_ROOT)
MANAGEMENT_PROGRAMS = {"manage.py", "django-admin", "django-admin.py", "__main__.py"}
_command = sys.argv[1] if len(sys.argv) > 1 else ""
if (Path(sys.argv[0]).name not in MANAGEMENT_PROGRAMS or _command == "runserver") and not (
    STATIC_ROOT / "staticfiles.json"
).is_file():
    raise ImproperlyConfigured(
        f"The static files have not been collected: {STATIC_ROOT / 'staticfiles.json'} is "
        "missing. Run `python manage.py collectstatic --noinput` (with these settings) before "
        "starting the web server, and again after every deploy."
    )

# Media: local disk (one server) or S3-compatible object storage (several app servers).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    # Two buckets, one endpoint and key. Public media (product photos, their renditions) are
    # written public-read and linked by unsigned, cacheable URLs; a bucket whose ACLs are
    # disabled (S3's default "bucket owner enforced") takes AWS_PUBLIC_MEDIA_ACL= (empty) and
    # a bucket policy granting s3:GetObject instead. Private documents are written private
    # and are only ever streamed by the app to the people allowed to see them.
    _s3 = {
        "endpoint_url": require("AWS_S3_ENDPOINT_URL"),
        "access_key": require("AWS_ACCESS_KEY_ID"),
        "secret_key": require("AWS_SECRET_ACCESS_KEY"),
        "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
        # Never replace a stored file: a second "foto.jpg" gets a new name, so a URL always
        # means the same bytes (which the year-long, immutable cache header relies on).
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": require("AWS_STORAGE_BUCKET_NAME"),
            "default_acl": os.environ.get("AWS_PUBLIC_MEDIA_ACL", "public-read").strip() or None,
            "querystring_auth": False,
            # A CDN in front of the bucket (host name only, e.g. media.etalase.example.id).
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": require("AWS_PRIVATE_BUCKET_NAME"),
            "default_acl": "private",
            # Only signed, short-lived URLs if anything ever asks for one (nothing does:
            # core.storage.PrivateStorage has no URL; views stream the file).
            "querystring_auth": True,
            "querystring_expire": 300,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
elif MEDIA_STORAGE == "filesystem":
    MEDIA_ROOT = require("MEDIA_ROOT")
    PRIVATE_MEDIA_ROOT = require("PRIVATE_MEDIA_ROOT")
    STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")

# The cache must be shared by all workers (it holds the page cache's generation token):
# Redis when several app servers share it, else files on this server's disk. A Redis outage
# degrades (pages render uncached, logged) instead of failing: website.cache_backends.
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "website.cache_backends.DegradingRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # Short timeouts: an unreachable Redis must not hold a request for long.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }
else:
    CACHES["default"] = {
        "BACKEND": "website.cache_backends.FileCache",
        "LOCATION": require("CACHE_DIR"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

# Background work (e-mails, reservation expiry) in a database queue, run by
# `manage.py db_worker`: a slow or failing mail server never holds up a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Which hops of X-Forwarded-For are our own reverse proxies (see core.throttle).
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or "0")
    TRUSTED_PROXIES = [
        str(ipaddress.ip_network(item.strip(), strict=False))
        for item in os.environ.get("TRUSTED_PROXIES", "").split(",")
        if item.strip()
    ]
except ValueError as error:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXY_COUNT must be a whole number and TRUSTED_PROXIES addresses or "
        f"networks, separated by commas: {error}"
    ) from None
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT cannot be negative.")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

DEMO_DATA_ALLOWED = False
