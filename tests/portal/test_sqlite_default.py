"""The SQLite default of `make run` takes a burst of simultaneous writers.

Run in a child process on a file of its own, with the project's settings: the
test suite itself runs on PostgreSQL, and SQLite's locking shows only with
several connections to one file.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BURST = """
import threading, time
import django
django.setup()
from django.db import connection, transaction
from feedback.models import Case
from feedback.services import case_register
from tests.faults import at_once

assert connection.vendor == "sqlite"
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print("journal", cursor.fetchone()[0])

stop = threading.Event()

def task_worker():
    # Tasks claimed and finished the while: the write lock held for a moment each time.
    while not stop.is_set():
        with transaction.atomic():
            Case.objects.filter(pk=0).update(subject="")
            time.sleep(0.05)
        time.sleep(0.05)

def citizen(i):
    return case_register(case_fields={
        "subject": f"เรื่องที่ {i}",
        "details": f"ไฟฟ้าหน้าโรงเรียนดับ จุดที่ {i}",
        "certified_true": True,
    }).number

worker = threading.Thread(target=task_worker)
worker.start()
numbers, errors = at_once(WRITERS, citizen)
stop.set()
worker.join()
print("stored", Case.objects.count(), "distinct", len(set(numbers)), "errors", len(errors))
for error in errors[:3]:
    print(repr(error))
"""


@pytest.mark.parametrize("writers", [40])
def test_the_sqlite_default_takes_a_burst_of_writers_beside_the_task_worker(tmp_path, writers):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_SETTINGS"))
    } | {
        "DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite3",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    script = BURST.replace("WRITERS", str(writers))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines()[:2] == [
        "journal wal",
        f"stored {writers} distinct {writers} errors 0",
    ], result.stdout
