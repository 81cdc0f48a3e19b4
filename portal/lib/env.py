"""Reading the environment for `portal/settings.py`.

Everything that differs between a laptop and a server comes from environment
variables; these helpers parse them the same way everywhere and fail loudly
(ImproperlyConfigured) on a value that would otherwise be misread.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off.")
    return value


# Where an installed portal writes unless PORTAL_DATA_DIR says otherwise.
INSTALLED_DATA_DIR = Path("/var/lib/portal")


@dataclass(frozen=True)
class DataPaths:
    """Everything the portal writes: the SQLite file (when DATABASE_URL is
    unset), the collected static files, what staff publish (media) and the
    private storage (citizens' attachments, kept PDF renderings, imports)."""

    sqlite: Path
    static: Path
    media: Path
    private: Path


def data_paths_from_env(*, checkout):
    """The portal's writable folders, all under one data folder: PORTAL_DATA_DIR,
    else the checkout's var/ when run from a checkout (`checkout` is its folder;
    its SQLite file stays beside manage.py) and /var/lib/portal when installed
    (`checkout` is None). Never inside the installed package: site-packages is
    replaced by each upgrade and read-only under the systemd units.
    DJANGO_STATIC_ROOT, DJANGO_MEDIA_ROOT, DJANGO_PRIVATE_MEDIA_ROOT move one
    folder on its own."""
    given = env_path("PORTAL_DATA_DIR")
    if given is None and checkout is not None:
        root, sqlite = checkout / "var", checkout / "db.sqlite3"
    else:
        root = given or INSTALLED_DATA_DIR
        sqlite = root / "db.sqlite3"
    return DataPaths(
        sqlite=sqlite,
        static=env_path("DJANGO_STATIC_ROOT") or root / "static",
        media=env_path("DJANGO_MEDIA_ROOT") or root / "media",
        private=env_path("DJANGO_PRIVATE_MEDIA_ROOT") or root / "private",
    )


def env_path(name):
    """An absolute folder from the environment, or None when unset or empty. A
    relative one would depend on the folder a command happens to start in."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not os.path.isabs(value):
        raise ImproperlyConfigured(f"{name} must be an absolute path, not {value!r}.")
    return Path(value)


def database_from_env(url):
    """The `DATABASES["default"]` entry for `url`, with the options each engine needs."""
    database = dj_database_url.parse(url)
    if database["ENGINE"] == "django.db.backends.postgresql":
        # A connection per request halves throughput (docs/domain.md, "Connections");
        # psycopg's pool keeps them.
        # Sizes per process: several hosts × several workers must stay under
        # PostgreSQL's max_connections (100 by default), so a pool starts with one.
        from psycopg_pool import ConnectionPool

        pool = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 4),
            # After a database restart every pooled connection is dead: test each
            # one as it is handed out, so the first requests after the restart
            # do not fail on a stale connection.
            "check": ConnectionPool.check_connection,
            # With the database away a request gets its form back in seconds
            # rather than waiting the pool's default 30 s for a connection.
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 5),
            # While the database is away the pool retries with a doubling delay
            # (1, 2, 4 … s) until this many seconds, then starts again from 1 s
            # when a request asks: the default 300 s let the delay reach minutes,
            # so the portal stayed down long after the database was back.
            "reconnect_timeout": env_int("DATABASE_POOL_RECONNECT_TIMEOUT", 5),
        }
        database.setdefault("OPTIONS", {})["pool"] = (
            pool if env_bool("DATABASE_POOL", True) else False
        )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # The embedded default must take a burst of citizens on one machine. WAL
        # lets pages read while one writer writes; IMMEDIATE takes the write lock
        # when a transaction begins, so two writers queue for it (the busy timeout,
        # in seconds) instead of one failing with "database is locked" half-way.
        # synchronous=NORMAL is safe under WAL (a power cut loses at most the last
        # commits, never the file) and keeps each commit to one write.
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("DATABASE_SQLITE_TIMEOUT", 20),
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
                ),
            }
        )
    return database


def caches_from_env():
    """`CACHES`: the database's cache tables on one server, Redis with REDIS_URL."""
    redis_url = os.environ.get("REDIS_URL")
    # Rate limits and cached PDFs must be shared by every web worker; the
    # database is the one shared store a one-server install already has. Several
    # hosts share Redis instead (REDIS_URL): atomic counters, no culling by
    # unrelated entries, and no stale reads from a database replica.
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }
    if redis_url:
        caches["default"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
        # Exact rate-limit counters (atomic INCR) under an alias of their own;
        # without Redis they have a table (PORTAL_RATE_LIMIT_MODEL).
        caches["rate_limits"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "portal",
        }
    # Whole public pages for anonymous visitors, in a store of their own so
    # that pages never push cached PDFs out (portal/lib/page_cache.py).
    caches["pages"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
    if redis_url:
        caches["pages"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "pages",
        }
    return caches
