import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-tests-only-0123456789abcdef",
    "DATABASE_URL": "sqlite:////tmp/etalase-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "etalase.example.id",
    "CSRF_TRUSTED_ORIGINS": "https://etalase.example.id",
    "STRIPE_SECRET_KEY": "sk_test_x",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_x",
    "STRIPE_WEBHOOK_SECRET": "whsec_x",
    "EMAIL_HOST": "smtp.example.id",
    "DEFAULT_FROM_EMAIL": "noreply@example.id",
    "MEDIA_ROOT": "/tmp/etalase-media",
    "PRIVATE_MEDIA_ROOT": "/tmp/etalase-private",
    "CACHE_DIR": "/tmp/etalase-cache",
}


def manage(*args, env):
    # Only what the test gives: nothing from this test process (e.g. Playwright's
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    inherited = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    clean = {k: v for k, v in os.environ.items() if k in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "STRIPE_SECRET_KEY", "EMAIL_HOST"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string" in result.stderr


def test_production_turns_debug_off_and_cookies_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip().endswith("False True True True"), result.stderr


def test_database_url_switches_to_postgresql():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    env = {
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5/db",
    }
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().endswith("django.db.backends.postgresql"), result.stderr


@pytest.mark.smoke
def test_sqlite_is_the_default_database(monkeypatch):
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    env = {"DJANGO_SETTINGS_MODULE": "website.settings.dev"}
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().endswith("django.db.backends.sqlite3"), result.stderr


def test_time_zone_and_languages():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]


def test_a_redis_url_selects_the_cache_that_degrades_when_redis_is_down():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "website.cache_backends.DegradingRedisCache"


def start_web_server(env):
    """What gunicorn does first: import the WSGI application (production settings)."""
    inherited = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    clean = {k: v for k, v in os.environ.items() if k in inherited}
    return subprocess.run(
        [sys.executable, "-c", "from website.wsgi import application; print('started')"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_web_server_refuses_to_start_before_collectstatic(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static")}
    result = start_web_server(env)
    assert result.returncode != 0
    assert "The static files have not been collected" in result.stderr
    assert "collectstatic" in result.stderr
    assert "started" not in result.stdout
    # manage.py commands still run (collectstatic itself, migrate, the worker)
    assert manage("check", env=env).returncode == 0

    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    started = start_web_server(env)
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout


def test_an_unreachable_postgresql_fails_in_seconds_not_minutes():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'])"
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u:p@127.0.0.1:5/db"}
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1] == "{'connect_timeout': 5}", result.stderr


def test_a_transaction_pooler_turns_server_side_cursors_off():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://app:app@127.0.0.1:6432/etalase"}
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS'))"
    )
    assert manage("shell", "-c", code, env=env).stdout.strip().endswith("False")
    pooled = manage("shell", "-c", code, env={**env, "DATABASE_POOLER": "transaction"})
    assert pooled.stdout.strip().endswith("True"), pooled.stderr
    wrong = manage("check", env={**env, "DATABASE_POOLER": "session"})
    assert wrong.returncode != 0
    assert "DATABASE_POOLER must be empty or 'transaction'" in wrong.stderr
