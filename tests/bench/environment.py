"""Django for the benchmark process (and the processes it spawns)."""

import os


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # Never the project's own SQLite file: without PostgreSQL, a throwaway one.
    os.environ.setdefault("DATABASE_URL", f"sqlite:////tmp/portal-bench-{os.getpid()}.sqlite3")
    import django

    django.setup()
