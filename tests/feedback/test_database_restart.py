"""PostgreSQL stopped and started again in the middle of a burst of complaints:
each sending is stored whole or refused with its form back, also for a citizen
who already holds a session cookie; nothing is left half-written; the portal
recovers by itself.

The cluster is the test's own (the suite's may not be stopped under the other
tests), given the suite's migrated schema rather than migrating it again.
"""

import getpass
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SERVED = (200, 302)  # the receipt shown at once, or the way to it


def _pg_bin():
    if shutil.which("initdb") and shutil.which("pg_ctl"):
        # Resolved: a link on PATH may stand alone, away from pg_dump and psql.
        return Path(shutil.which("initdb")).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return candidates[0].parent if candidates else None


def _suite_schema(pg_bin):
    """The schema of the suite's migrated test database, as SQL."""
    db = connection.settings_dict
    with connection.cursor() as cursor:  # its name, whatever the test runner made it
        cursor.execute("SELECT current_database()")
        (name,) = cursor.fetchone()
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    dump = subprocess.run(
        [pg_bin / "pg_dump", "--schema-only", "--no-owner", "--no-privileges", name]
        + [f"--username={db['USER']}"]
        + ([f"--host={host}"] if host else [])
        + ([f"--port={db['PORT']}"] if db["PORT"] else []),
        check=True,
        capture_output=True,
        env=os.environ | ({"PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else {}),
    )
    return dump.stdout


@pytest.fixture
def cluster(db):
    """A PostgreSQL cluster of this test's own, which it may stop and start."""
    pg_bin = _pg_bin()
    if pg_bin is None or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's server binaries and a PostgreSQL test database")
    schema = _suite_schema(pg_bin)
    folder = Path(tempfile.mkdtemp(prefix="portal-restart."))
    as_user, user = [], getpass.getuser()
    if os.getuid() == 0:  # PostgreSQL refuses to run as root
        as_user, user = ["runuser", "-u", "postgres", "--"], "postgres"
        shutil.chown(folder, "postgres")
    data = folder / "data"
    initdb = [pg_bin / "initdb", "-D", data, "-U", user, "--auth=trust", "--no-sync"]
    subprocess.run(
        [*as_user, *initdb, "--locale=C.UTF-8", "--encoding=UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-k {folder} -c listen_addresses='' -c fsync=off"
    pg_ctl = [*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options]
    pg_ctl += ["-l", str(folder / "server.log")]
    subprocess.run([*pg_ctl, "-w", "start"], check=True, capture_output=True)
    subprocess.run(
        [pg_bin / "psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", folder, "-U", user, "postgres"],
        input=schema,
        check=True,
        capture_output=True,
    )
    yield {"url": f"postgres://{user}@/postgres?host={folder}", "pg_ctl": pg_ctl}
    subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def test_a_database_restart_mid_burst_loses_nothing_and_leaves_nothing_half_written(
    cluster, tmp_path
):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "PORTAL_", "REDIS_"))
    } | {
        "DATABASE_URL": cluster["url"],
        "DATABASE_POOL_TIMEOUT": "2",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "PORTAL_CASES_PER_HOUR": "100000",
        "PORTAL_CASE_ATTEMPTS_PER_HOUR": "100000",
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.feedback.restart_burst", *cluster["pg_ctl"]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.splitlines()[-1])
    outcomes, stored = result["outcomes"], set(result["stored_tokens"])

    for outcome in outcomes:  # whole or not at all, and the citizen told which
        if outcome["status"] == 302:
            assert outcome["token"] in stored, outcome
        elif outcome["status"] == 200:  # the database lost just after the commit
            assert outcome["receipt"] and outcome["token"] in stored, outcome
        else:
            assert outcome["status"] == 503 and outcome["form_back"], outcome
            assert outcome["token"] not in stored, outcome
    assert result["cases_without_attachment"] == 0
    assert result["attachment_files"] == result["files_on_disk"]  # no orphan file

    # Sent and answered while the database was stopped: every one refused with
    # its form, whether the browser held a session or not.
    while_down = [o for o in outcomes if o["started_in"] == o["ended_in"] == "down"]
    assert {o["returning"] for o in while_down} == {True, False}
    assert all(o["status"] == 503 for o in while_down)
    # Before the stop and once it was back, the portal stored cases again by itself.
    assert all(o["status"] in SERVED for o in outcomes if o["ended_in"] == "up")
    assert result["reached"] == {"burst": True, "down": True, "recovered": True}, outcomes
