"""The bench's PostgreSQL (its own cluster in bench/.data/ unless BENCH_DATABASE_URL names
one), the site's environment, and the seeded data it runs on."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.config import DATA, PG_PORT, PRODUCTS, PYTHON, ROOT, SIZE, VENDORS, log


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("make bench needs PostgreSQL (apt-get install -y postgresql).")
    return found[-1]


def as_postgres(args, **kwargs):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *map(str, args)]
    return subprocess.run(args, check=True, **kwargs)


def start_postgres() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    pg, data, sock = pg_bin(), DATA / "pg" / "data", DATA / "pg" / "sock"
    if not (data / "PG_VERSION").exists():
        init_cluster(pg, data, sock)
    running = (data / "postmaster.pid").exists() and subprocess.run(
        ["pg_isready", "-h", "127.0.0.1", "-p", str(PG_PORT)], capture_output=True
    ).returncode == 0
    if not running:
        start_cluster(pg, data, sock)
    create_database(pg)
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/etalase_bench"


def init_cluster(pg, data, sock):
    sock.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(DATA / "pg", "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    as_postgres(
        [
            pg / "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        stdout=subprocess.DEVNULL,
    )


def start_cluster(pg, data, sock):
    as_postgres(
        [
            pg / "pg_ctl",
            "-D",
            data,
            "-l",
            DATA / "pg" / "log",
            "-w",
            "-o",
            f"-p {PG_PORT} -k {sock} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB"
            " -c max_parallel_workers_per_gather=0",
            "start",
        ],
        stdout=subprocess.DEVNULL,
    )


def create_database(pg):
    """The etalase_bench database, unless it exists."""
    psql = [pg / "psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-Atc"]
    exists = subprocess.run(
        [*psql, "SELECT 1 FROM pg_database WHERE datname='etalase_bench'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run([*psql, "CREATE DATABASE etalase_bench"], check=True)


# The site -----------------------------------------------------------------------------
def site_env(database_url: str, page_cache: bool) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.bench",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
        "STRIPE_WEBHOOK_SECRET": "whsec_bench",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "bench@localhost",
        "MEDIA_ROOT": str(DATA / "media"),
        "PRIVATE_MEDIA_ROOT": str(DATA / "private"),
        "CACHE_DIR": str(DATA / "cache"),
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
    }


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def sql(env, query: str) -> str:
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        f"    c.execute({query!r}); print('\\n'.join('|'.join(map(str, r)) for r in c.fetchall()))"
    )
    return manage(env, "shell", "-v", "0", "-c", code, capture=True).stdout.strip()


def prepare(env) -> dict:
    manage(env, "migrate", "--noinput", capture=True)
    manage(env, "collectstatic", "--noinput", capture=True)
    record = DATA / f"seed{SIZE}.json"
    count = int(sql(env, "SELECT count(*) FROM catalog_product") or 0)
    if count >= PRODUCTS and record.exists():
        seeded = json.loads(record.read_text())
        log(f"Reusing the database: {count:,} products (seeded in {seeded['seconds']:.0f} s).")
        return {**seeded, "reused": True}
    log(f"Seeding {VENDORS:,} vendors and {PRODUCTS:,} products …")
    started = time.perf_counter()
    manage(env, "seed_demo", "--vendors", str(VENDORS), "--products", str(PRODUCTS))
    seconds = time.perf_counter() - started
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )
    seeded = {"seconds": seconds, "vendors": VENDORS, "products": PRODUCTS}
    record.write_text(json.dumps(seeded))
    return {**seeded, "reused": False}
