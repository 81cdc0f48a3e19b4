"""`make bench`: every section in order on one throwaway database (see
tests/bench/__init__.py)."""

import io
import sys
import tempfile

from tests.bench.environment import django_setup

django_setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.bench.load import bench_load  # noqa: E402
from tests.bench.pages import bench_pages  # noqa: E402
from tests.bench.report import bench_report  # noqa: E402


def main():
    # A database of its own (created, migrated and dropped like a test database).
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as media:
            settings.MEDIA_ROOT = media
            if "--pages-only" not in sys.argv:
                bench_report()
            # The demo agency on top: the pages show its records (and, after
            # the report bench, the large year's cases in the statistics).
            call_command("createcachetable", verbosity=0)
            call_command("seed_demo", verbosity=0, stdout=io.StringIO())
            bench_pages(settings.DATABASES["default"]["NAME"])
        # On databases of its own, a fresh one per engine (tests/bench/load.py).
        bench_load()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
