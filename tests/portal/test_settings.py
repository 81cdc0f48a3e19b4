"""Production settings are checked in a separate process: they are read once."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-only-9c1e4b7a2d5f8e0b3c6a9d2f5e8b1c4a7d0f3e6b9c2a5d8f"


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    # Otherwise each host would quietly keep citizens' complaints in a file of its own.
    result = manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="",
    )
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        PORTAL_SITE_URL="https://portal.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_of_a_site_address_left_local():
    result = manage(
        "check",
        "--deploy",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        PORTAL_SITE_URL="http://127.0.0.1:8000",
    )
    assert "portal.W001" in result.stderr + result.stdout


def test_a_malformed_number_in_the_environment_is_named():
    result = manage("check", DJANGO_EMAIL_HOST="smtp.example.org", DJANGO_EMAIL_PORT="twenty-five")
    assert result.returncode != 0
    assert "DJANGO_EMAIL_PORT must be a whole number" in result.stderr


def test_static_files_collect_under_production_settings(tmp_path):
    # The manifest storage refuses any file that a stylesheet or script names
    # and that is missing, such as a source map left out of a vendored copy.
    result = manage(
        "collectstatic",
        "--no-input",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()


def test_several_hosts_share_redis_object_storage_and_a_replica_from_the_environment():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.STORAGES['default']['BACKEND'], s.STORAGES['private']['OPTIONS']['location']);"
        "print(s.DATABASE_ROUTERS, s.DATABASES['replica']['HOST'])",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PORTAL_S3_BUCKET="portal-files",
        DATABASE_REPLICA_URL="postgres://portal@replica.internal/portal",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == [
        "django.core.cache.backends.redis.RedisCache",
        "storages.backends.s3.S3Storage private",
        "['portal.lib.replica.PrimaryReplicaRouter'] replica.internal",
    ]
