"""Settings shared by every environment. dev, test and production override a few lines."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-never-used-in-production")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "website",
    "core",
    "vendors",
    "vendors.facilitation",
    "vendors.trademarks",
    "vendors.cooperatives",
    "vendors.regency_figures",
    "catalog",
    "orders",
    "orders.partnerships",
    "orders.outlets",
    "orders.contracts",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # /healthz for load balancers, before the HTTPS redirect and the host check; then one log
    # line per request, timed from here (website/observability.py).
    "website.observability.HealthCheckMiddleware",
    "website.observability.RequestLogMiddleware",
    # Under gunicorn, a worker runs at most a few requests at once and heavy ones (cart,
    # checkout) take turns across the server (core/lanes.py, deploy/gunicorn.conf.py).
    "core.lanes.RunningLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for text responses when the client accepts it (HTML is 4-6x smaller); below
    # WhiteNoise, which serves its own precompressed static files. BREACH (guessing a secret
    # on a page that also reflects the attacker's input, from the compressed length): the
    # only secret in our pages is the CSRF token, which Django masks afresh for each response,
    # and Django's GZipMiddleware (>= 4.2, checked in django/middleware/gzip.py and
    # django/utils/text.py) pads every gzip header with 0-99 random bytes ("Heal The
    # Breach"). Cached pages are compressed once when stored, with the token left as an
    # uncompressed block and the same padding (core/cache/compress.py, which says more).
    "core.cache.compress.TextGZipMiddleware",
    # Each request reads the content generation once (core/cache/keys.py).
    "core.cache.keys.OneGenerationMiddleware",
    # Whole pages for anonymous visitors, stored with the headers the middleware below adds.
    "core.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "orders.cart.cart_count",
                "core.cache.generation_context",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "core.templatetags.etalase",
                "vendors.templatetags.whatsapp",
            ],
        },
    },
]

# SQLite is the embedded default so the site runs with nothing installed but Python;
# DATABASE_URL=postgres://user:pass@host:port/name switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index and our full-text search need PostgreSQL's extras.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "website.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/dasbor/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Indonesian at /, English under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Vendors' evidence documents (NIB, halal certificates): never under MEDIA_ROOT, never
# served by the web server, only through a view that checks who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One process (runserver, tests): memory. Production shares a cache between its workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "etalase",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Wagtail writes every rendition it looks up into this cache: keep it in memory, per
    # process (a rendition's URL never changes once made).
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # The templates' {% cache %} fragments: kept in the shared cache above and, since every
    # fragment's key names the content generation, in each worker's memory once read.
    "template_fragments": {"BACKEND": "core.cache.fragments.GenerationFragmentCache"},
}
# Sessions read through the cache (written to both): the page cache reads an anonymous
# shopper's session on every page to put their cart count into the shared page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Whole pages for anonymous visitors (core/cache/); 0 switches the page cache off.
# An anonymous visitor whose session holds one of these keys gets pages of their own: the
# vendor application's documents already accepted (vendors/held_uploads.py).
PAGE_CACHE_PERSONAL_SESSION_KEYS = ["vendor_application_held"]
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Etalase Tangerang <noreply@etalase.tangerangkab.go.id>"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content Security Policy: nothing from another host, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Checkout forms redirect to Stripe's hosted page; browsers apply form-action to
        # that redirect.
        "form-action": [SELF, "https://checkout.stripe.com"],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Reverse proxies in front of the app whose X-Forwarded-For is believed when telling one
# client from another (core.throttle.client_address): the number of proxy hops, and/or
# their addresses or networks. None by default: the header is ignored and REMOTE_ADDR is the
# client, as when the app is reached directly.
TRUSTED_PROXY_COUNT = 0
TRUSTED_PROXIES: list[str] = []

WAGTAIL_SITE_NAME = "Etalase Tangerang"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "INDEX_PREFIX": "etalase_",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp"}

# Every line carries the id of the request (or of the request that queued the task) it
# belongs to; website.requests logs one JSON line per request (website/observability.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "website.observability.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"website.requests": {"level": "INFO"}},
}

# Stripe: card payments are shown as unavailable while no key is set (make run works without).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
# Seconds to wait for each answer from Stripe (one retry follows a timeout).
STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "10"))

# Bank transfer: the operator's collecting account, shown on the order page of an order paid
# by transfer. Transfer is offered only while all three are set (dev sets demo values).
TRANSFER_BANK_NAME = os.environ.get("TRANSFER_BANK_NAME", "")
TRANSFER_ACCOUNT_NUMBER = os.environ.get("TRANSFER_ACCOUNT_NUMBER", "")
TRANSFER_ACCOUNT_HOLDER = os.environ.get("TRANSFER_ACCOUNT_HOLDER", "")

# seed_demo refuses to run where this is False (production).
DEMO_DATA_ALLOWED = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to another host
