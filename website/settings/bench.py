"""`make bench`: the production settings, on loopback, with two additions for measuring.

bench/run.py sets the environment (a local PostgreSQL, a file cache, throwaway keys). The
reference view and the query-count header exist only here.
"""

from .production import *  # noqa: F403
from .production import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# The query counter wraps everything else, so it also counts what other middleware does.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
# Plain http on loopback (the load generator sends X-Forwarded-Proto: https like a proxy).
SECURE_SSL_REDIRECT = False
# The bench seeds its own database with demo data.
DEMO_DATA_ALLOWED = True
